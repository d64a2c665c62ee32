import { z } from 'zod';
import { AUDIT_CATEGORY_NAMES, type AuditEntry, type AuditRecord } from '$lib/audit/types';
import { kindsOfCategory } from '$lib/events/traits';
import { fromWallClock } from '$lib/time/zoned';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import { db, type Db } from '../db/db';
import { parse, uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
	.string()
	.trim()
	.regex(DAY, { error: () => m.val_day_format() })
	.refine((v) => !Number.isNaN(Date.parse(v)) && v >= '2000-01-01' && v <= '2999-12-31', {
		error: () => m.val_day_range()
	});
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const auditFilters = z.object({
	category: z.preprocess(blankToUndefined, z.enum(AUDIT_CATEGORY_NAMES).optional()),
	actorId: z.preprocess(blankToUndefined, uuid.optional()),
	from: z.preprocess(blankToUndefined, day.optional()),
	to: z.preprocess(blankToUndefined, day.optional())
});

export type AuditFilters = z.infer<typeof auditFilters>;

export const AUDIT_PAGE_SIZE = 300;
export const AUDIT_EXPORT_SIZE = 20_000;

/** A row as the query returns it: the entry's typed part (origin, kind, details) as is. */
type Row = {
	id: string;
	at: Date;
	actor_id: string | null;
	actor_name: string | null;
	address: string | null;
	source: string;
	incident_title: string | null;
	incident_id: string | null;
} & AuditRecord;

/**
 * Every change in an organization, newest first: the events of its own stream and of the
 * incidents it declared (every command appends one, with actor and address), what its members
 * did in incidents of others it takes part in, and its members' sign-ins, sign-outs and
 * password changes. Admins only. Dates are days in `timeZone`, both included.
 */
export async function listAudit(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	input: unknown,
	options: { timeZone: string; limit?: number },
	sql: Db = db()
): Promise<AuditEntry[]> {
	const filters = parse(auditFilters, input);
	await authorize(actor, organizationId, 'audit.view', sql);
	const limit = options.limit ?? AUDIT_PAGE_SIZE;
	const from = filters.from ? fromWallClock(`${filters.from}T00:00`, options.timeZone) : null;
	const to = filters.to ? nextDay(fromWallClock(`${filters.to}T00:00`, options.timeZone)) : null;
	const kinds = filters.category ? kindsOfCategory(filters.category) : null;
	const events = filters.category !== 'sign_ins';
	const signIns = !filters.category || filters.category === 'sign_ins';
	const entries =
		events && signIns
			? sql`${eventRows(sql, organizationId)} union all ${authRows(sql, organizationId)}`
			: events
				? eventRows(sql, organizationId)
				: authRows(sql, organizationId);
	const rows = await sql<Row[]>`
		select * from (${entries}) entries
		where (${from}::timestamptz is null or at >= ${from}::timestamptz)
			and (${to}::timestamptz is null or at < ${to}::timestamptz)
			and (${filters.actorId ?? null}::uuid is null or actor_id = ${filters.actorId ?? null}::uuid)
			and (${kinds}::text[] is null or origin = 'auth' or kind = any(${kinds}::text[]))
		order by at desc, id desc
		limit ${limit}`;
	return rows.map(toEntry);
}

function eventRows(sql: Db, organizationId: string) {
	return sql`
		select 'e' || e.id as id, e.recorded_at as at,
			case when s.kind = 'incident' then 'incident' else 'organization' end as origin,
			e.kind, e.actor_id, e.actor_name, e.address, e.source, i.title as incident_title,
			i.id as incident_id, e.payload as details
		from events e
		join streams s on s.id = e.stream_id
		left join incidents i on i.id = e.stream_id
		where s.organization_id = ${organizationId}
			or (s.kind = 'incident'
				and exists (select 1 from incident_organizations io
					where io.incident_id = s.id and io.organization_id = ${organizationId})
				and e.actor_id in (select user_id from access_grants where organization_id = ${organizationId}))`;
}

function authRows(sql: Db, organizationId: string) {
	return sql`
		select 'a' || a.id as id, a.occurred_at as at, 'auth' as origin, 'auth.' || a.kind as kind,
			a.user_id as actor_id, coalesce(u.display_name, a.email) as actor_name, a.address,
			'manual' as source, null as incident_title, null::uuid as incident_id,
			jsonb_build_object('email', a.email, 'userAgent', a.user_agent, 'detail', a.detail)
				as details
		from auth_events a
		left join users u on u.id = a.user_id
		where a.user_id in (select user_id from memberships where organization_id = ${organizationId})
			or a.organization_id = ${organizationId}`;
}

function nextDay(iso: string): string {
	return new Date(Date.parse(iso) + 24 * 60 * 60 * 1000).toISOString();
}

function toEntry(row: Row): AuditEntry {
	const { actor_id, actor_name, incident_title, incident_id, ...entry } = row;
	return {
		actorId: actor_id,
		actorName: actor_name,
		incidentTitle: incident_title,
		incidentId: incident_id,
		...entry
	};
}

/** The people who appear in the log, for the actor filter: members and the organization's tokens. */
export async function listAuditActors(organizationId: string, sql: Db = db()) {
	return sql<{ id: string; name: string }[]>`
		select u.id, u.display_name as name from users u
		where u.id in (select user_id from access_grants where organization_id = ${organizationId})
			or u.id in (select user_id from api_tokens where organization_id = ${organizationId})
		order by u.display_name`;
}
