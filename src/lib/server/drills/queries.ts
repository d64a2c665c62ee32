import type { DrillRecord } from '$lib/drills/scorecard';
import { db, type Db } from '../db/db';
import { loadFigureInput } from '../postmortems/figure-input';

interface DrillRow {
	id: string;
	title: string;
	declared_at: Date;
	resolved_at: Date | null;
}

/** Earlier drills of the same template the person may see, oldest first (the last 20). */
export async function listEarlierDrills(
	userId: string,
	templateId: string,
	before: { incidentId: string; declaredAt: Date },
	sql: Db = db()
): Promise<DrillRow[]> {
	const rows = await sql<DrillRow[]>`
		select i.id, i.title, i.declared_at, i.resolved_at
		from incidents i join runbook_runs r on r.incident_id = i.id
		where r.template_id = ${templateId} and i.mode = 'drill' and i.id <> ${before.incidentId}
			and i.declared_at < ${before.declaredAt}
			and exists (
				select 1 from incident_organizations io
				join access_grants m on m.organization_id = io.organization_id and m.user_id = ${userId}
				where io.incident_id = i.id)
		order by i.declared_at desc
		limit 20`;
	return rows.reverse();
}

export async function loadDrillRecord(sql: Db, row: DrillRow, now: number) {
	const input = await loadFigureInput(sql, row.id, now);
	const record: DrillRecord = {
		incidentId: row.id,
		title: row.title,
		declaredAt: row.declared_at.toISOString(),
		endedAt: row.resolved_at?.toISOString() ?? null,
		run: input.run
	};
	return { record, input };
}
