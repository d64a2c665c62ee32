import { describe as group, expect, it } from 'vitest';
import { describe } from '../../src/lib/events/describe';
import { EVENT_KINDS, EVENT_TRAITS, kindsOfCategory } from '../../src/lib/events/traits';
import type { StepEventPayload } from '../../src/lib/runbooks/events';

const stepPayload: StepEventPayload = {
	runId: 'r',
	stepId: 's',
	title: 'Restore db01',
	action: 'note',
	from: 'in_progress',
	to: 'in_progress',
	reason: null,
	version: 4,
	assigneeId: null,
	assigneeName: null,
	startedAt: null,
	endedAt: null,
	note: {
		at: '2025-11-21T23:00:00Z',
		authorId: 'u',
		authorName: 'Marc',
		text: 'Backup is 2 h old'
	},
	readied: [],
	unreadied: []
};

group('the event map', () => {
	it('shows a step note’s text, not “[object Object]”', () => {
		const line = describe({ kind: 'step.noted', payload: stepPayload });
		expect(line).toBe('on “Restore db01”: Backup is 2 h old');
		expect(line).not.toContain('[object Object]');
	});

	it('names a template and a contact change in words, never by the raw kind', () => {
		const template = describe({
			kind: 'template.created',
			payload: { templateId: 't', name: 'Rebuild the shop cluster', version: 1 }
		});
		expect(template).toBe('created the runbook template “Rebuild the shop cluster”');
		const contact = describe({
			kind: 'contact.updated',
			payload: { contactId: 'c', name: 'NOC', version: 2 }
		});
		expect(contact).toBe('edited the contact NOC');
		for (const line of [template, contact]) expect(line).not.toMatch(/[a-z_]+\.[a-z_]+/);
	});

	it('puts action items in the incidents’ audit category, and every kind in one', () => {
		expect(kindsOfCategory('incidents')).toEqual(
			expect.arrayContaining(['action_item.added', 'action_item.updated', 'action_item.removed'])
		);
		const categorised = (
			['members', 'tokens', 'templates', 'inventory', 'contacts', 'incidents'] as const
		)
			.flatMap((category) => kindsOfCategory(category))
			.sort();
		expect(categorised).toEqual([...EVENT_KINDS].sort());
		expect(kindsOfCategory('sign_ins')).toEqual([]);
	});

	it('keeps members, invites, tokens, integrations and sign-in providers for admins, and everything else for every member', () => {
		for (const kind of EVENT_KINDS) {
			// What only admin pages show: members, invites, tokens, alert integrations, webhooks, SSO,
			// and the invitations into other organizations' incidents (answered by admins).
			const restricted =
				/^(member|invite|token|integration|webhook)\.|^organization\.(sso_|invitation_)/.test(kind);
			expect([kind, EVENT_TRAITS[kind].readers]).toEqual([kind, restricted ? 'admin' : 'viewer']);
		}
	});
});
