import { figureRows } from '$lib/postmortems/rows';
import { computeFigures } from '$lib/postmortems/report';
import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { authorizeIncident } from '../incidents/access';
import { loadFigureInput } from './figure-input';

/**
 * The incident's figures as the API gives them: each in seconds (null when it cannot be
 * computed, with the explanation saying which milestone to set), with the events it used.
 */
export async function readFiguresForApi(actor: Pick<Actor, 'userId'>, incidentId: string) {
	await authorizeIncident(actor, incidentId, 'incident.view');
	const input = await loadFigureInput(db(), incidentId);
	const figures = computeFigures(input, { timezone: 'UTC', locale: 'en' });
	return figureRows(figures).map((row) => ({
		key: row.key,
		label: row.label,
		seconds: row.minutes === null ? null : Math.round(row.minutes * 60),
		explanation: row.explanation,
		missing: row.missing,
		events: row.events.map((e) => ({
			seq: e.seq,
			kind: e.kind,
			occurredAt: e.occurredAt,
			role: e.role,
			...(e.detail ? { detail: e.detail } : {})
		}))
	}));
}
