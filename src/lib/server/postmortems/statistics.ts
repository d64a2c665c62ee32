import { db, type Db } from '../db/db';

export interface IncidentStatistics {
	days: number;
	/** Real incidents detected in the period: drills never count here. */
	incidents: number;
	resolved: number;
	/** Mean of detection → resolution over the resolved ones, in minutes. */
	meanMinutesToRecover: number | null;
	/** Drills held in the period, reported apart. */
	drills: number;
}

/**
 * Figures across the real incidents a person may see over the last `days` days. Drills are
 * rehearsals: they are counted apart and never weigh on the real figures.
 */
export async function incidentStatistics(
	userId: string,
	days = 90,
	sql: Db = db()
): Promise<IncidentStatistics> {
	const [row] = await sql<
		{ incidents: number; resolved: number; mean: number | null; drills: number }[]
	>`
		select
			count(*) filter (where i.mode = 'real')::int as incidents,
			count(*) filter (where i.mode = 'real' and i.resolved_at is not null)::int as resolved,
			(avg(extract(epoch from i.resolved_at - i.detected_at) / 60)
				filter (where i.mode = 'real' and i.resolved_at is not null))::float8 as mean,
			count(*) filter (where i.mode = 'drill')::int as drills
		from incidents i
		where i.detected_at > now() - make_interval(days => ${days})
			and exists (
				select 1 from incident_organizations io
				join access_grants m on m.organization_id = io.organization_id and m.user_id = ${userId}
				where io.incident_id = i.id)`;
	return {
		days,
		incidents: row?.incidents ?? 0,
		resolved: row?.resolved ?? 0,
		meanMinutesToRecover: row?.mean ?? null,
		drills: row?.drills ?? 0
	};
}
