import { nextStepFor, type NextStep } from '$lib/runbooks/next-step';
import { computeEta, computeProgress, isLate } from '$lib/runbooks/schedule';
import type { Run } from '$lib/runbooks/types';
import { db, type Db } from '../db/db';
import { listOrganizationsOfUser } from '../organizations/queries';
import { findRunRow, listStepRows, toRun } from '../runbooks/run-rows';
import { listIncidents, type IncidentSummary } from './queries';

export interface LiveRunSummary {
	templateName: string;
	percent: number;
	finished: number;
	total: number;
	etaAt: string;
	delayMinutes: number;
	lateCount: number;
	blockedCount: number;
	next: NextStep | null;
}

export interface LiveIncident extends IncidentSummary {
	/** Null when no runbook was started in the incident. */
	run: LiveRunSummary | null;
}

/**
 * Every incident still open that the person may see (own and shared organizations), with
 * what the home screen needs to decide where to go: progress, ETA, lateness, blocks, and the
 * person's next step. Most severe first, then the most recently detected.
 */
export async function listLiveIncidents(
	userId: string,
	now = Date.now(),
	sql: Db = db()
): Promise<LiveIncident[]> {
	const open = await listIncidents(userId, { status: 'open' }, sql);
	const clientOf = new Set((await listOrganizationsOfUser(userId, sql)).map((o) => o.id));
	const live = await Promise.all(
		open.map(async (incident) => {
			const row = await findRunRow(sql, incident.id);
			const run = row ? toRun(row, await listStepRows(sql, row.id)) : null;
			const side = clientOf.has(incident.organizationId) ? 'client' : 'provider';
			return { ...incident, run: run && summarize(run, userId, side, now) };
		})
	);
	return live.sort(
		(a, b) =>
			a.severity.localeCompare(b.severity) ||
			new Date(b.detectedAt).getTime() - new Date(a.detectedAt).getTime()
	);
}

function summarize(
	run: Run,
	userId: string,
	side: 'client' | 'provider',
	now: number
): LiveRunSummary {
	const progress = computeProgress(run.steps);
	const eta = computeEta(run, now);
	return {
		templateName: run.templateName,
		percent: progress.percent,
		finished: progress.finished,
		total: progress.total,
		etaAt: eta.at,
		delayMinutes: eta.delayMinutes,
		lateCount: run.steps.filter((s) => isLate(s, now)).length,
		blockedCount: run.steps.filter((s) => s.state === 'blocked').length,
		next: nextStepFor(run.steps, { userId, side })
	};
}
