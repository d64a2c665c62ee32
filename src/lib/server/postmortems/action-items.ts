import { randomUUID } from 'node:crypto';
import { actionStatusLabel, type ActionItemStatus } from '$lib/postmortems/sections';
import type { Tx } from '../db/db';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, command } from '../events/command';
import { authorizeIncident, inIncident } from '../incidents/access';
import { parse, uuid } from '../validation';
import { READ_ONLY } from './commands';
import { actionItemPayload, findActionItem, findPostmortem, type ActionItemRow } from './queries';
import { actionItemChange, actionItemInput } from './schemas';
import { m } from '$lib/paraglide/messages';

const NO_ITEM = () => m.err_action_item_not_found();

/** The owner is a person of an organization taking part; they act for the first one found. */
async function ownerOf(tx: Tx, incidentId: string, userId: string) {
	const [owner] = await tx<{ organization_id: string; name: string; organization: string }[]>`
		select m.organization_id, u.display_name as name, o.name as organization
		from memberships m
		join incident_organizations io on io.organization_id = m.organization_id
		join users u on u.id = m.user_id
		join organizations o on o.id = m.organization_id
		where io.incident_id = ${incidentId} and m.user_id = ${userId}
		order by io.added_at
		limit 1`;
	if (!owner) {
		const message = m.err_action_owner_not_taking_part();
		throw new AppError('invalid', message, { ownerId: message });
	}
	return owner;
}

async function assertWritable(tx: Tx, incidentId: string) {
	const postmortem = await findPostmortem(tx, incidentId);
	if (!postmortem) throw new AppError('not_found', m.err_postmortem_first());
	if (postmortem.status === 'published') throw new AppError('conflict', READ_ONLY());
}

export const addActionItem = command(
	inIncident('incident.update'),
	actionItemInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		await assertWritable(tx, incidentId);
		const owner = await ownerOf(tx, incidentId, data.ownerId);
		const id = randomUUID();
		await tx`
			insert into action_items (id, incident_id, title, owner_id, owner_organization_id, due_on, created_by)
			values (${id}, ${incidentId}, ${data.title}, ${data.ownerId}, ${owner.organization_id},
				${data.dueOn}, ${context.actor.userId})`;
		const item = await findActionItem(tx, id);
		if (!item) throw new Error('action item insert returned no row');
		await emit({
			streamId: incidentId,
			kind: 'action_item.added',
			payload: actionItemPayload(item)
		});
		return { id, version: item.version };
	}
);

/**
 * Changes an action item. Its status is tracked until done, even once the post-mortem is
 * published; what it says, who owns it and when it is due are part of the published text.
 */
export async function changeActionItem(context: CommandContext, itemId: string, input: unknown) {
	const id = parse(uuid, itemId);
	const data = parse(actionItemChange, input);
	return runCommand(context, async (tx, emit) => {
		const item = await findActionItem(tx, id, true);
		if (!item) throw new AppError('not_found', NO_ITEM());
		await authorizeIncident(context.actor, item.incidentId, 'incident.update', tx);
		if (item.version !== data.version) {
			throw new AppError(
				'conflict',
				m.err_action_item_changed({
					status: actionStatusLabel(item.status).toLowerCase(),
					due: item.dueOn
				})
			);
		}
		const edits =
			data.title !== undefined || data.ownerId !== undefined || data.dueOn !== undefined;
		if (edits) await assertWritable(tx, item.incidentId);
		const owner = data.ownerId ? await ownerOf(tx, item.incidentId, data.ownerId) : null;
		await tx`
			update action_items set
				title = coalesce(${data.title ?? null}, title),
				owner_id = coalesce(${data.ownerId ?? null}::uuid, owner_id),
				owner_organization_id = coalesce(${owner?.organization_id ?? null}::uuid, owner_organization_id),
				due_on = coalesce(${data.dueOn ?? null}::date, due_on),
				status = coalesce(${data.status ?? null}, status),
				version = version + 1, updated_at = now()
			where id = ${id}`;
		const changed = await findActionItem(tx, id);
		if (!changed) throw new Error('action item update lost its row');
		await emit({
			streamId: item.incidentId,
			kind: 'action_item.updated',
			payload: { ...actionItemPayload(changed), from: item.status }
		});
		return { id, version: changed.version, status: changed.status };
	});
}

export async function removeActionItem(context: CommandContext, itemId: string) {
	const id = parse(uuid, itemId);
	return runCommand(context, async (tx, emit) => {
		const item = await findActionItem(tx, id, true);
		if (!item) throw new AppError('not_found', NO_ITEM());
		await authorizeIncident(context.actor, item.incidentId, 'incident.update', tx);
		await assertWritable(tx, item.incidentId);
		await tx`delete from action_items where id = ${id}`;
		await emit({
			streamId: item.incidentId,
			kind: 'action_item.removed',
			payload: { id, title: item.title }
		});
		return { id };
	});
}

export interface ActionItemListed extends ActionItemRow {
	incidentTitle: string;
	incidentMode: 'real' | 'drill';
	severity: string;
}

/**
 * Action items still to do across every incident (and drill) the person may see, soonest due
 * first; `dueBefore` keeps only those due before that date (the overdue ones).
 */
export async function listOpenActionItems(
	userId: string,
	options: { dueBefore?: string; statuses?: readonly ActionItemStatus[] } = {},
	sql: Db = db()
): Promise<ActionItemListed[]> {
	const statuses = options.statuses ?? ['open', 'in_progress'];
	return sql<ActionItemListed[]>`
		select a.id, a.incident_id as "incidentId", a.title, a.owner_id as "ownerId",
			u.display_name as "ownerName", a.owner_organization_id as "ownerOrganizationId",
			o.name as "ownerOrganizationName", to_char(a.due_on, 'YYYY-MM-DD') as "dueOn", a.status,
			a.version, i.title as "incidentTitle", i.mode as "incidentMode", i.severity
		from action_items a
		join incidents i on i.id = a.incident_id
		left join users u on u.id = a.owner_id
		left join organizations o on o.id = a.owner_organization_id
		where a.status = any(${statuses as string[]})
			and exists (
				select 1 from incident_organizations io
				join access_grants m on m.organization_id = io.organization_id and m.user_id = ${userId}
				where io.incident_id = a.incident_id)
			${options.dueBefore ? sql`and a.due_on < ${options.dueBefore}::date` : sql``}
		order by a.due_on, a.created_at
		limit 500`;
}
