import {
	fromStored,
	type PostmortemDocument,
	type StoredDocument
} from '$lib/postmortems/document';
import type {
	ActionItemView,
	PostmortemStatus,
	Section,
	SectionKey
} from '$lib/postmortems/sections';
import type { Db } from '../db/db';

export interface PostmortemRow {
	status: PostmortemStatus;
	publication: number;
	version: number;
	createdAt: Date;
	createdByName: string | null;
}

export async function findPostmortem(
	sql: Db,
	incidentId: string,
	lock = false
): Promise<PostmortemRow | null> {
	const [row] = await sql<PostmortemRow[]>`
		select p.status, p.publication, p.version, p.created_at as "createdAt",
			u.display_name as "createdByName"
		from postmortems p left join users u on u.id = p.created_by
		where p.incident_id = ${incidentId}
		${lock ? sql`for update of p` : sql``}`;
	return row ?? null;
}

export async function listSections(sql: Db, incidentId: string): Promise<Section[]> {
	const rows = await sql<
		{
			key: SectionKey;
			body: string;
			version: number;
			updatedAt: Date;
			updatedByName: string | null;
		}[]
	>`
		select s.key, s.body, s.version, s.updated_at as "updatedAt", u.display_name as "updatedByName"
		from postmortem_sections s left join users u on u.id = s.updated_by
		where s.incident_id = ${incidentId}`;
	return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

export interface ActionItemRow extends ActionItemView {
	incidentId: string;
	ownerOrganizationId: string | null;
}

/** An action item as events, the document and the room carry it. */
export function actionItemPayload(item: ActionItemRow) {
	return {
		id: item.id,
		title: item.title,
		ownerId: item.ownerId,
		ownerName: item.ownerName,
		ownerOrganizationName: item.ownerOrganizationName,
		dueOn: item.dueOn,
		status: item.status,
		version: item.version
	};
}

const ACTION_ITEM_COLUMNS = (sql: Db) => sql`
	a.id, a.incident_id as "incidentId", a.title, a.owner_id as "ownerId",
	u.display_name as "ownerName", a.owner_organization_id as "ownerOrganizationId",
	o.name as "ownerOrganizationName", to_char(a.due_on, 'YYYY-MM-DD') as "dueOn", a.status,
	a.version`;

export async function listIncidentActionItems(
	sql: Db,
	incidentId: string
): Promise<ActionItemRow[]> {
	return sql<ActionItemRow[]>`
		select ${ACTION_ITEM_COLUMNS(sql)}
		from action_items a
		left join users u on u.id = a.owner_id
		left join organizations o on o.id = a.owner_organization_id
		where a.incident_id = ${incidentId}
		order by a.due_on, a.created_at`;
}

export async function findActionItem(
	sql: Db,
	id: string,
	lock = false
): Promise<ActionItemRow | null> {
	const [row] = await sql<ActionItemRow[]>`
		select ${ACTION_ITEM_COLUMNS(sql)}
		from action_items a
		left join users u on u.id = a.owner_id
		left join organizations o on o.id = a.owner_organization_id
		where a.id = ${id}
		${lock ? sql`for update of a` : sql``}`;
	return row ?? null;
}

export interface PublicationSummary {
	number: number;
	publishedAt: Date;
	publishedByName: string | null;
}

export async function listPublications(sql: Db, incidentId: string): Promise<PublicationSummary[]> {
	return sql<PublicationSummary[]>`
		select p.number, p.published_at as "publishedAt", u.display_name as "publishedByName"
		from postmortem_publications p left join users u on u.id = p.published_by
		where p.incident_id = ${incidentId}
		order by p.number desc`;
}

export async function readPublication(
	sql: Db,
	incidentId: string,
	number: number
): Promise<PostmortemDocument | null> {
	const [row] = await sql<{ document: StoredDocument }[]>`
		select document from postmortem_publications
		where incident_id = ${incidentId} and number = ${number}`;
	return row ? fromStored(row.document) : null;
}
