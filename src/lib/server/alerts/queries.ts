import { z } from 'zod';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import { db, type Db } from '../db/db';
import { decodeCursor, pageOf, pageQuery, type Page } from '../pagination';
import { parse } from '../validation';
import type { MemberStatus } from './normalize';
import { m } from '$lib/paraglide/messages';

export interface AlertMember {
	fingerprint: string;
	status: MemberStatus;
	summary: string;
	severity: string | null;
	labels: Record<string, string>;
	/** ISO 8601 (members are read as JSON). */
	startsAt: string | null;
	endsAt: string | null;
	generatorUrl: string | null;
	updatedAt: string;
}

export interface AlertGroup {
	id: string;
	groupKey: string;
	title: string;
	status: 'firing' | 'resolved';
	truncatedAlerts: number;
	integrationId: string;
	integrationName: string;
	integrationKind: string;
	incidentId: string | null;
	incidentTitle: string | null;
	firstSeenAt: Date;
	lastSeenAt: Date;
	resolvedAt: Date | null;
	firingCount: number;
	members: AlertMember[];
}

export const alertFilters = pageQuery.extend({
	status: z.enum(['firing', 'resolved'], { error: () => m.val_alert_status_filter() }).optional()
});

const cursorKey = z.tuple([z.string().datetime(), z.string().uuid()]);
/** Members shown per group; a group can hold thousands (the count says how many fire). */
const MEMBERS_PER_GROUP = 100;

/**
 * The organization's alert groups, most recently seen first, with their members (firing
 * first) and states; cursor-paginated. Viewers and above.
 */
export async function listAlertGroups(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	input: unknown,
	sql: Db = db()
): Promise<Page<AlertGroup>> {
	const filters = parse(alertFilters, input);
	await authorize(actor, organizationId, 'alert.view', sql);
	const after = decodeCursor(cursorKey, filters.cursor);
	const rows = await sql<AlertGroup[]>`
		select g.id, g.group_key as "groupKey", g.title, g.status, g.truncated_alerts as "truncatedAlerts",
			g.integration_id as "integrationId", n.name as "integrationName", n.kind as "integrationKind",
			g.incident_id as "incidentId", i.title as "incidentTitle", g.first_seen_at as "firstSeenAt",
			g.last_seen_at as "lastSeenAt", g.resolved_at as "resolvedAt",
			(select count(*)::int from alerts a where a.group_id = g.id and a.status <> 'resolved') as "firingCount",
			coalesce((
				select json_agg(m order by m.status <> 'firing', m.fingerprint) from (
					select a.fingerprint, a.status, a.summary, a.severity, a.labels,
						a.starts_at as "startsAt", a.ends_at as "endsAt", a.generator_url as "generatorUrl",
						a.updated_at as "updatedAt"
					from alerts a where a.group_id = g.id
					order by a.status = 'resolved', a.fingerprint
					limit ${MEMBERS_PER_GROUP}) m
			), '[]') as members
		from alert_groups g
		join integrations n on n.id = g.integration_id
		left join incidents i on i.id = g.incident_id
		where g.organization_id = ${organizationId}
			${filters.status ? sql`and g.status = ${filters.status}` : sql``}
			${after ? sql`and (date_trunc('milliseconds', g.last_seen_at), g.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
		order by date_trunc('milliseconds', g.last_seen_at) desc, g.id desc
		limit ${filters.limit + 1}`;
	return pageOf(rows, filters.limit, (g) => [new Date(g.lastSeenAt).toISOString(), g.id]);
}
