import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/lib/runbooks/expansion';
import { templateStep } from './runbooks-fixtures';

const items = [
	{ id: 'i-web03', hostname: 'web03', tags: ['shop-cluster', 'web'] },
	{ id: 'i-db01', hostname: 'db01', tags: ['shop-cluster'] },
	{ id: 'i-web01', hostname: 'web01', tags: ['shop-cluster', 'web'] },
	{ id: 'i-mail', hostname: 'mail01', tags: ['office'] }
];

describe('per-server expansion', () => {
	const body = {
		phases: [
			{ title: 'Mobilise', steps: [templateStep('call', { title: 'Call the NOC' })] },
			{
				title: 'Rebuild',
				steps: [
					templateStep('provision', {
						title: 'Provision {server}',
						expandTag: 'shop-cluster',
						dependsOn: ['call']
					}),
					templateStep('reinstall', {
						title: 'Reinstall Debian on {server}',
						instructions: 'ssh root@{server}',
						expandTag: 'shop-cluster',
						dependsOn: ['provision']
					}),
					templateStep('deploy', {
						title: 'Deploy on {server}',
						expandTag: 'web',
						dependsOn: ['reinstall']
					}),
					templateStep('smoke', { title: 'Smoke-test {server}', dependsOn: ['deploy'] })
				]
			}
		]
	};
	const { steps, unmatched } = expandTemplate(body, items);
	const byRef = new Map(steps.map((s) => [s.ref, s]));

	it('makes one step per tagged item, by hostname, with {server} replaced', () => {
		expect(unmatched).toEqual([]);
		expect(steps.filter((s) => s.key === 'reinstall').map((s) => s.title)).toEqual([
			'Reinstall Debian on db01',
			'Reinstall Debian on web01',
			'Reinstall Debian on web03'
		]);
		expect(byRef.get('reinstall@i-web03')).toMatchObject({
			instructions: 'ssh root@web03',
			serverItemId: 'i-web03',
			serverHostname: 'web03',
			phase: 'Rebuild'
		});
		expect(steps.map((s) => s.position)).toEqual(steps.map((_, i) => i + 1));
	});

	it('maps a dependency between two expanded steps server to server', () => {
		expect(byRef.get('reinstall@i-web03')?.dependsOn).toEqual(['provision@i-web03']);
		expect(byRef.get('deploy@i-web01')?.dependsOn).toEqual(['reinstall@i-web01']);
	});

	it('every instance waits for a plain step; a plain step waits for every instance', () => {
		expect(byRef.get('provision@i-db01')?.dependsOn).toEqual(['call']);
		expect(byRef.get('smoke')?.dependsOn).toEqual(['deploy@i-web01', 'deploy@i-web03']);
		expect(byRef.get('smoke')?.title).toBe('Smoke-test {server}');
	});

	it('reports an expanded step whose tag no item carries', () => {
		const result = expandTemplate(
			{
				phases: [
					{ title: 'P', steps: [templateStep('x', { title: 'Wipe {server}', expandTag: 'nope' })] }
				]
			},
			items
		);
		expect(result.unmatched).toEqual([{ title: 'Wipe {server}', tag: 'nope' }]);
		expect(result.steps).toEqual([]);
	});

	it('an expanded step depending on one expanded over other servers waits for all of them', () => {
		const result = expandTemplate(
			{
				phases: [
					{
						title: 'P',
						steps: [
							templateStep('db', { title: 'Restore {server}', expandTag: 'office' }),
							templateStep('web', { title: 'Deploy {server}', expandTag: 'web', dependsOn: ['db'] })
						]
					}
				]
			},
			items
		);
		expect(result.steps.find((s) => s.ref === 'web@i-web01')?.dependsOn).toEqual(['db@i-mail']);
	});
});
