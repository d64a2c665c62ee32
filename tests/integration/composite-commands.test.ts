import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { startDrill } from '../../src/lib/server/drills/commands';
import { signUp } from '../../src/lib/server/users/sign-up';
import { TEST_PASSWORD, uniqueEmail, useTestDatabase } from './setup';

const sql = useTestDatabase();

async function demo() {
	await seedDemo();
	const [row] = await sql()<{ claire: string; org: string; rempart: string; template: string }[]>`
		select u.id as claire, o.id as org, r.id as rempart, t.id as template
		from users u
		join memberships m on m.user_id = u.id
		join organizations o on o.id = m.organization_id and o.name = 'Petit Nuage'
		join runbook_templates t on t.organization_id = o.id and t.name = 'Rebuild the shop cluster overnight'
		join organizations r on r.name = 'Rempart Hosting'
		where u.email = 'claire@petitnuage.example'`;
	if (!row) throw new Error('demo not seeded');
	return {
		...row,
		claire: { userId: row.claire, name: 'Claire Martin', source: 'manual' as const }
	};
}

/** Makes inserts into `table` fail until `heal` is called: a real failure inside PostgreSQL. */
async function failInsertsInto(table: 'runbook_runs' | 'organizations') {
	await sql().unsafe(`
		create or replace function fail_once() returns trigger language plpgsql as $$
		begin raise exception 'the disk is full'; end $$;
		create trigger fail_once before insert on ${table} for each row execute function fail_once();`);
	return () => sql().unsafe(`drop trigger fail_once on ${table}`);
}

const count = async (query: PromiseLike<readonly { n?: unknown }[]>) =>
	Number((await query)[0]?.n ?? 0);

describe('a use case made of several commands runs as one transaction', () => {
	it('a drill whose last step fails leaves nothing; a retry with the same id starts all of it', async () => {
		const { claire, org, rempart, template } = await demo();
		const title = `Drill ${randomUUID()}`;
		const input = { title, severity: 'SEV2', invite: [rempart] };
		const context = { actor: claire, clientMutationId: randomUUID() };
		const before = await count(sql()`select count(*) as n from events`);

		const heal = await failInsertsInto('runbook_runs');
		await expect(startDrill(context, org, template, input)).rejects.toThrow('the disk is full');
		expect(await count(sql()`select count(*) as n from incidents where title = ${title}`)).toBe(0);
		expect(await count(sql()`select count(*) as n from events`)).toBe(before);
		expect(
			await count(
				sql()`select count(*) as n from client_mutations where id = ${context.clientMutationId}`
			)
		).toBe(0);

		await heal();
		const { incidentId } = await startDrill(context, org, template, input);
		const [incident] = await sql()<{ title: string; mode: string }[]>`
			select title, mode from incidents where id = ${incidentId}`;
		expect(incident).toEqual({ title, mode: 'drill' });
		const kinds = (
			await sql()<
				{ kind: string }[]
			>`select kind from events where stream_id = ${incidentId} order by seq`
		).map((e) => e.kind);
		expect(kinds).toEqual(['incident.declared', 'incident.invited', 'run.started']);
		expect(
			await count(sql()`select count(*) as n from runbook_runs where incident_id = ${incidentId}`)
		).toBe(1);

		// The same id once more: the first result, nothing written twice.
		expect(await startDrill(context, org, template, input)).toEqual({ incidentId });
		expect(await count(sql()`select count(*) as n from incidents where title = ${title}`)).toBe(1);
	});

	it('a sign-up whose organization cannot be created leaves no account; trying again works', async () => {
		const email = uniqueEmail('signup');
		const input = {
			email,
			displayName: 'Inès',
			password: TEST_PASSWORD,
			timezone: 'Europe/Paris',
			organization: { name: 'Maison Inès', kind: 'merchant' }
		};
		const heal = await failInsertsInto('organizations');
		await expect(signUp(input)).rejects.toThrow('the disk is full');
		expect(await count(sql()`select count(*) as n from users where email = ${email}`)).toBe(0);

		await heal();
		const { userId, organizationId } = await signUp(input);
		const [membership] = await sql()<{ role: string; name: string }[]>`
			select m.role, o.name from memberships m join organizations o on o.id = m.organization_id
			where m.user_id = ${userId} and o.id = ${organizationId}`;
		expect(membership).toEqual({ role: 'owner', name: 'Maison Inès' });
		const [created] = await sql()<{ actor_id: string }[]>`
			select actor_id from events where stream_id = ${organizationId} and kind = 'organization.created'`;
		expect(created?.actor_id).toBe(userId);
	});
});
