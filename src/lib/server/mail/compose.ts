import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { roleLabel, type Role } from '$lib/organizations/roles';
import type { Db } from '../db/db';
import { queueMail } from './outbox';
import { publicOrigin } from './settings';
import { asLocale, renderMail, type MailKind } from './templates';

/**
 * What each mail says, in its recipient's language (`users.locale`; for someone without an
 * account yet, the sender's). Each function queues in the caller's transaction.
 */

interface Recipient {
	email: string;
	userId: string | null;
	locale: string;
}

const link = (path: string) => `${publicOrigin()}${path}`;

/** Renders a mail in its recipient's language and queues it in the caller's transaction. */
async function mailTo(
	sql: Db,
	to: Recipient,
	envelope: { kind: MailKind; organizationId: string | null; dedupeKey?: string },
	content: (locale: Locale) => Parameters<typeof renderMail>[1]
) {
	const locale = asLocale(to.locale);
	await queueMail(sql, {
		...renderMail(locale, content(locale)),
		recipient: to.email,
		userId: to.userId,
		locale,
		...envelope
	});
}

/**
 * One kind of mail, called `(sql, to, values)` in the caller's transaction: what it is filed
 * under (its organization, a key that sends it once) and its words in the recipient's language.
 */
function mail<V>(
	kind: MailKind,
	envelope: (values: V, to: Recipient) => { organizationId: string | null; dedupeKey?: string },
	content: (values: V, locale: Locale) => Parameters<typeof renderMail>[1]
) {
	return (sql: Db, to: Recipient, values: V) =>
		mailTo(sql, to, { kind, ...envelope(values, to) }, (locale) => content(values, locale));
}

/** The language of whoever has an account under this address, else the fallback. */
export async function localeOf(sql: Db, email: string, fallback: string): Promise<string> {
	const [row] = await sql<{ locale: string }[]>`
		select locale from users where lower(email) = lower(${email}) limit 1`;
	return row?.locale ?? fallback;
}

export const mailOrganizationInvite = mail<{
	organizationId: string;
	organization: string;
	inviter: string;
	role: Role;
	token: string;
	expiresAt: Date;
}>(
	'org_invite',
	(values) => ({ organizationId: values.organizationId }),
	(values, locale) => ({
		subject: m.mail_invite_subject(
			{ inviter: values.inviter, organization: values.organization },
			{ locale }
		),
		lines: [
			m.mail_invite_line(
				{
					inviter: values.inviter,
					organization: values.organization,
					role: roleLabel(values.role, locale)
				},
				{ locale }
			),
			m.mail_invite_expires({ date: values.expiresAt.toISOString().slice(0, 10) }, { locale })
		],
		link: link(`/invite/${values.token}`),
		action: m.mail_invite_action({}, { locale })
	})
);

export const mailPasswordReset = mail<{
	token: string;
	expiresAt: Date;
	organizationId: string | null;
}>(
	'password_reset',
	(values) => ({ organizationId: values.organizationId }),
	(values, locale) => ({
		subject: m.mail_reset_subject({}, { locale }),
		lines: [
			m.mail_reset_line({}, { locale }),
			m.mail_reset_expires(
				{ date: values.expiresAt.toISOString().slice(0, 16).replace('T', ' ') },
				{ locale }
			)
		],
		link: link(`/reset/${values.token}`),
		action: m.mail_reset_action({}, { locale })
	})
);

interface IncidentRef {
	incidentId: string;
	title: string;
	organizationId: string;
}

/** Filed under the incident's organization; the same event mails each recipient once. */
const oncePerRecipient = (values: IncidentRef & { dedupeKey: string }, to: Recipient) => ({
	organizationId: values.organizationId,
	dedupeKey: `${values.dedupeKey}:${to.userId}`
});

export const mailApprovalRequested = mail<
	IncidentRef & { step: string; requester: string; dedupeKey: string }
>('approval_requested', oncePerRecipient, (values, locale) => ({
	subject: m.mail_approval_subject({ step: values.step }, { locale }),
	lines: [
		m.mail_approval_line(
			{ requester: values.requester, step: values.step, incident: values.title },
			{ locale }
		)
	],
	link: link(`/incidents/${values.incidentId}`),
	action: m.mail_open_room({}, { locale })
}));

export const mailStepAssigned = mail<IncidentRef & { step: string; dedupeKey: string }>(
	'step_assigned',
	oncePerRecipient,
	(values, locale) => ({
		subject: m.mail_assigned_subject({ step: values.step }, { locale }),
		lines: [m.mail_assigned_line({ step: values.step, incident: values.title }, { locale })],
		link: link(`/incidents/${values.incidentId}`),
		action: m.mail_open_room({}, { locale })
	})
);

export const mailIncidentShared = mail<
	IncidentRef & { from: string; partner: string; dedupeKey: string }
>('incident_shared', oncePerRecipient, (values, locale) => ({
	subject: m.mail_shared_subject({ from: values.from, incident: values.title }, { locale }),
	lines: [
		m.mail_shared_line(
			{ from: values.from, partner: values.partner, incident: values.title },
			{ locale }
		)
	],
	// Answered from the dashboard: the room opens only after acceptance.
	link: link('/dashboard'),
	action: m.mail_answer_invitation({}, { locale })
}));

export const mailActionItemDue = mail<
	IncidentRef & { item: string; dueOn: string; itemId: string }
>(
	'action_item_due',
	(values, to) => ({
		organizationId: values.organizationId,
		dedupeKey: `due:${values.itemId}:${values.dueOn}:${to.userId}`
	}),
	(values, locale) => ({
		subject: m.mail_due_subject({ item: values.item }, { locale }),
		lines: [
			m.mail_due_line({ item: values.item, incident: values.title, date: values.dueOn }, { locale })
		],
		link: link(`/action-items`),
		action: m.mail_due_action({}, { locale })
	})
);

export const mailWebhookDisabled = mail<{
	organizationId: string;
	endpointId: string;
	name: string;
	error: string;
}>(
	'webhook_disabled',
	(values, to) => ({
		organizationId: values.organizationId,
		dedupeKey: `hook-disabled:${values.endpointId}:${Date.now()}:${to.userId}`
	}),
	(values, locale) => ({
		subject: m.mail_hook_disabled_subject({ name: values.name }, { locale }),
		lines: [m.mail_hook_disabled_line({ name: values.name }, { locale }), values.error],
		link: link(`/orgs/${values.organizationId}/webhooks/${values.endpointId}`),
		action: m.mail_hook_disabled_action({}, { locale })
	})
);

/** The members of an organization at or above a role, with their addresses and languages. */
export async function membersAtLeast(
	sql: Db,
	organizationId: string,
	roles: Role[]
): Promise<Recipient[]> {
	return sql<Recipient[]>`
		select u.email, u.id as "userId", u.locale from memberships ms join users u on u.id = ms.user_id
		where ms.organization_id = ${organizationId} and ms.role = any(${roles}) and u.kind = 'person'`;
}
