import type { StreamEvent } from '$lib/realtime/protocol';

export interface Participant {
	id: string;
	name: string;
	kind: string;
}

/**
 * Applies `incident.shared` / `incident.unshared` / `incident.left` to the organizations taking part (pure:
 * the room folds live events over what the server rendered).
 */
export function applyToParticipants(
	organizations: Participant[],
	event: StreamEvent
): Participant[] {
	if (event.kind === 'incident.shared') {
		const { organizationId: id, name, kind } = event.payload;
		return addedOnce(organizations, { id, name, kind });
	}
	if (event.kind === 'incident.unshared' || event.kind === 'incident.left') {
		return organizations.filter((o) => o.id !== event.payload.organizationId);
	}
	return organizations;
}

export interface PendingInvitation {
	id: string;
	organizationId: string;
	name: string;
}

/** Invitations waiting for an answer: sent ones appear, answered or withdrawn ones go. */
export function applyToInvitations(
	pending: PendingInvitation[],
	event: StreamEvent
): PendingInvitation[] {
	if (event.kind === 'incident.invited') {
		const { invitationId: id, organizationId, name } = event.payload;
		return addedOnce(pending, { id, organizationId, name });
	}
	if (
		event.kind === 'incident.shared' ||
		event.kind === 'incident.invitation_declined' ||
		event.kind === 'incident.invitation_withdrawn'
	) {
		const { organizationId } = event.payload;
		return pending.filter((p) => p.organizationId !== organizationId);
	}
	return pending;
}

/** The kinds the sharing panel folds. */
export const SHARING_KINDS: ReadonlySet<string> = new Set([
	'incident.shared',
	'incident.unshared',
	'incident.left',
	'incident.invited',
	'incident.invitation_declined',
	'incident.invitation_withdrawn'
]);

/** The list with `item` at its end, unless it holds one with that id (an event seen twice). */
function addedOnce<T extends { id: string }>(list: T[], item: T): T[] {
	return list.some((other) => other.id === item.id) ? list : [...list, item];
}

/** An invitation into another organization's incident, waiting for one of its admins. */
export interface ReceivedInvitation {
	id: string;
	organizationId: string;
	organizationName: string;
	incidentId: string;
	/** All the invited organization learns of the incident before it accepts. */
	title: string;
	from: string;
	createdAt: Date;
}
