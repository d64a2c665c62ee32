import { z } from 'zod';
import type { ItemStatus } from '$lib/inventory/model';
import { db, type Db, type Tx } from '../db/db';
import { AppError } from '../errors';
import { type Emit, command } from '../events/command';
import { inIncident } from '../incidents/access';
import { uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

const tag = z
	.string()
	.trim()
	.min(1, { error: () => m.val_tag_required() })
	.max(60, { error: () => m.val_tag_too_long() });
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Which servers to attach: one item, every item with a tag, or what depends on an item. */
export const attachInput = z
	.object({
		itemId: z.preprocess(blank, uuid.optional()),
		tag: z.preprocess(blank, tag.optional()),
		dependentsOf: z.preprocess(blank, uuid.optional())
	})
	.refine((v) => [v.itemId, v.tag, v.dependentsOf].filter(Boolean).length === 1, {
		error: () => m.val_attach_one_of(),
		path: ['itemId']
	});

export const detachInput = z
	.object({
		itemId: z.preprocess(blank, uuid.optional()),
		tag: z.preprocess(blank, tag.optional()),
		reason: z
			.string({ error: () => m.val_detach_reason() })
			.trim()
			.min(1, { error: () => m.val_detach_reason() })
			.max(500, { error: () => m.val_reason_too_long({ max: 500 }) })
	})
	.refine((v) => [v.itemId, v.tag].filter(Boolean).length === 1, {
		error: () => m.val_detach_one_of(),
		path: ['itemId']
	});

interface Candidate {
	id: string;
	hostname: string;
	status: ItemStatus;
	linked: boolean;
}

/**
 * The items of the organizations taking part that match, and whether each is attached; with
 * `ownUserId`, only those of that person's own organizations (one attaches one's own servers).
 */
async function candidates(
	tx: Tx,
	incidentId: string,
	by: { itemId?: string; tag?: string; dependentsOf?: string },
	ownUserId: string | null = null
): Promise<Candidate[]> {
	const match = by.itemId
		? tx`i.id = ${by.itemId}`
		: by.tag
			? tx`exists (select 1 from unnest(i.tags) t where lower(t) = lower(${by.tag}))`
			: tx`i.id in (
				with recursive radius(id) as (
					select item_id from inventory_dependencies where depends_on_id = ${by.dependentsOf ?? null}
					union
					select d.item_id from inventory_dependencies d join radius r on d.depends_on_id = r.id
				) select id from radius)`;
	return tx<Candidate[]>`
		select i.id, i.hostname, i.status,
			exists (select 1 from incident_items ii where ii.incident_id = ${incidentId} and ii.item_id = i.id) as linked
		from inventory_items i
		join incident_organizations io on io.organization_id = i.organization_id and io.incident_id = ${incidentId}
		where ${match}
			and (${ownUserId}::uuid is null or exists (select 1 from access_grants g
				where g.user_id = ${ownUserId}::uuid and g.organization_id = i.organization_id))
		order by lower(i.hostname)`;
}

/**
 * Attaches servers to an incident: from then on their status changes are on its timeline,
 * everyone taking part sees them, and the post-mortem counts their downtime. One event each.
 */
export const attachServers = command(
	inIncident('incident.update'),
	attachInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		const found = await candidates(tx, incidentId, data, context.actor.userId);
		if (found.length === 0) throw new AppError('not_found', nothingFound(data));
		let via: { tag?: string; dependsOn?: string } | undefined;
		if (data.tag) via = { tag: data.tag };
		if (data.dependentsOf) {
			const [root] = await tx<{ hostname: string }[]>`
				select hostname from inventory_items where id = ${data.dependentsOf}`;
			via = { dependsOn: root?.hostname ?? '' };
		}
		const attached = await attachItems(tx, emit, context.actor.userId, incidentId, found, via);
		return { attached, alreadyAttached: found.filter((c) => c.linked).map((c) => c.hostname) };
	}
);

function nothingFound(data: z.infer<typeof attachInput>): string {
	if (data.tag) return m.err_no_server_tagged({ tag: data.tag });
	if (data.dependentsOf) return m.err_no_dependents();
	return m.err_no_such_item_in_incident();
}

/** Links the given items not yet linked, each with its `inventory.linked` event. */
export async function attachItems(
	tx: Tx,
	emit: Emit,
	userId: string,
	incidentId: string,
	items: Candidate[],
	via?: { tag?: string; dependsOn?: string; run?: string }
): Promise<string[]> {
	const attached: string[] = [];
	for (const item of items.filter((c) => !c.linked)) {
		const inserted = await tx`
			insert into incident_items (incident_id, item_id, linked_by)
			values (${incidentId}, ${item.id}, ${userId}) on conflict do nothing`;
		if (inserted.count === 0) continue;
		await emit({
			streamId: incidentId,
			kind: 'inventory.linked',
			payload: {
				itemId: item.id,
				hostname: item.hostname,
				status: item.status,
				...(via ? { via } : {})
			}
		});
		attached.push(item.hostname);
	}
	return attached;
}

/** Detaches servers from an incident, saying why; the reason is on the timeline. */
export const detachServers = command(
	inIncident('incident.update'),
	detachInput,
	async (tx, emit, data, { id: incidentId }) => {
		const linked = (await candidates(tx, incidentId, data)).filter((c) => c.linked);
		if (linked.length === 0) throw new AppError('not_found', m.err_server_not_attached());
		for (const item of linked) {
			await tx`delete from incident_items where incident_id = ${incidentId} and item_id = ${item.id}`;
			await emit({
				streamId: incidentId,
				kind: 'inventory.unlinked',
				payload: { itemId: item.id, hostname: item.hostname, reason: data.reason }
			});
		}
		return { detached: linked.map((c) => c.hostname) };
	}
);

export interface AttachableServers {
	/** Items of the viewer's own organizations taking part, attached or not. */
	items: { id: string; hostname: string; attached: boolean }[];
	/** Their tags, with how many items carry each. */
	tags: { tag: string; count: number }[];
}

/**
 * What a person may attach from the room: the items of their own organizations taking part
 * (a partner's inventory stays its own), with their tags.
 */
export async function listAttachableServers(
	userId: string,
	incidentId: string,
	sql: Db = db()
): Promise<AttachableServers> {
	const items = await sql<{ id: string; hostname: string; attached: boolean; tags: string[] }[]>`
		select i.id, i.hostname, i.tags,
			exists (select 1 from incident_items ii where ii.incident_id = ${incidentId} and ii.item_id = i.id) as attached
		from inventory_items i
		join incident_organizations io on io.organization_id = i.organization_id and io.incident_id = ${incidentId}
		where exists (select 1 from access_grants g where g.user_id = ${userId} and g.organization_id = i.organization_id)
		order by lower(i.hostname)
		limit 2000`;
	const counts = new Map<string, number>();
	for (const item of items)
		for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	return {
		items: items.map(({ id, hostname, attached }) => ({ id, hostname, attached })),
		tags: [...counts]
			.map(([tag, count]) => ({ tag, count }))
			.sort((a, b) => a.tag.localeCompare(b.tag))
	};
}
