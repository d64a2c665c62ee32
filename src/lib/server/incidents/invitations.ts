import { m } from '$lib/paraglide/messages';
import type { OrganizationKind } from '$lib/organizations/roles';
import { z } from 'zod';
import { authorize } from '../access/authorize';
import { hit, isOverLimit, limits } from '../access/rate-limits';
import { db, type Db, type Tx } from '../db/db';
import { AppError, isAppError } from '../errors';
import { command, runCommand, type CommandContext, type Step } from '../events/command';
import { findOrganizationByCode } from '../organizations/invitation-code';
import { listInvitablePartners } from '../organizations/partners';
import { listOrganizationsOfUser } from '../organizations/queries';
import { parse, uuid } from '../validation';
import { authorizeIncidentOwner, inIncidentOwner } from './access';
import type { ReceivedInvitation } from '$lib/incidents/participants';

/**
 * Sharing is an invitation: the declaring organization invites a partner it already works
 * with, or one that gave it its invitation code (never a bare id); the partner's admins accept
 * or decline. Only acceptance adds the partner to `incident_organizations`, which alone
 * decides who sees the incident: until then it sees the title and who invites, nothing else.
 */

const optionalText = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
	z.string().trim().max(64).optional()
);

export const inviteInput = z
	.object({
		organizationId: z.preprocess((v) => (v === '' ? undefined : v), uuid.optional()),
		code: optionalText
	})
	.refine((v) => v.organizationId !== undefined || v.code !== undefined, {
		error: () => m.val_invite_partner(),
		path: ['code']
	});

export const answerInput = z.object({ answer: z.enum(['accept', 'decline']) });

export interface Invited {
	id: string;
	name: string;
	kind: OrganizationKind;
}

/** Invites an organization into the incident; it takes part once one of its admins accepts. */
export async function inviteOrganization(
	context: CommandContext,
	incidentId: string,
	input: unknown
) {
	const target = parse(inviteInput, input);
	// Only wrong codes count: past the limit, every code is refused until the window ends.
	const guesses = `invitation-code:${context.actor.userId}`;
	if (target.code && (await isOverLimit(guesses, limits().inviteLink))) {
		throw new AppError('rate_limited', m.err_invitation_code_guesses());
	}
	try {
		return await runCommand(context, (tx, emit) =>
			inviteOrganizationStep(tx, emit, context.actor, incidentId, target)
		);
	} catch (error) {
		if (target.code && isAppError(error) && error.code === 'not_found')
			await hit(guesses, limits().inviteLink);
		throw error;
	}
}

/** The inner step of `inviteOrganization` (a drill invites its partners in its own command). */
export const inviteOrganizationStep: Step<
	[string, z.infer<typeof inviteInput>],
	{ invitationId: string; organizationId: string }
> = async (tx, emit, actor, incidentId, target) => {
	const access = await authorizeIncidentOwner(actor, incidentId, 'incident.share', tx);
	const invited = target.code
		? await findOrganizationByCode(target.code, tx)
		: await findInvitable(tx, actor.userId, access.ownerOrganizationId, target.organizationId);
	if (!invited) {
		throw new AppError(
			'not_found',
			target.code ? m.err_invitation_code_unknown() : m.err_invite_unknown_partner(),
			target.code ? { code: m.err_invitation_code_unknown() } : undefined
		);
	}
	const [taking] = await tx`
		select 1 from incident_organizations
		where incident_id = ${incidentId} and organization_id = ${invited.id}`;
	if (taking) throw new AppError('conflict', m.err_already_taking_part({ name: invited.name }));
	const [row] = await tx<{ id: string }[]>`
		insert into incident_invitations (incident_id, organization_id, invited_by)
		values (${incidentId}, ${invited.id}, ${actor.userId})
		on conflict do nothing returning id`;
	if (!row) throw new AppError('conflict', m.err_already_invited({ name: invited.name }));
	const [incident] = await tx<{ title: string; owner: string }[]>`
		select i.title, o.name as owner from incidents i join organizations o on o.id = i.organization_id
		where i.id = ${incidentId}`;
	await emit({
		streamId: incidentId,
		kind: 'incident.invited',
		payload: {
			invitationId: row.id,
			organizationId: invited.id,
			name: invited.name,
			kind: invited.kind
		}
	});
	await emit({
		streamId: invited.id,
		kind: 'organization.invitation_received',
		payload: {
			invitationId: row.id,
			incidentId,
			title: incident?.title ?? '',
			from: incident?.owner ?? ''
		}
	});
	return { invitationId: row.id, organizationId: invited.id };
};

/**
 * Whom the declaring organization may invite by choosing from a list: the partners it took part
 * in incidents with and the person's own organizations, once each, by name.
 */
export async function listInvitable(
	userId: string,
	ownerOrganizationId: string,
	sql: Db = db()
): Promise<Invited[]> {
	const [partners, own] = await Promise.all([
		listInvitablePartners(ownerOrganizationId, sql),
		listOrganizationsOfUser(userId, sql)
	]);
	const byId = new Map<string, Invited>();
	for (const o of [...partners, ...own]) byId.set(o.id, { id: o.id, name: o.name, kind: o.kind });
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** One of the organizations of the list, never any id pasted. */
async function findInvitable(
	tx: Tx,
	userId: string,
	ownerOrganizationId: string,
	organizationId: string | undefined
): Promise<Invited | null> {
	if (!organizationId) return null;
	const found = (await listInvitable(userId, ownerOrganizationId, tx)).find(
		(o) => o.id === organizationId
	);
	return found ?? null;
}

interface PendingRow {
	incident_id: string;
	organization_id: string;
	state: string;
	title: string;
	from_name: string;
	name: string;
	kind: OrganizationKind;
	invited_by: string | null;
}

async function lockInvitation(tx: Tx, invitationId: string): Promise<PendingRow | null> {
	const [row] = await tx<PendingRow[]>`
		select v.incident_id, v.organization_id, v.state, v.invited_by, i.title,
			owner.name as from_name, o.name, o.kind
		from incident_invitations v
		join incidents i on i.id = v.incident_id
		join organizations owner on owner.id = i.organization_id
		join organizations o on o.id = v.organization_id
		where v.id = ${invitationId}
		for update of v`;
	return row ?? null;
}

/**
 * An admin of the invited organization accepts (its members then see the incident at once)
 * or declines (the incident shows them nothing more).
 */
export async function answerInvitation(
	context: CommandContext,
	organizationId: string,
	invitationId: string,
	input: unknown
) {
	const { answer } = parse(answerInput, input);
	const id = parse(uuid, invitationId);
	parse(uuid, organizationId);
	return runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'incident.share', tx);
		const invitation = await lockInvitation(tx, id);
		if (!invitation || invitation.organization_id !== organizationId) {
			throw new AppError('not_found', m.err_invitation_not_found());
		}
		if (invitation.state !== 'pending') {
			throw new AppError('conflict', m.err_invitation_answered());
		}
		const accepted = answer === 'accept';
		await tx`
			update incident_invitations
			set state = ${accepted ? 'accepted' : 'declined'}, answered_by = ${context.actor.userId},
				answered_at = now()
			where id = ${invitationId}`;
		const named = { organizationId, name: invitation.name, kind: invitation.kind };
		if (accepted) {
			await tx`
				insert into incident_organizations (incident_id, organization_id, added_by)
				values (${invitation.incident_id}, ${organizationId}, ${invitation.invited_by})
				on conflict do nothing`;
			await emit({
				streamId: invitation.incident_id,
				kind: 'incident.shared',
				payload: { ...named, invitationId }
			});
		} else {
			await emit({
				streamId: invitation.incident_id,
				kind: 'incident.invitation_declined',
				payload: { ...named, invitationId }
			});
		}
		await emit({
			streamId: organizationId,
			kind: 'organization.invitation_answered',
			payload: {
				invitationId,
				incidentId: invitation.incident_id,
				title: invitation.title,
				from: invitation.from_name,
				accepted
			}
		});
		return { invitationId, incidentId: invitation.incident_id, accepted };
	});
}

/** The declaring organization takes back an invitation not answered yet. */
export const withdrawInvitation = command(
	inIncidentOwner('incident.share'),
	uuid,
	async (tx, emit, invitationId, { id: incidentId, context }) => {
		const invitation = await lockInvitation(tx, invitationId);
		if (!invitation || invitation.incident_id !== incidentId) {
			throw new AppError('not_found', m.err_invitation_not_found());
		}
		if (invitation.state !== 'pending') {
			throw new AppError('conflict', m.err_invitation_answered());
		}
		await tx`update incident_invitations set state = 'withdrawn', answered_by = ${context.actor.userId},
			answered_at = now() where id = ${invitationId}`;
		await emit({
			streamId: incidentId,
			kind: 'incident.invitation_withdrawn',
			payload: {
				invitationId,
				organizationId: invitation.organization_id,
				name: invitation.name,
				kind: invitation.kind
			}
		});
		return { invitationId };
	}
);

/** The invitations waiting for an answer from organizations where the person is an admin. */
export async function listReceivedInvitations(
	userId: string,
	organizationId: string | null = null,
	sql: Db = db()
): Promise<ReceivedInvitation[]> {
	return sql<ReceivedInvitation[]>`
		select v.id, v.organization_id as "organizationId", o.name as "organizationName",
			v.incident_id as "incidentId", i.title, owner.name as from, v.created_at as "createdAt"
		from incident_invitations v
		join access_grants g on g.organization_id = v.organization_id and g.user_id = ${userId}
			and g.role in ('owner', 'admin')
		join organizations o on o.id = v.organization_id
		join incidents i on i.id = v.incident_id
		join organizations owner on owner.id = i.organization_id
		where v.state = 'pending'
			and (${organizationId}::uuid is null or v.organization_id = ${organizationId}::uuid)
		order by v.created_at desc
		limit 100`;
}

export interface SentInvitation {
	id: string;
	organizationId: string;
	name: string;
	kind: OrganizationKind;
	createdAt: Date;
}

/** The invitations of an incident still waiting for an answer (shown to its organization). */
export async function listPendingInvitations(
	incidentId: string,
	sql: Db = db()
): Promise<SentInvitation[]> {
	return sql<SentInvitation[]>`
		select v.id, v.organization_id as "organizationId", o.name, o.kind, v.created_at as "createdAt"
		from incident_invitations v join organizations o on o.id = v.organization_id
		where v.incident_id = ${incidentId} and v.state = 'pending'
		order by v.created_at`;
}
