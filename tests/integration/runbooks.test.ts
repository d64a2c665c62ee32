import { describe, expect, it } from 'vitest';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { readRun, startRun } from '../../src/lib/server/runbooks/runs';
import { readTemplate, listTemplates } from '../../src/lib/server/runbooks/template-queries';
import { createTemplate, saveTemplateVersion } from '../../src/lib/server/runbooks/templates';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';
import { newIncident, newItem, rebuildBody, templateStep } from './runbooks-fixtures';

const sql = useTestDatabase();

async function orgWithAdmin() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	return { owner, org };
}

describe('runbook templates', () => {
	it('a template is created as version 1 and listed for viewers', async () => {
		const { owner, org } = await orgWithAdmin();
		const { result } = await createTemplate({ actor: owner }, org, {
			name: 'Rebuild the shop cluster',
			body: rebuildBody()
		});
		expect(result.version).toBe(1);
		const viewer = await addMember(org, 'viewer');
		const list = await listTemplates(viewer, org);
		expect(list).toMatchObject([
			{ name: 'Rebuild the shop cluster', currentVersion: 1, stepCount: 4 }
		]);
		const kinds = (await listEventsAfter(org, 0)).map((e) => e.kind);
		expect(kinds.at(-1)).toBe('template.created');
	});

	it('saving a version with a dependency cycle is refused with the steps named, and nothing is saved', async () => {
		const { owner, org } = await orgWithAdmin();
		const { result } = await createTemplate({ actor: owner }, org, {
			name: 'T',
			body: rebuildBody()
		});
		const body = rebuildBody();
		const call = body.phases[0]?.steps[0];
		if (call) call.dependsOn = ['smoke'];
		await expect(
			saveTemplateVersion({ actor: owner }, result.templateId, { name: 'T', body, version: 1 })
		).rejects.toMatchObject({
			code: 'invalid',
			message:
				'These steps depend on each other in a circle: “Call the NOC” → “Smoke-test the shop” → “Reinstall Debian on {server}” → “Provision {server}” → “Call the NOC”. Remove one of these dependencies.'
		});
		const [row] =
			await sql()`select current_version from runbook_templates where id = ${result.templateId}`;
		expect(row?.current_version).toBe(1);
		const [versions] =
			await sql()`select count(*)::int as n from runbook_template_versions where template_id = ${result.templateId}`;
		expect(versions?.n).toBe(1);
	});

	it('an unknown dependency and an out-of-range duration are refused naming the step', async () => {
		const { owner, org } = await orgWithAdmin();
		const unknown = {
			phases: [
				{ title: 'P', steps: [templateStep('deploy', { title: 'Deploy', dependsOn: ['restore'] })] }
			]
		};
		await expect(
			createTemplate({ actor: owner }, org, { name: 'A', body: unknown })
		).rejects.toMatchObject({
			message: '“Deploy” depends on "restore", which is not a step of this template.'
		});
		const long = {
			phases: [
				{ title: 'P', steps: [templateStep('wait', { title: 'Wait', plannedMinutes: 2000 })] }
			]
		};
		await expect(
			createTemplate({ actor: owner }, org, { name: 'B', body: long })
		).rejects.toMatchObject({
			message: 'Step “Wait”: Planned duration must be between 1 and 1440 minutes.',
			fields: {
				'phases.0.steps.0.plannedMinutes': 'Planned duration must be between 1 and 1440 minutes.'
			}
		});
		const huge = {
			phases: [
				{
					title: 'P',
					steps: [templateStep('read', { title: 'Read', instructions: 'x'.repeat(20_001) })]
				}
			]
		};
		await expect(
			createTemplate({ actor: owner }, org, { name: 'C', body: huge })
		).rejects.toMatchObject({
			message: 'Step “Read”: Instructions are limited to 20000 characters.'
		});
		const [count] =
			await sql()`select count(*)::int as n from runbook_templates where organization_id = ${org}`;
		expect(count?.n).toBe(0);
	});

	it('a stale editor version is refused; a linked item of another organization is refused', async () => {
		const { owner, org } = await orgWithAdmin();
		const { result } = await createTemplate({ actor: owner }, org, {
			name: 'T',
			body: rebuildBody()
		});
		await saveTemplateVersion({ actor: owner }, result.templateId, {
			name: 'T',
			body: rebuildBody(),
			version: 1
		});
		await expect(
			saveTemplateVersion({ actor: owner }, result.templateId, {
				name: 'T',
				body: rebuildBody(),
				version: 1
			})
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('Claire saved version 2')
		});
		const other = await orgWithAdmin();
		const foreign = await newItem(other.org, 'web99', []);
		const body = { phases: [{ title: 'P', steps: [templateStep('x', { itemIds: [foreign] })] }] };
		await expect(
			saveTemplateVersion({ actor: owner }, result.templateId, { name: 'T', body, version: 2 })
		).rejects.toMatchObject({
			code: 'invalid',
			message: expect.stringContaining('not in this organization')
		});
	});

	it('only admins edit templates; an outsider learns nothing', async () => {
		const { owner, org } = await orgWithAdmin();
		const responder = await addMember(org, 'responder');
		await expect(createTemplate({ actor: responder }, org, { name: 'T' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		const { result } = await createTemplate({ actor: owner }, org, { name: 'T' });
		const outsider = await newUser('Eve');
		await expect(readTemplate(outsider, result.templateId)).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			saveTemplateVersion({ actor: outsider }, result.templateId, {
				name: 'T',
				body: rebuildBody(),
				version: 1
			})
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a run keeps the version it started from after the template changes', async () => {
		const { owner, org } = await orgWithAdmin();
		await newItem(org, 'web01', ['shop-cluster']);
		const { result } = await createTemplate({ actor: owner }, org, {
			name: 'T',
			body: rebuildBody()
		});
		const incident = await newIncident(org);
		await startRun({ actor: owner }, incident, { templateId: result.templateId });
		const changed = rebuildBody();
		const smoke = changed.phases[2]?.steps[0];
		if (smoke) smoke.title = 'Smoke-test catalogue and payment';
		await saveTemplateVersion({ actor: owner }, result.templateId, {
			name: 'T v2',
			body: changed,
			version: 1
		});

		const run = await readRun(owner, incident);
		expect(run).toMatchObject({ templateVersion: 1, templateName: 'T' });
		expect(run?.steps.at(-1)?.title).toBe('Smoke-test the shop');
		const second = await newIncident(org);
		await startRun({ actor: owner }, second, { templateId: result.templateId });
		expect((await readRun(owner, second))?.steps.at(-1)?.title).toBe(
			'Smoke-test catalogue and payment'
		);
		const detail = await readTemplate(owner, result.templateId, 1);
		expect(detail).toMatchObject({ shownVersion: 1, currentVersion: 2, name: 'T' });
		expect(detail.versions.map((v) => [v.version, v.createdByName])).toEqual([
			[2, 'Claire'],
			[1, 'Claire']
		]);
	});
});
