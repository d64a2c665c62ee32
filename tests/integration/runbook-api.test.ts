import { describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/api/v1/incidents/[id=uuid]/run/+server';
import { POST } from '../../src/routes/api/v1/incidents/[id=uuid]/steps/[stepId=uuid]/+server';
import { startRun } from '../../src/lib/server/runbooks/runs';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';
import { newIncident, newItem, rebuildBody } from './runbooks-fixtures';

useTestDatabase();

type User = { userId: string; name: string };

function sessionUser(user: User | null) {
	return user
		? {
				id: user.userId,
				email: 'x@example.test',
				displayName: user.name,
				timezone: 'UTC',
				locale: 'en'
			}
		: null;
}

async function getRun(user: User | null, incidentId: string) {
	const event = {
		locals: { user: sessionUser(user) },
		params: { id: incidentId },
		url: new URL(`http://localhost/api/v1/incidents/${incidentId}/run`),
		getClientAddress: () => '127.0.0.1'
	};
	return GET(event as unknown as Parameters<typeof GET>[0]);
}

async function postStep(user: User | null, incidentId: string, stepId: string, body: unknown) {
	const event = {
		locals: { user: sessionUser(user) },
		params: { id: incidentId, stepId },
		request: new Request('http://localhost/api', {
			method: 'POST',
			body: typeof body === 'string' ? body : JSON.stringify(body)
		}),
		url: new URL(`http://localhost/api/v1/incidents/${incidentId}/steps/${stepId}`),
		getClientAddress: () => '127.0.0.1'
	};
	return POST(event as unknown as Parameters<typeof POST>[0]);
}

async function setup() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	await newItem(org, 'web01', ['shop-cluster']);
	const { result } = await createTemplate({ actor: owner }, org, {
		name: 'Rebuild',
		body: rebuildBody()
	});
	const incident = await newIncident(org);
	await startRun({ actor: owner }, incident, { templateId: result.templateId });
	return { owner, org, incident };
}

describe('runbook JSON API', () => {
	it('GET returns the run; signed out is 401, an outsider 404', async () => {
		const { owner, incident } = await setup();
		const response = await getRun(owner, incident);
		expect(response.status).toBe(200);
		const { run } = await response.json();
		expect(run.steps).toHaveLength(4);
		expect((await getRun(null, incident)).status).toBe(401);
		expect((await getRun(await newUser(), incident)).status).toBe(404);
	});

	it('POST works a step once per client mutation id; stale, viewer and bad JSON are refused', async () => {
		const { owner, org, incident } = await setup();
		const { run } = await (await getRun(owner, incident)).json();
		const call = run.steps[0];
		const body = { action: 'start', version: 1, clientMutationId: crypto.randomUUID() };
		const first = await postStep(owner, incident, call.id, body);
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ state: 'in_progress', version: 2, replayed: false });
		const retry = await postStep(owner, incident, call.id, body);
		expect(await retry.json()).toMatchObject({ version: 2, replayed: true });

		const stale = await postStep(owner, incident, call.id, { action: 'start', version: 1 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.message).toMatch(
			/^“Call the NOC” is already in progress \(by Claire at/
		);

		const viewer = await addMember(org, 'viewer', 'Vic');
		expect(
			(await postStep(viewer, incident, call.id, { action: 'complete', version: 2 })).status
		).toBe(403);
		expect((await postStep(owner, incident, call.id, '{oops')).status).toBe(400);
	});
});
