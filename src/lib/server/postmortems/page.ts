import type { PostmortemDocument } from '$lib/postmortems/document';
import { roleAtLeast } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { PERMISSIONS } from '../access/permissions';
import { db } from '../db/db';
import { AppError } from '../errors';
import { findIncidentAccess } from '../incidents/access';
import { listIncidentPeople, readIncident } from '../incidents/queries';
import { buildDocument, type DocumentOptions } from './build-document';
import {
	findPostmortem,
	listIncidentActionItems,
	listPublications,
	readPublication,
	type PostmortemRow
} from './queries';
import { m } from '$lib/paraglide/messages';

const HIDDEN = () => m.err_incident_not_found();

async function access(actor: Pick<Actor, 'userId'>, incidentId: string) {
	const found = await findIncidentAccess(actor.userId, incidentId);
	if (!found) throw new AppError('not_found', HIDDEN());
	return found;
}

/**
 * The document to show or export: a publication when one is asked for or the post-mortem is
 * published (it reads the same forever), else the draft as it stands, figures computed now.
 */
async function documentFor(
	incidentId: string,
	row: PostmortemRow,
	options: DocumentOptions & { version?: number | null }
): Promise<{ document: PostmortemDocument; viewing: number | null }> {
	const wanted = options.version ?? (row.status === 'published' ? row.publication : null);
	if (wanted) {
		const document = await readPublication(db(), incidentId, wanted);
		if (!document) throw new AppError('not_found', m.err_no_publication({ version: wanted }));
		return { document, viewing: wanted };
	}
	return { document: await buildDocument(db(), incidentId, options), viewing: null };
}

/** Everything the post-mortem page shows, read for one person (viewers and above). */
export async function readPostmortemPage(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	options: DocumentOptions & { version?: number | null }
) {
	const found = await access(actor, incidentId);
	const [incident, row] = await Promise.all([
		readIncident(incidentId),
		findPostmortem(db(), incidentId)
	]);
	if (!incident) throw new AppError('not_found', HIDDEN());
	const canEdit = roleAtLeast(found.role, PERMISSIONS['incident.update']);
	if (!row) return { incident, postmortem: null, canEdit } as const;
	const [{ document, viewing }, publications, actionItems, people] = await Promise.all([
		documentFor(incidentId, row, options),
		listPublications(db(), incidentId),
		listIncidentActionItems(db(), incidentId),
		listIncidentPeople(incidentId, actor.userId)
	]);
	return {
		incident,
		postmortem: row,
		canEdit,
		document,
		viewing,
		publications,
		actionItems,
		people
	} as const;
}

/** The document an export renders, for one person who may see the incident. */
export async function readPostmortemDocument(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	options: DocumentOptions & { version?: number | null }
): Promise<PostmortemDocument> {
	await access(actor, incidentId);
	const row = await findPostmortem(db(), incidentId);
	if (!row) throw new AppError('not_found', m.err_postmortem_not_found());
	return (await documentFor(incidentId, row, options)).document;
}

/** The version a page or an export asks for (`?version=n`), or null for the current one. */
export function askedVersion(url: URL): number | null {
	const asked = Number(url.searchParams.get('version'));
	return Number.isInteger(asked) && asked > 0 ? asked : null;
}
