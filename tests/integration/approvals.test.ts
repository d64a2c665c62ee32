import { describe, expect, it } from 'vitest';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { readSharing } from '../../src/lib/server/incidents/read-sharing';
import { shareAccepted } from './harness/consent';
import { readRun, startRun } from '../../src/lib/server/runbooks/runs';
import { actOnStep } from '../../src/lib/server/runbooks/steps';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { templateStep } from './runbooks-fixtures';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

/**
 * Petit Nuage declares an incident and shares it with Rempart; Rempart starts its own
 * template, whose first step needs the approval of an admin of Petit Nuage.
 */
async function setting() {
	const claire = await newUser('Claire');
	const merchant = await newOrganization(claire, 'merchant');
	const nadia = await newUser('Nadia');
	const hoster = await newOrganization(nadia, 'provider');
	const marc = await addMember(hoster, 'responder', 'Marc');
	const sophie = await addMember(hoster, 'admin', 'Sophie');
	const julien = await addMember(merchant, 'responder', 'Julien');
	const security = await addMember(merchant, 'admin', 'Security officer');
	const { templateId } = (
		await createTemplate({ actor: nadia }, hoster, {
			name: 'Open the firewall',
			body: {
				phases: [
					{
						title: 'Firewall',
						steps: [
							templateStep('open', {
								title: 'Open the firewall to the new front ends',
								requiresApproval: { organizationId: merchant, role: 'admin' }
							}),
							templateStep('check', { title: 'Check the shop', dependsOn: ['open'] })
						]
					}
				]
			}
		})
	).result;
	const { incidentId } = (
		await declareIncident({ actor: claire }, merchant, { title: 'Shop down', severity: 'SEV1' })
	).result;
	await shareAccepted(claire, incidentId, hoster);
	await startRun({ actor: marc }, incidentId, { templateId });
	const run = await readRun(marc, incidentId);
	const step = run?.steps[0];
	if (!step) throw new Error('no step');
	return { claire, merchant, hoster, marc, sophie, julien, security, incidentId, step };
}

async function version(actor: { userId: string }, incidentId: string, stepId: string) {
	const run = await readRun(actor, incidentId);
	return run?.steps.find((s) => s.id === stepId)?.version ?? 0;
}

describe('a step that needs an approval', () => {
	it('copies who approves (a role of a named organization, with its name) into the run', async () => {
		const { step, merchant } = await setting();
		expect(step.requiresApproval).toEqual({
			organizationId: merchant,
			organizationName: expect.stringMatching(/^Org /),
			role: 'admin'
		});
		expect(step.state).toBe('ready');
		expect(step.approval).toBeNull();
	});

	it('cannot be started before it is approved, and says whose approval it waits for', async () => {
		const { marc, incidentId, step } = await setting();
		await expect(
			actOnStep({ actor: marc }, incidentId, step.id, { action: 'start', version: step.version })
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('needs the approval of an admin of Org')
		});
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		const asked = await version(marc, incidentId, step.id);
		await expect(
			actOnStep({ actor: marc }, incidentId, step.id, { action: 'start', version: asked })
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('waits for') });
	});

	it('is approved only by someone holding the role in the named organization', async () => {
		const { marc, sophie, julien, security, incidentId, step } = await setting();
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		const v = await version(marc, incidentId, step.id);
		for (const refused of [marc, sophie, julien]) {
			await expect(
				actOnStep({ actor: refused }, incidentId, step.id, { action: 'approve', version: v })
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		const outsider = await newUser('Outsider');
		await expect(
			actOnStep({ actor: outsider }, incidentId, step.id, { action: 'approve', version: v })
		).rejects.toMatchObject({ code: 'not_found' });

		await actOnStep({ actor: security }, incidentId, step.id, { action: 'approve', version: v });
		const run = await readRun(marc, incidentId);
		expect(run?.steps[0]?.approval).toMatchObject({
			state: 'approved',
			requestedByName: 'Marc',
			decidedByName: 'Security officer'
		});
		const started = await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'start',
			version: await version(marc, incidentId, step.id)
		});
		expect(started.result.state).toBe('in_progress');
	});

	it('a refusal needs a reason, is shown with it, and the approval may be asked again', async () => {
		const { marc, security, incidentId, step } = await setting();
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		let v = await version(marc, incidentId, step.id);
		await expect(
			actOnStep({ actor: security }, incidentId, step.id, { action: 'refuse', version: v })
		).rejects.toMatchObject({ code: 'invalid', fields: { reason: 'Say why you refuse.' } });
		await actOnStep({ actor: security }, incidentId, step.id, {
			action: 'refuse',
			version: v,
			reason: 'Not during the sale'
		});
		const run = await readRun(marc, incidentId);
		expect(run?.steps[0]?.approval).toMatchObject({
			state: 'vetoed',
			reason: 'Not during the sale'
		});
		v = await version(marc, incidentId, step.id);
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: v
		});
		expect((await readRun(marc, incidentId))?.steps[0]?.approval?.state).toBe('pending');
	});

	it('request, approval and refusal are timeline events the room applies live', async () => {
		const { marc, security, incidentId, step } = await setting();
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		await actOnStep({ actor: security }, incidentId, step.id, {
			action: 'approve',
			version: await version(marc, incidentId, step.id)
		});
		const events = (await listEventsAfter(incidentId, 0)).filter((e) => e.kind.startsWith('step.'));
		expect(events.map((e) => e.kind)).toEqual(['step.approval_requested', 'step.approved']);
		expect(events[1]?.payload).toMatchObject({
			stepId: step.id,
			approval: { state: 'approved', decidedByName: 'Security officer' }
		});
	});

	it('tells the room who may approve: the viewer’s role in each organization taking part', async () => {
		const { security, marc, merchant, hoster, incidentId } = await setting();
		expect((await readSharing(security, incidentId)).approverRoles).toEqual({
			[merchant]: 'admin'
		});
		expect((await readSharing(marc, incidentId)).approverRoles).toEqual({ [hoster]: 'responder' });
	});

	it('cannot be asked again once approved, nor decided when nobody asked', async () => {
		const { marc, security, incidentId, step } = await setting();
		await expect(
			actOnStep({ actor: security }, incidentId, step.id, {
				action: 'approve',
				version: step.version
			})
		).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Nobody asked') });
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		await actOnStep({ actor: security }, incidentId, step.id, {
			action: 'approve',
			version: await version(marc, incidentId, step.id)
		});
		await expect(
			actOnStep({ actor: marc }, incidentId, step.id, {
				action: 'request_approval',
				version: await version(marc, incidentId, step.id)
			})
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('already approved')
		});
	});
});
