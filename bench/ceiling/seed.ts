/**
 * The ceiling benchmark's data, written with SQL into a migrated database: one merchant, the
 * people who drive commands (each with a session: the API's rate limit is per person, so the
 * load is spread over many, as a real night's is), the people who watch, and `incidents`
 * incidents each running a runbook of `steps` steps, all in progress (so each can be blocked
 * and resumed in turn).
 */
import postgres from 'postgres';
import { hashSecret, randomSecret } from '../../src/lib/server/auth/tokens';

export interface CeilingStep {
	incidentId: string;
	stepId: string;
}

export interface CeilingData {
	/** The incident the watchers join (the first one). */
	hotIncidentId: string;
	incidentIds: string[];
	steps: CeilingStep[];
	driverTokens: string[];
	watcherTokens: string[];
	watchers: number;
}

const SESSION_DAYS = 29;

export async function seedCeiling(
	url: string,
	options: { drivers: number; watchers: number; incidents: number; steps: number }
): Promise<CeilingData> {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		return await sql.begin(async (tx) => {
			const [org] = await tx<{ id: string }[]>`
				insert into organizations (name, kind) values ('Ceiling merchant', 'merchant') returning id`;
			if (!org) throw new Error('organization insert returned no row');
			await tx`insert into streams (id, kind, organization_id) values (${org.id}, 'organization', ${org.id})`;
			const people = options.drivers + options.watchers;
			const users = await tx<{ id: string; n: number }[]>`
				insert into users (email, display_name, password_hash)
				select 'ceiling-' || n || '@bench.example', 'Person ' || lpad(n::text, 4, '0'), 'unused'
				from generate_series(1, ${people}) n
				returning id, (regexp_match(email, '[0-9]+'))[1]::int as n`;
			users.sort((a, b) => a.n - b.n);
			await tx`
				insert into memberships (organization_id, user_id, role)
				select ${org.id}, id, 'responder' from users`;
			const ids = users.map((u) => u.id);
			const drivers = ids.slice(0, options.drivers);
			const watchers = ids.slice(options.drivers);
			const owner = drivers[0] ?? '';
			const incidentIds: string[] = [];
			const steps: CeilingStep[] = [];
			for (let i = 0; i < options.incidents; i++) {
				const incidentId = await seedIncident(tx, org.id, owner, i);
				incidentIds.push(incidentId);
				const stepIds = await seedRun(tx, org.id, incidentId, owner, i, options.steps);
				for (const stepId of stepIds) steps.push({ incidentId, stepId });
			}
			return {
				hotIncidentId: incidentIds[0] ?? '',
				incidentIds,
				steps,
				driverTokens: await createSessions(tx, drivers),
				watcherTokens: await createSessions(tx, watchers),
				watchers: watchers.length
			};
		});
	} finally {
		await sql.end();
	}
}

async function seedIncident(tx: postgres.TransactionSql, org: string, owner: string, i: number) {
	const [stream] = await tx<{ id: string }[]>`
		insert into streams (id, kind, organization_id)
		values (gen_random_uuid(), 'incident', ${org}) returning id`;
	const incidentId = stream?.id ?? '';
	await tx`
		insert into incidents (id, organization_id, title, severity, detected_at, commander_id, created_by)
		values (${incidentId}, ${org}, ${`Ceiling incident ${i + 1}`}, 'SEV1', now(), ${owner}, ${owner})`;
	await tx`
		insert into incident_organizations (incident_id, organization_id, added_by)
		values (${incidentId}, ${org}, ${owner})`;
	return incidentId;
}

async function seedRun(
	tx: postgres.TransactionSql,
	org: string,
	incidentId: string,
	owner: string,
	i: number,
	count: number
): Promise<string[]> {
	const name = `Ceiling runbook ${i + 1}`;
	const steps = Array.from({ length: count }, (_, s) => ({
		key: `s${s}`,
		title: `Check server ${s + 1}`,
		instructions: '',
		ownerSide: 'provider',
		role: '',
		plannedMinutes: 30,
		dependsOn: [],
		itemIds: [],
		expandTag: null,
		requiresApproval: null
	}));
	const [template] = await tx<{ id: string }[]>`
		insert into runbook_templates (organization_id, name, created_by)
		values (${org}, ${name}, ${owner}) returning id`;
	const templateId = template?.id ?? '';
	await tx`
		insert into runbook_template_versions (template_id, version, name, body, created_by)
		values (${templateId}, 1, ${name}, ${tx.json({ phases: [{ title: 'Check', steps }] })}, ${owner})`;
	const [run] = await tx<{ id: string }[]>`
		insert into runbook_runs (incident_id, template_id, template_version, started_by)
		values (${incidentId}, ${templateId}, 1, ${owner}) returning id`;
	const rows = await tx<{ id: string }[]>`
		insert into run_steps (run_id, phase, position, key, title, owner_side, planned_minutes,
			state, started_at, assignee_id)
		select ${run?.id ?? ''}, 'Check', n, 's' || n, 'Check server ' || (n + 1), 'provider', 30,
			'in_progress', now(), ${owner}
		from generate_series(0, ${count - 1}) n
		returning id`;
	return rows.map((r) => r.id);
}

async function createSessions(tx: postgres.TransactionSql, userIds: string[]): Promise<string[]> {
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
		await tx`insert into sessions ${tx(rows.slice(i, i + 1000), 'id', 'secret_hash', 'user_id', 'expires_at')}`;
	}
	return tokens;
}
