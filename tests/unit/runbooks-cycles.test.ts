import { describe, expect, it } from 'vitest';
import { findCycle } from '../../src/lib/runbooks/graph';
import { checkTemplate, describeProblem } from '../../src/lib/runbooks/template-check';
import { templateStep } from './runbooks-fixtures';

const body = (...steps: ReturnType<typeof templateStep>[]) => ({
	phases: [{ title: 'Rebuild', steps }]
});

describe('cycle detection', () => {
	it('finds no cycle in a DAG with shared dependencies', () => {
		const nodes = [
			{ id: 'a', dependsOn: [] },
			{ id: 'b', dependsOn: ['a'] },
			{ id: 'c', dependsOn: ['a'] },
			{ id: 'd', dependsOn: ['b', 'c'] }
		];
		expect(findCycle(nodes)).toBeNull();
	});

	it('returns exactly the steps of the cycle, in dependency order', () => {
		const nodes = [
			{ id: 'start', dependsOn: [] },
			{ id: 'a', dependsOn: ['start', 'c'] },
			{ id: 'b', dependsOn: ['a'] },
			{ id: 'c', dependsOn: ['b'] },
			{ id: 'other', dependsOn: ['a'] }
		];
		expect(findCycle(nodes)).toEqual(['a', 'c', 'b']);
	});

	it('names the steps of a template cycle by title', () => {
		const problem = checkTemplate(
			body(
				templateStep('provision', { title: 'Provision {server}', dependsOn: ['deploy'] }),
				templateStep('reinstall', { title: 'Reinstall Debian', dependsOn: ['provision'] }),
				templateStep('deploy', { title: 'Deploy the shop', dependsOn: ['reinstall'] })
			)
		);
		expect(problem).toEqual({
			kind: 'cycle',
			titles: ['Provision {server}', 'Deploy the shop', 'Reinstall Debian']
		});
		expect(describeProblem(problem ?? { kind: 'cycle', titles: [] })).toBe(
			'These steps depend on each other in a circle: “Provision {server}” → “Deploy the shop” → “Reinstall Debian” → “Provision {server}”. Remove one of these dependencies.'
		);
	});

	it('a step depending on itself is named', () => {
		const problem = checkTemplate(
			body(templateStep('a', { title: 'Smoke test', dependsOn: ['a'] }))
		);
		expect(problem && describeProblem(problem)).toBe('“Smoke test” cannot depend on itself.');
	});

	it('an unknown dependency key and a duplicated key are named', () => {
		expect(
			checkTemplate(body(templateStep('a', { title: 'Deploy', dependsOn: ['restore'] })))
		).toEqual({ kind: 'unknown_dependency', title: 'Deploy', missing: 'restore' });
		expect(
			checkTemplate(body(templateStep('a', { title: 'One' }), templateStep('a', { title: 'Two' })))
		).toEqual({ kind: 'duplicate_key', key: 'a', titles: ['One', 'Two'] });
	});
});
