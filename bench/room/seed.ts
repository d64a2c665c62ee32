/**
 * The room benchmark's data, written directly with SQL into a migrated database: one merchant,
 * two people (each with a session), and for each size an incident as a long night leaves it —
 * a running runbook of 12 steps, 8 linked servers and `events` timeline entries.
 */
import postgres from 'postgres';
import { hashSecret, randomSecret } from '../../src/lib/server/auth/tokens';

export interface RoomPeople {
	organizationId: string;
	/** Watches the room in the browser (and clicks in the browser-to-browser figure). */
	alice: { id: string; token: string };
	/** Writes the live notes (and watches in the second browser). */
	bob: { id: string; token: string };
}

export async function seedPeople(url: string): Promise<RoomPeople> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		return await sql.begin(async (tx) => {
			const [org] = await tx<{ id: string }[]>`
				insert into organizations (name, kind) values ('Bench merchant', 'merchant') returning id`;
			if (!org) throw new Error('organization insert returned no row');
			await tx`insert into streams (id, kind, organization_id) values (${org.id}, 'organization', ${org.id})`;
			const users = await tx<{ id: string; display_name: string }[]>`
				insert into users (email, display_name, password_hash, timezone)
				values ('alice@bench.example', 'Alice Martin', 'unused', 'Europe/Paris'),
					('bob@bench.example', 'Bob Durand', 'unused', 'Europe/Paris')
				returning id, display_name`;
			const alice = users.find((u) => u.display_name.startsWith('Alice'))?.id ?? '';
			const bob = users.find((u) => u.display_name.startsWith('Bob'))?.id ?? '';
			await tx`
				insert into memberships (organization_id, user_id, role)
				values (${org.id}, ${alice}, 'owner'), (${org.id}, ${bob}, 'responder')`;
			const [aliceToken, bobToken] = await createSessions(tx, [alice, bob]);
			return {
				organizationId: org.id,
				alice: { id: alice, token: aliceToken ?? '' },
				bob: { id: bob, token: bobToken ?? '' }
			};
		});
	} finally {
		await sql.end();
	}
}

/** The night lasts 12 hours: entries are spread evenly over it, the last one a minute ago. */
const NIGHT_MS = 12 * 3600 * 1000;

/** An incident whose timeline holds `events` entries (the declaration included). */
export async function seedNight(url: string, people: RoomPeople, events: number): Promise<string> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		return await sql.begin(async (tx) => {
			const org = people.organizationId;
			const owner = people.alice.id;
			const [stream] = await tx<{ id: string }[]>`
				insert into streams (id, kind, organization_id)
				values (gen_random_uuid(), 'incident', ${org}) returning id`;
			const incidentId = stream?.id ?? '';
			const detectedAt = new Date(Date.now() - NIGHT_MS - 60_000);
			const title = `Bench: a night of ${events} events`;
			await tx`
				insert into incidents (id, organization_id, title, severity, detected_at, commander_id,
					created_by, timezone)
				values (${incidentId}, ${org}, ${title}, 'SEV1', ${detectedAt}, ${owner}, ${owner},
					'Europe/Paris')`;
			await tx`
				insert into incident_organizations (incident_id, organization_id, added_by)
				values (${incidentId}, ${org}, ${owner})`;
			await seedServers(tx, org, incidentId, owner, events);
			await seedRun(tx, org, incidentId, owner, detectedAt, `Rebuild the shop (${events})`);
			await tx`
				insert into events (stream_id, seq, kind, actor_id, actor_name, occurred_at, recorded_at,
					payload)
				values (${incidentId}, 1, 'incident.declared', ${owner}, 'Alice Martin', ${detectedAt},
					${detectedAt}, ${tx.json({ title, severity: 'SEV1', mode: 'live', detectedAt: detectedAt.toISOString() })})`;
			// Notes and decisions by both people, one every NIGHT_MS / events.
			await tx`
				insert into events (stream_id, seq, kind, actor_id, actor_name, occurred_at, recorded_at,
					payload)
				select ${incidentId}, n,
					case when n % 7 = 0 then 'timeline.decision' else 'timeline.note' end,
					case when n % 2 = 0 then ${owner}::uuid else ${people.bob.id}::uuid end,
					case when n % 2 = 0 then 'Alice Martin' else 'Bob Durand' end,
					at, at,
					jsonb_build_object('text', 'Night entry ' || n || ': checked the load balancer, '
						|| 'web03 still answers 502 on /checkout; waiting for the hoster''s callback.',
						'backdated', false, 'backdateReason', null)
				from generate_series(2, ${events}) n,
					lateral (select ${detectedAt}::timestamptz
						+ (n * ${NIGHT_MS / events}) * interval '1 millisecond' as at) t`;
			await tx`update streams set last_seq = ${events} where id = ${incidentId}`;
			return incidentId;
		});
	} finally {
		await sql.end();
	}
}

async function seedServers(
	tx: postgres.TransactionSql,
	org: string,
	incidentId: string,
	userId: string,
	size: number
) {
	const items = await tx<{ id: string }[]>`
		insert into inventory_items (organization_id, hostname, role, criticality, tags)
		select ${org}, 'web' || lpad(n::text, 2, '0') || '-' || ${size}, 'web', 'high',
			array['shop-cluster']
		from generate_series(1, 8) n
		returning id`;
	for (const item of items) {
		await tx`
			insert into incident_items (incident_id, item_id, linked_by)
			values (${incidentId}, ${item.id}, ${userId})`;
	}
}

const PHASES = ['Mobilise', 'Rebuild', 'Verify'];

/** A 12-step runbook, a third of it done, a step in progress, one blocked. */
async function seedRun(
	tx: postgres.TransactionSql,
	org: string,
	incidentId: string,
	userId: string,
	startedAt: Date,
	name: string
) {
	const steps = Array.from({ length: 12 }, (_, i) => ({
		key: `s${i}`,
		title: `Step ${i + 1}: rebuild part ${i + 1} of the shop`,
		instructions: '',
		ownerSide: 'provider',
		role: '',
		plannedMinutes: 30,
		dependsOn: i === 0 ? [] : [`s${i - 1}`],
		itemIds: [],
		expandTag: null,
		requiresApproval: null
	}));
	const [template] = await tx<{ id: string }[]>`
		insert into runbook_templates (organization_id, name, created_by)
		values (${org}, ${name}, ${userId}) returning id`;
	const templateId = template?.id ?? '';
	const body = {
		phases: PHASES.map((title, p) => ({ title, steps: steps.slice(p * 4, p * 4 + 4) }))
	};
	await tx`
		insert into runbook_template_versions (template_id, version, name, body, created_by)
		values (${templateId}, 1, ${name}, ${tx.json(body)}, ${userId})`;
	const [run] = await tx<{ id: string }[]>`
		insert into runbook_runs (incident_id, template_id, template_version, started_by, started_at)
		values (${incidentId}, ${templateId}, 1, ${userId}, ${startedAt}) returning id`;
	const ids: string[] = [];
	for (const [i, step] of steps.entries()) {
		const state = i < 4 ? 'done' : i === 4 ? 'in_progress' : i === 5 ? 'pending' : 'pending';
		const [row] = await tx<{ id: string }[]>`
			insert into run_steps (run_id, phase, position, key, title, owner_side, planned_minutes,
				state, started_at, ended_at, assignee_id, depends_on)
			values (${run?.id ?? ''}, ${PHASES[Math.floor(i / 4)] ?? ''}, ${i}, ${step.key},
				${step.title}, 'provider', 30, ${state},
				${i <= 4 ? new Date(startedAt.getTime() + i * 1800_000) : null},
				${i < 4 ? new Date(startedAt.getTime() + (i + 1) * 1800_000) : null},
				${i <= 4 ? userId : null}, ${ids.slice(-1)}::uuid[])
			returning id`;
		ids.push(row?.id ?? '');
	}
}

const SESSION_DAYS = 29;

async function createSessions(tx: postgres.TransactionSql, userIds: string[]): Promise<string[]> {
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
	const tokens: string[] = [];
	for (const userId of userIds) {
		const id = randomSecret(12);
		const secret = randomSecret(24);
		tokens.push(`${id}.${secret}`);
		await tx`
			insert into sessions (id, secret_hash, user_id, expires_at)
			values (${id}, ${Buffer.from(hashSecret(secret))}, ${userId}, ${expiresAt})`;
	}
	return tokens;
}
