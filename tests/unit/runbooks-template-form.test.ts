import { describe, expect, it } from 'vitest';
import { templateFromForm } from '../../src/lib/server/runbooks/template-form';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
}

describe('the template editor form', () => {
	it('reads phases and steps in index order, with repeated dependencies and items', () => {
		const { body, name, version } = templateFromForm(
			form([
				['name', 'Rebuild'],
				['version', '3'],
				['phase.1.title', 'Rebuild'],
				['phase.0.title', 'Mobilise'],
				['step.0.0.key', 'call'],
				['step.0.0.title', 'Call the NOC'],
				['step.0.0.plannedMinutes', '10'],
				['step.0.0.ownerSide', 'client'],
				['step.1.0.key', 'reinstall'],
				['step.1.0.title', 'Reinstall {server}'],
				['step.1.0.dependsOn', 'call'],
				['step.1.0.dependsOn', 'provision'],
				['step.1.0.itemIds', 'a-uuid'],
				['step.1.0.expandTag', 'shop-cluster'],
				['step.1.0.approvalRole', 'security']
			])
		);
		expect(name).toBe('Rebuild');
		expect(version).toBe('3');
		expect(body.phases.map((p) => p.title)).toEqual(['Mobilise', 'Rebuild']);
		expect(body.phases[1]?.steps[0]).toMatchObject({
			key: 'reinstall',
			dependsOn: ['call', 'provision'],
			itemIds: ['a-uuid'],
			expandTag: 'shop-cluster',
			requiresApproval: { role: 'security' }
		});
	});

	it('ignores the blank new-step row and removed rows, and makes missing keys from titles', () => {
		const { body } = templateFromForm(
			form([
				['phase.0.title', 'Verify'],
				['step.0.0.title', 'Smoke-test the shop'],
				['step.0.1.title', 'Smoke test: the shop!'],
				['step.0.2.title', 'Gone'],
				['step.0.2.remove', 'on'],
				['step.0.3.title', ''],
				['step.0.3.plannedMinutes', '30'],
				['phase.1.title', 'Dropped'],
				['phase.1.remove', 'on'],
				['phase.2.title', '']
			])
		);
		expect(body.phases).toHaveLength(1);
		expect(body.phases[0]?.steps.map((s) => s.key)).toEqual([
			'smoke-test-the-shop',
			'smoke-test-the-shop-2'
		]);
	});
});
