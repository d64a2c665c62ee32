/**
 * The benchmark's own database: created fresh, filled directly with SQL (an organization, its
 * members, an incident with a running runbook, and sessions for every client), dropped after.
 */
import postgres from 'postgres';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import { hashSecret, randomSecret } from '../../src/lib/server/auth/tokens';

export interface BenchDatabase {
	name: string;
	url: string;
	drop(): Promise<void>;
}

export interface BenchData {
	incidentId: string;
	stepId: string;
	/** The session of the person driving step updates through the HTTP API. */
	driverToken: string;
	/** One session token per client, in order; client i belongs to user i when distinct. */
	clientTokens: string[];
	/** How many different people the clients are (presence lists one entry per person). */
	people: number;
}

/** Under the app's 30 days but past half of it, so validating never renews (an extra write). */
const SESSION_DAYS = 29;

export async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
	const name = `nightshift_bench_${Date.now()}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await admin`create database ${admin(name)}`;
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		drop: async () => {
			const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
			try {
				await sql`drop database if exists ${sql(name)} with (force)`;
			} finally {
				await sql.end();
			}
		}
	};
}

/** Fills a migrated database; `distinct` gives each client its own person. */
export async function seed(url: string, clients: number, distinct: boolean): Promise<BenchData> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const people = distinct ? clients : 1;
		const base = await seedIncident(sql, people);
		const driverToken = (await createSessions(sql, [base.driverId]))[0] ?? '';
		const owners = Array.from({ length: clients }, (_, i) => base.userIds[distinct ? i : 0] ?? '');
		const clientTokens = await createSessions(sql, owners);
		return { incidentId: base.incidentId, stepId: base.stepId, driverToken, clientTokens, people };
	} finally {
		await sql.end();
	}
}

async function seedIncident(sql: postgres.Sql, people: number) {
	return sql.begin(async (tx) => {
		const [org] = await tx<{ id: string }[]>`
			insert into organizations (name, kind) values ('Bench merchant', 'merchant') returning id`;
		if (!org) throw new Error('organization insert returned no row');
		await tx`insert into streams (id, kind, organization_id) values (${org.id}, 'organization', ${org.id})`;
		// User 0 drives the updates; users 1…people watch.
		const users = await tx<{ id: string; n: number }[]>`
			insert into users (email, display_name, password_hash)
			select 'bench-' || n || '@bench.example', 'Bench user ' || lpad(n::text, 4, '0'), 'unused'
			from generate_series(0, ${people}) n
			returning id, (regexp_match(email, '[0-9]+'))[1]::int as n`;
		users.sort((a, b) => a.n - b.n);
		const driverId = users[0]?.id ?? '';
		await tx`
			insert into memberships (organization_id, user_id, role)
			select ${org.id}, id, 'responder' from users`;
		const [stream] = await tx<{ id: string }[]>`
			insert into streams (id, kind, organization_id)
			values (gen_random_uuid(), 'incident', ${org.id}) returning id`;
		const incidentId = stream?.id ?? '';
		await tx`
			insert into incidents (id, organization_id, title, severity, detected_at, commander_id, created_by)
			values (${incidentId}, ${org.id}, 'Benchmark: shop down', 'SEV1', now(), ${driverId}, ${driverId})`;
		await tx`
			insert into incident_organizations (incident_id, organization_id, added_by)
			values (${incidentId}, ${org.id}, ${driverId})`;
		const stepId = await seedRun(tx, org.id, incidentId, driverId);
		return { incidentId, stepId, driverId, userIds: users.slice(1).map((u) => u.id) };
	});
}

const STEP = {
	key: 'watch',
	title: 'Watch the shop come back',
	instructions: '',
	ownerSide: 'provider',
	role: '',
	plannedMinutes: 30,
	dependsOn: [],
	itemIds: [],
	expandTag: null,
	requiresApproval: null
};

/** A one-step runbook, its step already in progress so it can be blocked and resumed. */
async function seedRun(
	tx: postgres.TransactionSql,
	orgId: string,
	incidentId: string,
	userId: string
) {
	const [template] = await tx<{ id: string }[]>`
		insert into runbook_templates (organization_id, name, created_by)
		values (${orgId}, 'Bench runbook', ${userId}) returning id`;
	const templateId = template?.id ?? '';
	const body = { phases: [{ title: 'Recover', steps: [STEP] }] };
	await tx`
		insert into runbook_template_versions (template_id, version, name, body, created_by)
		values (${templateId}, 1, 'Bench runbook', ${tx.json(body)}, ${userId})`;
	const [run] = await tx<{ id: string }[]>`
		insert into runbook_runs (incident_id, template_id, template_version, started_by)
		values (${incidentId}, ${templateId}, 1, ${userId}) returning id`;
	const [step] = await tx<{ id: string }[]>`
		insert into run_steps (run_id, phase, position, key, title, owner_side, planned_minutes,
			state, started_at, assignee_id)
		values (${run?.id ?? ''}, 'Recover', 0, ${STEP.key}, ${STEP.title}, 'provider', 30,
			'in_progress', now(), ${userId})
		returning id`;
	return step?.id ?? '';
}

/** Sessions as the app makes them: token "<id>.<secret>", only the secret's SHA-256 stored. */
async function createSessions(sql: postgres.Sql, userIds: string[]): Promise<string[]> {
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
	const tokens: string[] = [];
	const rows = userIds.map((userId) => {
		const id = randomSecret(12);
		const secret = randomSecret(24);
		tokens.push(`${id}.${secret}`);
		return {
			id,
			secret_hash: Buffer.from(hashSecret(secret)),
			user_id: userId,
			expires_at: expiresAt
		};
	});
	for (let i = 0; i < rows.length; i += 1000) {
		await sql`insert into sessions ${sql(rows.slice(i, i + 1000), 'id', 'secret_hash', 'user_id', 'expires_at')}`;
	}
	return tokens;
}

/** The stream's latest sequence number: what every client should have received up to. */
export async function latestSeq(url: string, streamId: string): Promise<number> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql<
			{ last_seq: string }[]
		>`select last_seq from streams where id = ${streamId}`;
		return Number(row?.last_seq ?? 0);
	} finally {
		await sql.end();
	}
}

/** The stream's last event as clients receive it: what the bare server broadcasts too. */
export async function lastEvent(url: string, streamId: string): Promise<StreamEvent> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		type Row = Omit<StreamEvent, 'streamKind' | 'occurredAt' | 'recordedAt'> & {
			occurredAt: Date;
			recordedAt: Date;
		};
		const [row] = await sql<Row[]>`
			select stream_id as "streamId", seq::int, kind, actor_id as "actorId",
				actor_name as "actorName", source, occurred_at as "occurredAt",
				recorded_at as "recordedAt", payload
			from events where stream_id = ${streamId} order by seq desc limit 1`;
		if (!row) throw new Error('The benchmark wrote no event.');
		return {
			...row,
			streamKind: 'incident',
			occurredAt: row.occurredAt.toISOString(),
			recordedAt: row.recordedAt.toISOString()
		};
	} finally {
		await sql.end();
	}
}

/** The step as the database has it now, for the driver to start from or recover. */
export async function readStep(
	url: string,
	stepId: string
): Promise<{ state: string; version: number }> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const [row] = await sql<{ state: string; version: number }[]>`
			select state, version from run_steps where id = ${stepId}`;
		if (!row) throw new Error('The benchmark step is gone.');
		return row;
	} finally {
		await sql.end();
	}
}
