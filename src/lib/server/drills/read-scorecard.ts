import { scoreDrill } from '$lib/drills/scorecard';
import type { FigureFormat } from '$lib/postmortems/types';
import { roleAtLeast } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { PERMISSIONS } from '../access/permissions';
import { db } from '../db/db';
import { AppError } from '../errors';
import { findIncidentAccess } from '../incidents/access';
import { readIncident } from '../incidents/queries';
import { findRunRow } from '../runbooks/run-rows';
import { listEarlierDrills, loadDrillRecord } from './queries';
import { m } from '$lib/paraglide/messages';

/**
 * A drill's scorecard, read for one person who may see it: scored against its plan and every
 * earlier drill of the same template they may see (the page draws the trend from it).
 */
export async function readScorecard(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	format: FigureFormat,
	now = Date.now()
) {
	const access = await findIncidentAccess(actor.userId, incidentId);
	const incident = access ? await readIncident(incidentId) : null;
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
	if (incident.mode !== 'drill') throw new AppError('not_found', m.err_scorecard_drill_only());
	const run = await findRunRow(db(), incidentId);
	const current = await loadDrillRecord(
		db(),
		{
			id: incident.id,
			title: incident.title,
			declared_at: incident.declaredAt,
			resolved_at: incident.resolvedAt
		},
		now
	);
	const earlierRows = run
		? await listEarlierDrills(actor.userId, run.template_id, {
				incidentId,
				declaredAt: incident.declaredAt
			})
		: [];
	const earlier = await Promise.all(earlierRows.map((row) => loadDrillRecord(db(), row, now)));
	const scorecard = scoreDrill(
		current,
		earlier.map((e) => e.record),
		format
	);
	return {
		incident,
		templateName: run?.template_name ?? null,
		templateId: run?.template_id ?? null,
		scorecard,
		canRespond: access !== null && roleAtLeast(access.role, PERMISSIONS['incident.update'])
	};
}
