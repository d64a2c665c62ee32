import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listTimeline } from '../../src/lib/server/timeline/queries';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();

describe('the demo scenario', () => {
	it('seeds Petit Nuage, Rempart and a SEV1 half-way through the night, once', async () => {
		expect(await seedDemo()).toBe(true);
		const [incident] = await sql()<
			{ id: string; title: string; status: string; detected_at: Date }[]
		>`
			select id, title, status, detected_at from incidents where title = 'Shop down: cluster rebuild'`;
		expect(incident?.status).toBe('mitigating');
		const hoursAgo = (Date.now() - (incident?.detected_at.getTime() ?? 0)) / 3_600_000;
		expect(hoursAgo).toBeGreaterThan(5.9);
		expect(hoursAgo).toBeLessThan(6.1);

		const orgs =
			await sql()`select o.name from incident_organizations io join organizations o on o.id = io.organization_id where io.incident_id = ${incident?.id ?? ''} order by o.name`;
		expect(orgs.map((o) => o.name)).toEqual(['Petit Nuage', 'Rempart Hosting']);

		const steps = await sql()<{ title: string; state: string }[]>`
			select rs.title, rs.state from run_steps rs join runbook_runs r on r.id = rs.run_id where r.incident_id = ${incident?.id ?? ''}`;
		const reinstalls = steps.filter((s) => s.title.startsWith('Reinstall Debian'));
		expect(reinstalls.filter((s) => s.state === 'done')).toHaveLength(5);
		expect(steps.find((s) => s.title === 'Reinstall Debian on web03')?.state).toBe('in_progress');
		expect(steps.find((s) => s.title === 'Reinstall Debian on web04')?.state).toBe('ready');

		const timeline = await listTimeline(incident?.id ?? '');
		const times = timeline.map((e) => new Date(e.occurredAt).getTime());
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times.every((t) => t <= Date.now())).toBe(true);
		expect(timeline.some((e) => e.kind === 'contact.called')).toBe(true);
		expect(timeline.some((e) => e.pinned)).toBe(true);

		const before = await sql()`select count(*)::int as n from events`;
		expect(await seedDemo()).toBe(true);
		expect(await sql()`select count(*)::int as n from events`).toEqual(before);
	});
});
