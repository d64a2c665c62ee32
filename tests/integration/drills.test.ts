import { render } from 'svelte/server';
import TrendChart from '../../src/lib/drills/TrendChart.svelte';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { startDrill } from '../../src/lib/server/drills/commands';
import { answerInvitation } from '../../src/lib/server/incidents/invitations';
import { readScorecard } from '../../src/lib/server/drills/read-scorecard';
import { changeIncidentStatus, declareIncident } from '../../src/lib/server/incidents/commands';
import { incidentStatistics } from '../../src/lib/server/postmortems/statistics';
import { playStep } from '../../src/lib/server/demo/play';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();
const FORMAT = { timezone: 'Europe/Paris', locale: 'en' };

async function demo() {
	await seedDemo();
	const [row] = await sql()<
		{ claire: string; org: string; rempart: string; template: string; nadia: string }[]
	>`
		select u.id as claire, o.id as org, r.id as rempart, t.id as template, n.id as nadia
		from users u
		join memberships m on m.user_id = u.id
		join organizations o on o.id = m.organization_id and o.name = 'Petit Nuage'
		join runbook_templates t on t.organization_id = o.id and t.name = 'Rebuild the shop cluster overnight'
		join users n on n.email = 'nadia@rempart.example'
		join memberships mr on mr.user_id = n.id
		join organizations r on r.id = mr.organization_id and r.name = 'Rempart Hosting'
		where u.email = 'claire@petitnuage.example'`;
	if (!row) throw new Error('demo not seeded');
	return {
		...row,
		claire: { userId: row.claire, name: 'Claire Martin' },
		nadia: { userId: row.nadia, name: 'Nadia Benali' }
	};
}

/** Rempart's admin accepts the drill's invitation, as on the dashboard. */
async function acceptDrill(nadia: { userId: string; name: string }, incidentId: string) {
	const [invitation] = await sql()<{ id: string; organization_id: string }[]>`
		select id, organization_id from incident_invitations
		where incident_id = ${incidentId} and state = 'pending'`;
	await answerInvitation(
		{ actor: nadia },
		invitation?.organization_id ?? '',
		invitation?.id ?? '',
		{
			answer: 'accept'
		}
	);
}

const countIncidents = async () =>
	(await sql()<{ n: number }[]>`select count(*)::int as n from incidents`)[0]?.n;

describe('drills', () => {
	it('never count in the real-incident figures', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const declare = async (mode: 'real' | 'drill', hoursAgo: number) => {
			const { incidentId } = (
				await declareIncident({ actor: owner }, organizationId, {
					title: `A ${mode} one`,
					severity: 'SEV2',
					mode,
					detectedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString()
				})
			).result;
			await changeIncidentStatus({ actor: owner }, incidentId, { status: 'resolved' });
		};
		await declare('real', 2);
		const before = await incidentStatistics(owner.userId);
		expect(before).toMatchObject({ incidents: 1, resolved: 1, drills: 0 });
		expect(before.meanMinutesToRecover).toBeCloseTo(120, 0);

		await declare('drill', 30);
		const after = await incidentStatistics(owner.userId);
		expect(after).toMatchObject({ incidents: 1, resolved: 1, drills: 1 });
		expect(after.meanMinutesToRecover).toBeCloseTo(120, 0);
	});

	it('start from a template with the partner invited and the runbook running', async () => {
		const { claire, nadia, org, rempart, template } = await demo();
		const { incidentId } = await startDrill({ actor: claire }, org, template, {
			invite: [rempart]
		});
		const waiting = await sql()<{ organization_id: string }[]>`
			select organization_id from incident_invitations
			where incident_id = ${incidentId} and state = 'pending'`;
		expect(waiting.map((w) => w.organization_id)).toEqual([rempart]);
		await acceptDrill(nadia, incidentId);
		const [incident] = await sql()<{ mode: string; title: string }[]>`
			select mode, title from incidents where id = ${incidentId}`;
		expect(incident).toEqual({ mode: 'drill', title: 'Drill: Rebuild the shop cluster overnight' });
		const orgs = await sql()<{ organization_id: string }[]>`
			select organization_id from incident_organizations where incident_id = ${incidentId}`;
		expect(orgs.map((o) => o.organization_id).sort()).toEqual([org, rempart].sort());
		const [run] = await sql()<{ steps: number }[]>`
			select count(*)::int as steps from run_steps rs join runbook_runs r on r.id = rs.run_id
			where r.incident_id = ${incidentId}`;
		expect(run?.steps).toBe(25);
	});

	it('refuse, writing nothing, an organization the template’s owner does not work with', async () => {
		const { claire, org, template } = await demo();
		const stranger = await newOrganization(await newUser('Stranger'));
		const viewer = await addMember(org, 'viewer', 'Viewer');
		const before = await countIncidents();
		await expect(
			startDrill({ actor: claire }, org, template, { invite: [stranger] })
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(startDrill({ actor: viewer }, org, template, {})).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await countIncidents()).toBe(before);
	});

	it('end with a scorecard against the plan and the earlier drill of the same template', async () => {
		const { claire, nadia, org, rempart, template } = await demo();
		const { incidentId } = await startDrill({ actor: claire }, org, template, {
			invite: [rempart]
		});
		await acceptDrill(nadia, incidentId);
		await playStep(
			claire,
			incidentId,
			{ title: 'Declare the incident and open the room' },
			'start'
		);
		await playStep(
			claire,
			incidentId,
			{ title: 'Declare the incident and open the room' },
			'complete'
		);
		await changeIncidentStatus({ actor: claire }, incidentId, { status: 'resolved' });

		const { scorecard } = await readScorecard(claire, incidentId, FORMAT);
		const seeded = scorecard.earlier.find(
			(d) => d.title === 'Drill: rebuild the shop cluster overnight'
		);
		expect(seeded?.finished).toBe(true);
		expect(seeded?.actualMinutes).toBeGreaterThan(seeded?.plannedMinutes ?? Infinity);
		expect(scorecard.current).toMatchObject({ incidentId, finished: true, plannedMinutes: 775 });
		const mobilise = scorecard.phases.find((p) => p.phase === 'Mobilise');
		expect(mobilise?.earlier.at(0)).toBeGreaterThan(0);
		expect(scorecard.phases.find((p) => p.phase === 'Restore data')?.actualMinutes).toBeNull();
		expect(scorecard.mobilise.map((f) => f.organizationName)).toEqual([
			'Petit Nuage',
			'Rempart Hosting'
		]);
		const drills = [...scorecard.earlier, scorecard.current];
		const trendSvg = render(TrendChart, {
			props: { drills, currentId: incidentId, ...FORMAT }
		}).body;
		expect(trendSvg).toContain('this drill');
		expect(trendSvg.match(/<rect x=/g)).toHaveLength(scorecard.earlier.length + 1);
	});

	it('score the seeded drill: the steps that slipped most, worst first', async () => {
		await demo();
		const [drill] = await sql()<{ id: string; claire: string }[]>`
			select i.id, u.id as claire from incidents i, users u
			where i.title = 'Drill: rebuild the shop cluster overnight' and u.email = 'claire@petitnuage.example'`;
		const { scorecard } = await readScorecard(
			{ userId: drill?.claire ?? '' },
			drill?.id ?? '',
			FORMAT
		);
		expect(scorecard.slipped[0]?.title).toBe('Restore db01 from the last backup');
		const overs = scorecard.slipped.map((s) => s.overMinutes);
		expect(overs).toEqual([...overs].sort((a, b) => b - a));
		const rempart = scorecard.mobilise.find((f) => f.organizationName === 'Rempart Hosting');
		expect(rempart?.startKind).toBe('call');
		expect(rempart?.value).toBeGreaterThan(0);
	});

	it('have no scorecard when they are real incidents', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const { incidentId } = (
			await declareIncident({ actor: owner }, organizationId, {
				title: 'Real one',
				severity: 'SEV3'
			})
		).result;
		await expect(readScorecard(owner, incidentId, FORMAT)).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
