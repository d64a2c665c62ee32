import type { StreamEvent } from '$lib/realtime/protocol';
import { describeInventoryEvent } from '$lib/inventory/events';
import { m } from '$lib/paraglide/messages';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One line a person reads for an event of the organization's stream. */
export function describeEvent(event: StreamEvent): string {
	const p = event.payload;
	switch (event.kind) {
		case 'organization.created':
			return m.event_organization_created({ name: text(p.name) });
		case 'member.joined':
			return m.event_member_joined({ role: text(p.role) });
		case 'member.role_changed':
			return m.event_member_role_changed({
				name: text(p.name),
				from: text(p.from),
				to: text(p.to)
			});
		case 'member.removed':
			return m.event_member_removed({ name: text(p.name) });
		case 'invite.created':
			return m.event_invite_created({ role: text(p.role) });
		case 'invite.revoked':
			return m.event_invite_revoked();
		case 'member.password_reset_issued':
			return m.event_password_reset_issued();
		case 'member.password_reset':
			return m.event_password_reset();
		case 'token.created':
			return m.event_token_created({ name: text(p.name), role: text(p.role) });
		case 'token.revoked':
			return m.event_token_revoked({ name: text(p.name) });
		case 'organization.sso_configured':
			return m.sso_event_configured({ name: text(p.name) });
		case 'organization.sso_removed':
			return m.sso_event_removed({ name: text(p.name) });
		default:
			return describeInventoryEvent(event) ?? event.kind;
	}
}
