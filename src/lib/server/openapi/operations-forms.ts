import { z } from 'zod';
import { changePasswordInput, profileInput } from '../users/account';
import { tokenInput } from '../access/api-tokens';
import { contactInput, logCallInput, shareContactInput } from '../contacts/schemas';
import { answerInput, inviteInput as invitationInput } from '../incidents/invitations';
import { commanderInput } from '../incidents/schemas';
import { deleteItemInput, importInput, updateItemInput } from '../inventory/schemas';
import { changeRoleInput, inviteInput } from '../organizations/schemas';
import { pageQuery } from '../pagination';
import { actionItemChange, actionItemInput, moveInput, sectionInput } from '../postmortems/schemas';
import { createTemplateInput, saveTemplateInput, startRunInput } from '../runbooks/schemas';
import { providerInput } from '../sso/schemas';
import { pinInput } from '../timeline/schemas';
import { organizationInput } from '../users/schemas';
import type { Operation } from './operations';
import { mutation } from './schemas';

/**
 * The JSON counterparts of the forms: each calls the command its form action calls (see
 * tests/integration/form-api-parity.test.ts for the pairs).
 */

const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const replayed = z.boolean();
const written = (shape: z.core.$ZodLooseShape) => {
	const schema = z.looseObject({ ...shape, replayed });
	return { 201: schema, 200: schema };
};
const withMutation = (schema: z.ZodType) => z.intersection(schema, mutation);
const noBody = mutation;
const page = (item: z.ZodType) => ({
	200: z.looseObject({ items: z.array(item), nextCursor: z.string().nullable() })
});
const org = (rest: string) => `/api/v1/orgs/{id}${rest}`;
const orgRoute = (rest: string) => `/api/v1/orgs/[id=uuid]${rest}`;
const inc = (rest: string) => `/api/v1/incidents/{id}${rest}`;
const incRoute = (rest: string) => `/api/v1/incidents/[id=uuid]${rest}`;

const ORGANIZATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/orgs',
		routeId: '/api/v1/orgs',
		tag: 'Organizations',
		summary: 'Create an organization (you become its owner); people only, not tokens',
		body: withMutation(organizationInput),
		responses: written({ organizationId: id })
	},
	{
		method: 'get',
		path: org('/members'),
		routeId: orgRoute('/members'),
		tag: 'Organizations',
		summary: 'Members and their roles',
		query: pageQuery,
		responses: page(
			z.looseObject({ userId: id, displayName: z.string(), role: z.string(), version: z.number() })
		)
	},
	{
		method: 'patch',
		path: org('/members/{userId}'),
		routeId: orgRoute('/members/[userId=uuid]'),
		tag: 'Organizations',
		summary: "Change a member's role",
		ifMatch: true,
		body: withMutation(changeRoleInput.omit({ userId: true })),
		responses: written({ role: z.string(), version: z.number().int() })
	},
	{
		method: 'delete',
		path: org('/members/{userId}'),
		routeId: orgRoute('/members/[userId=uuid]'),
		tag: 'Organizations',
		summary: 'Remove a member (never the last owner)',
		responses: written({ userId: id })
	},
	{
		method: 'post',
		path: org('/members/{userId}/password-reset'),
		routeId: orgRoute('/members/[userId=uuid]/password-reset'),
		tag: 'Organizations',
		summary: 'Issue a single-use password reset link for a member (shown once)',
		body: noBody,
		responses: written({ userId: id, expiresAt: instant, link: z.string().url().nullable() })
	},
	{
		method: 'post',
		path: org('/invites'),
		routeId: orgRoute('/invites'),
		tag: 'Organizations',
		summary: 'Invite a member: the link is in the answer, once',
		body: withMutation(inviteInput),
		responses: written({ inviteId: id, expiresAt: instant, link: z.string().url().nullable() })
	},
	{
		method: 'delete',
		path: org('/invites/{inviteId}'),
		routeId: orgRoute('/invites/[inviteId=uuid]'),
		tag: 'Organizations',
		summary: 'Revoke a pending invite',
		responses: written({ inviteId: id })
	},
	{
		method: 'get',
		path: org('/tokens'),
		routeId: orgRoute('/tokens'),
		tag: 'Organizations',
		summary: 'API tokens (never their secrets)',
		query: pageQuery,
		responses: page(
			z.looseObject({
				id,
				name: z.string(),
				role: z.string(),
				expiresAt: instant.nullable().describe('When it stops working; null: never.')
			})
		)
	},
	{
		method: 'post',
		path: org('/tokens'),
		routeId: orgRoute('/tokens'),
		tag: 'Organizations',
		summary: 'Create an API token, at most your role: its secret is in the answer, once',
		body: withMutation(tokenInput),
		responses: written({
			tokenId: id,
			name: z.string(),
			role: z.string(),
			expiresAt: instant.nullable(),
			token: z.string().nullable()
		})
	},
	{
		method: 'delete',
		path: org('/tokens/{tokenId}'),
		routeId: orgRoute('/tokens/[tokenId=uuid]'),
		tag: 'Organizations',
		summary: 'Revoke an API token',
		responses: written({ tokenId: id })
	},
	{
		method: 'put',
		path: org('/sso'),
		routeId: orgRoute('/sso'),
		tag: 'Organizations',
		summary: "Set the organization's OpenID Connect provider",
		ifMatch: true,
		body: withMutation(providerInput),
		responses: written({})
	},
	{
		method: 'delete',
		path: org('/sso'),
		routeId: orgRoute('/sso'),
		tag: 'Organizations',
		summary: 'Remove the identity provider',
		responses: written({ removed: z.boolean() })
	}
];

const CONTACTS_AND_INVENTORY: Operation[] = [
	{
		method: 'get',
		path: org('/contacts'),
		routeId: orgRoute('/contacts'),
		tag: 'Contacts',
		summary: 'Provider contacts, by provider and escalation level',
		query: pageQuery,
		responses: page(z.looseObject({ id, providerName: z.string(), name: z.string() }))
	},
	{
		method: 'post',
		path: org('/contacts'),
		routeId: orgRoute('/contacts'),
		tag: 'Contacts',
		summary: 'Create a provider contact',
		body: withMutation(contactInput),
		responses: written({ contactId: id })
	},
	{
		method: 'patch',
		path: org('/contacts/{contactId}'),
		routeId: orgRoute('/contacts/[contactId=uuid]'),
		tag: 'Contacts',
		summary: 'Change a contact (the whole contact, as created)',
		ifMatch: true,
		body: withMutation(contactInput),
		responses: written({ contactId: id, version: z.number().int() })
	},
	{
		method: 'delete',
		path: org('/contacts/{contactId}'),
		routeId: orgRoute('/contacts/[contactId=uuid]'),
		tag: 'Contacts',
		summary: 'Delete a contact',
		responses: written({ contactId: id })
	},
	{
		method: 'patch',
		path: org('/inventory/{itemId}'),
		routeId: orgRoute('/inventory/[itemId=uuid]'),
		tag: 'Inventory',
		summary: 'Change an inventory item',
		ifMatch: true,
		body: withMutation(updateItemInput.partial({ version: true })),
		responses: written({ itemId: id, version: z.number().int() })
	},
	{
		method: 'delete',
		path: org('/inventory/{itemId}'),
		routeId: orgRoute('/inventory/[itemId=uuid]'),
		tag: 'Inventory',
		summary: 'Delete an inventory item',
		body: withMutation(deleteItemInput),
		responses: written({ itemId: id })
	},
	{
		method: 'post',
		path: org('/inventory/import'),
		routeId: orgRoute('/inventory/import'),
		tag: 'Inventory',
		summary: 'Import items from CSV or JSON text, all or nothing, under a column and value mapping',
		body: withMutation(importInput),
		responses: written({})
	}
];

const TEMPLATES: Operation[] = [
	{
		method: 'get',
		path: org('/templates'),
		routeId: orgRoute('/templates'),
		tag: 'Runbooks',
		summary: 'Runbook templates',
		query: pageQuery,
		responses: page(z.looseObject({ id, name: z.string() }))
	},
	{
		method: 'post',
		path: org('/templates'),
		routeId: orgRoute('/templates'),
		tag: 'Runbooks',
		summary: 'Create a runbook template',
		body: withMutation(createTemplateInput),
		responses: written({ templateId: id, version: z.number().int() })
	},
	{
		method: 'post',
		path: org('/templates/{templateId}/versions'),
		routeId: orgRoute('/templates/[templateId=uuid]/versions'),
		tag: 'Runbooks',
		summary: 'Save a new version of a template',
		ifMatch: true,
		body: withMutation(saveTemplateInput.partial({ version: true })),
		responses: written({
			templateId: id,
			templateVersion: z.number().int(),
			version: z.number().int()
		})
	},
	{
		method: 'post',
		path: org('/templates/{templateId}/drills'),
		routeId: orgRoute('/templates/[templateId=uuid]/drills'),
		tag: 'Drills',
		summary: 'Start a drill of a template: an incident in drill mode with its runbook running',
		body: withMutation(
			z.object({
				title: z.string().max(140).optional(),
				severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']).optional(),
				invite: z.array(id).optional(),
				timezone: z.string().optional()
			})
		),
		responses: { 201: z.looseObject({ incidentId: id }) }
	}
];

const ROOM: Operation[] = [
	{
		method: 'put',
		path: inc('/commander'),
		routeId: incRoute('/commander'),
		tag: 'Incidents',
		summary: 'Set the incident commander',
		ifMatch: true,
		body: withMutation(commanderInput),
		responses: written({ commanderId: id, version: z.number().int() })
	},
	{
		method: 'post',
		path: inc('/pins'),
		routeId: incRoute('/pins'),
		tag: 'Timeline',
		summary: 'Pin a timeline event as a key event, or unpin it',
		body: withMutation(pinInput.extend({ pinned: z.boolean() })),
		responses: written({ seq: z.number().int(), pinned: z.boolean() })
	},
	{
		method: 'post',
		path: inc('/calls'),
		routeId: incRoute('/calls'),
		tag: 'Contacts',
		summary: 'Log a call to a contact in the timeline',
		description:
			'`calledAt` tells when the call was really made (not in the future, not before the incident’s first fact); `backdateReason` says why it is logged later.',
		body: withMutation(logCallInput),
		responses: written({ seq: z.number().int() })
	},
	{
		method: 'post',
		path: inc('/run'),
		routeId: incRoute('/run'),
		tag: 'Runbooks',
		summary: 'Start the runbook from a template',
		body: withMutation(startRunInput),
		responses: written({ runId: id, steps: z.number().int() })
	},
	{
		method: 'post',
		path: inc('/servers/{itemId}/status'),
		routeId: incRoute('/servers/[itemId=uuid]/status'),
		tag: 'Inventory',
		summary: "Set the live status of a server attached to the incident (partners' responders too)",
		ifMatch: true,
		body: withMutation(
			z.object({
				status: z.enum(['unknown', 'up', 'degraded', 'down', 'rebuilding']),
				reason: z.string().max(500).optional(),
				version: z.number().int().optional(),
				occurredAt: instant
					.optional()
					.describe(
						'When the status really changed (default: now): not in the future, not before the last change nor the incident’s first fact; an earlier time is kept with the reason'
					)
			})
		),
		responses: {
			200: z.looseObject({ itemId: id, status: z.string(), changed: z.boolean(), replayed })
		}
	}
];

/** What a refresh from the timeline changes: counts, then each line with its section. */
const refreshShape = {
	added: z.number().int(),
	removed: z.number().int(),
	changed: z.number().int(),
	kept: z.number().int(),
	changes: z.array(
		z.object({
			section: z.string(),
			kind: z.enum(['added', 'removed', 'changed', 'kept']),
			text: z.string(),
			before: z.string().nullable()
		})
	)
};

const POSTMORTEMS: Operation[] = [
	{
		method: 'get',
		path: inc('/postmortem'),
		routeId: incRoute('/postmortem'),
		tag: 'Post-mortems',
		summary: 'The post-mortem as Markdown (?version=n for a published version)',
		query: z.object({ version: z.coerce.number().int().positive().optional() }),
		responses: { 200: z.looseObject({ incidentId: id, markdown: z.string() }) }
	},
	{
		method: 'post',
		path: inc('/postmortem'),
		routeId: incRoute('/postmortem'),
		tag: 'Post-mortems',
		summary: 'Start the post-mortem of a resolved incident, drafted from its timeline',
		body: noBody,
		responses: written({ incidentId: id })
	},
	{
		method: 'post',
		path: inc('/postmortem/sections'),
		routeId: incRoute('/postmortem/sections'),
		tag: 'Post-mortems',
		summary: 'Save one section, over the section version it was typed on',
		body: withMutation(sectionInput),
		responses: written({ key: z.string(), version: z.number().int() })
	},
	{
		method: 'get',
		path: inc('/postmortem/refresh'),
		routeId: incRoute('/postmortem/refresh'),
		tag: 'Post-mortems',
		summary: 'What refreshing from the timeline would change (nothing is written)',
		responses: { 200: z.looseObject({ status: z.string(), ...refreshShape }) }
	},
	{
		method: 'post',
		path: inc('/postmortem/refresh'),
		routeId: incRoute('/postmortem/refresh'),
		tag: 'Post-mortems',
		summary:
			'Refresh the generated parts from the timeline (entries, figures, summary sentence); what people wrote stays',
		body: noBody,
		responses: written(refreshShape)
	},
	{
		method: 'post',
		path: inc('/postmortem/status'),
		routeId: incRoute('/postmortem/status'),
		tag: 'Post-mortems',
		summary: 'Move the post-mortem to draft, in review or published',
		ifMatch: true,
		body: withMutation(moveInput),
		responses: written({ status: z.string(), version: z.number().int() })
	},
	{
		method: 'post',
		path: inc('/postmortem/action-items'),
		routeId: incRoute('/postmortem/action-items'),
		tag: 'Post-mortems',
		summary: 'Add an action item',
		body: withMutation(actionItemInput),
		responses: written({ id, version: z.number().int() })
	},
	{
		method: 'patch',
		path: '/api/v1/action-items/{itemId}',
		routeId: '/api/v1/action-items/[itemId=uuid]',
		tag: 'Post-mortems',
		summary: 'Change an action item (status, title, owner, due date)',
		ifMatch: true,
		body: withMutation(actionItemChange.partial({ version: true })),
		responses: written({ id, version: z.number().int() })
	},
	{
		method: 'delete',
		path: '/api/v1/action-items/{itemId}',
		routeId: '/api/v1/action-items/[itemId=uuid]',
		tag: 'Post-mortems',
		summary: 'Remove an action item',
		responses: written({ id })
	}
];

const ACCOUNT: Operation[] = [
	{
		method: 'patch',
		path: '/api/v1/account',
		routeId: '/api/v1/account',
		tag: 'Account',
		summary: 'Your profile: name, timezone, language (signed in, not tokens)',
		body: profileInput,
		responses: { 200: z.looseObject({ profile: z.looseObject({ displayName: z.string() }) }) }
	},
	{
		method: 'post',
		path: '/api/v1/account/password',
		routeId: '/api/v1/account/password',
		tag: 'Account',
		summary: 'Change your password: your other sessions end',
		body: changePasswordInput,
		responses: { 200: z.looseObject({ endedSessions: z.number().int() }) }
	},
	{
		method: 'get',
		path: '/api/v1/account/sessions',
		routeId: '/api/v1/account/sessions',
		tag: 'Account',
		summary: 'Your sessions, the current one marked',
		query: pageQuery,
		responses: page(z.looseObject({ id: z.string(), current: z.boolean() }))
	},
	{
		method: 'delete',
		path: '/api/v1/account/sessions',
		routeId: '/api/v1/account/sessions',
		tag: 'Account',
		summary: 'Sign out your other sessions',
		responses: { 200: z.looseObject({ endedSessions: z.number().int() }) }
	},
	{
		method: 'delete',
		path: '/api/v1/account/sessions/{sessionId}',
		routeId: '/api/v1/account/sessions/[sessionId]',
		tag: 'Account',
		summary: 'Sign out one of your sessions',
		responses: { 200: z.looseObject({ endedSessions: z.number().int() }) }
	}
];

const SHARING: Operation[] = [
	{
		method: 'get',
		path: inc('/invitations'),
		routeId: incRoute('/invitations'),
		tag: 'Sharing',
		summary: 'Invitations sent and not answered yet (admins of the declaring organization)',
		query: pageQuery,
		responses: page(
			z.looseObject({
				id,
				organizationId: id,
				name: z.string(),
				kind: z.string(),
				createdAt: instant
			})
		)
	},
	{
		method: 'post',
		path: inc('/invitations'),
		routeId: incRoute('/invitations'),
		tag: 'Sharing',
		summary:
			'Invite an organization: a partner you took part in incidents with (`organizationId`) or any organization by the invitation code it gave you (`code`). It sees nothing until one of its admins accepts.',
		body: withMutation(invitationInput),
		responses: written({ invitationId: id, organizationId: id })
	},
	{
		method: 'delete',
		path: inc('/invitations/{invitationId}'),
		routeId: incRoute('/invitations/[invitationId=uuid]'),
		tag: 'Sharing',
		summary: 'Withdraw an invitation not answered yet',
		responses: written({ invitationId: id })
	},
	{
		method: 'delete',
		path: inc('/organizations/{organizationId}'),
		routeId: incRoute('/organizations/[organizationId=uuid]'),
		tag: 'Sharing',
		summary: 'Remove a partner from the incident; its members stop receiving its events at once',
		responses: written({ organizationId: id })
	},
	{
		method: 'post',
		path: inc('/shared-contacts'),
		routeId: incRoute('/shared-contacts'),
		tag: 'Sharing',
		summary:
			'Show one of your contacts to the partners of this incident, or stop (`shared: false`)',
		body: withMutation(shareContactInput),
		responses: written({ contactId: id, shared: z.boolean() })
	},
	{
		method: 'get',
		path: org('/incident-invitations'),
		routeId: orgRoute('/incident-invitations'),
		tag: 'Sharing',
		summary:
			'Invitations into other organizations’ incidents waiting for your answer: only the title and who invites',
		query: pageQuery,
		responses: page(
			z.looseObject({
				id,
				organizationId: id,
				organizationName: z.string(),
				incidentId: id,
				title: z.string(),
				from: z.string(),
				createdAt: instant
			})
		)
	},
	{
		method: 'post',
		path: org('/incident-invitations/{invitationId}'),
		routeId: orgRoute('/incident-invitations/[invitationId=uuid]'),
		tag: 'Sharing',
		summary: 'Accept or decline an invitation (admins of the invited organization)',
		body: withMutation(answerInput),
		responses: written({ invitationId: id, incidentId: id, accepted: z.boolean() })
	},
	{
		method: 'delete',
		path: org('/participations/{incidentId}'),
		routeId: orgRoute('/participations/[incidentId=uuid]'),
		tag: 'Sharing',
		summary: 'Leave another organization’s incident: your members stop seeing it at once',
		responses: written({ organizationId: id })
	},
	{
		method: 'get',
		path: org('/invitation-code'),
		routeId: orgRoute('/invitation-code'),
		tag: 'Sharing',
		summary: 'The code a merchant needs to invite your organization into its incidents',
		responses: { 200: z.looseObject({ code: z.string() }) }
	},
	{
		method: 'post',
		path: org('/invitation-code'),
		routeId: orgRoute('/invitation-code'),
		tag: 'Sharing',
		summary: 'Change the invitation code: the old one stops working',
		body: noBody,
		responses: written({ code: z.string() })
	}
];

export const FORM_OPERATIONS: Operation[] = [
	...SHARING,
	...ORGANIZATIONS,
	...CONTACTS_AND_INVENTORY,
	...TEMPLATES,
	...ROOM,
	...POSTMORTEMS,
	...ACCOUNT
];
