import { describe, expect, it } from 'vitest';
import { BROWSER_ONLY, FORM_API } from './harness/form-api-map';
import { discoverHandlers } from './harness/routes';

/**
 * Every action a person can do in a form can be done through the JSON API, by the same
 * domain command: the form actions are found under src/routes (as the authorization test
 * finds them), and each must have a counterpart in FORM_API or a reason in BROWSER_ONLY.
 */

const sources = import.meta.glob<string>('../../src/routes/**/*.ts', {
	query: '?raw',
	import: 'default',
	eager: true
});
const PREFIX = '../../src/routes';

/** A route's server file and the files of its own folder tree it imports (form-actions.ts). */
function sourceOf(routeId: string, file: '+page.server.ts' | '+server.ts'): string {
	const dir = `${PREFIX}${routeId === '/' ? '' : routeId}`;
	const main = sources[`${dir}/${file}`] ?? '';
	const local = [...main.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map(([, path]) => {
		const parts = `${routeId}/${path}`.split('/');
		const resolved: string[] = [];
		for (const part of parts) {
			if (part === '..') resolved.pop();
			else if (part !== '.') resolved.push(part);
		}
		return sources[`${PREFIX}${resolved.join('/')}.ts`] ?? '';
	});
	return [main, ...local].join('\n');
}

const calls = (source: string, command: string) =>
	new RegExp(`\\b${command}\\b`).test(source.replace(/^import .*$/gm, ''));

const handlers = await discoverHandlers();
const actions = handlers.filter((h) => h.kind === 'action');
const endpoints = new Set(handlers.filter((h) => h.kind === 'endpoint').map((h) => h.key));

describe('every form action has a JSON counterpart', () => {
	it('is paired with an endpoint, or listed as browser-only with its reason', () => {
		const unpaired = actions
			.map((a) => a.key)
			.filter((key) => !(key in FORM_API) && !(key in BROWSER_ONLY));
		expect(unpaired, 'form actions without an API counterpart (form-api-map.ts)').toEqual([]);
		const stale = [...Object.keys(FORM_API), ...Object.keys(BROWSER_ONLY)].filter(
			(key) => !actions.some((a) => a.key === key)
		);
		expect(stale, 'entries of form-api-map.ts without a form action').toEqual([]);
		for (const reason of Object.values(BROWSER_ONLY)) expect(reason.length).toBeGreaterThan(20);
	});

	it('names endpoints that exist (or, for another issue’s, that are pending)', () => {
		const missing = Object.entries(FORM_API)
			.filter(([, c]) => !c.pending && !endpoints.has(c.api))
			.map(([key, c]) => `${key} → ${c.api}`);
		expect(missing, 'counterparts that are not endpoints under src/routes/api').toEqual([]);
		const arrived = Object.entries(FORM_API)
			.filter(([, c]) => c.pending && endpoints.has(c.api))
			.map(([key, c]) => `${key} → ${c.api} (no longer pending: ${c.pending})`);
		expect(arrived, 'pending counterparts now merged: drop `pending`').toEqual([]);
	});

	it('calls the same domain command on both sides', () => {
		const apart: string[] = [];
		for (const action of actions) {
			const pair = FORM_API[action.key];
			if (!pair || (pair.pending && !endpoints.has(pair.api))) continue;
			const form = sourceOf(action.routeId, '+page.server.ts');
			const routeId = pair.api.slice(pair.api.indexOf(' ') + 1);
			const api = sourceOf(routeId, '+server.ts');
			if (!calls(form, pair.command)) apart.push(`${action.key} does not call ${pair.command}`);
			if (!calls(api, pair.command)) apart.push(`${pair.api} does not call ${pair.command}`);
		}
		expect(apart).toEqual([]);
	});
});
