/**
 * Finds every handler under src/routes from the files themselves (nothing typed by hand):
 * a page view per +page.svelte or +page.server.ts, a form action per key of `actions`, and a
 * method per export of +server.ts. The modules are loaded as the app loads them.
 */

type Module = Record<string, unknown>;
type Loader = () => Promise<Module>;

const PREFIX = '../../../src/routes';
const pageServers = import.meta.glob<Module>('../../../src/routes/**/+page.server.ts');
const layoutServers = import.meta.glob<Module>('../../../src/routes/**/+layout.server.ts');
const endpoints = import.meta.glob<Module>('../../../src/routes/**/+server.ts');
const pageComponents = import.meta.glob('../../../src/routes/**/+page.svelte');

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

export type Handler =
	| { kind: 'view'; key: string; routeId: string }
	| { kind: 'action'; key: string; routeId: string; name: string }
	| { kind: 'endpoint'; key: string; routeId: string; method: string };

/** The endpoint `<method> <routeId>`, for a test that calls one route by name. */
export function endpointHandler(method: string, routeId: string): Handler {
	return { kind: 'endpoint', key: `${method} ${routeId}`, routeId, method };
}

/** "../../../src/routes/(app)/account/+page.server.ts" → "/(app)/account". */
export function routeIdOf(file: string): string {
	const dir = file.slice(PREFIX.length).replace(/\/[^/]+$/, '');
	return dir === '' ? '/' : dir;
}

function byRouteId(files: Record<string, Loader>): Map<string, Loader> {
	return new Map(Object.entries(files).map(([file, load]) => [routeIdOf(file), load]));
}

const PAGE_SERVERS = byRouteId(pageServers);
const LAYOUT_SERVERS = byRouteId(layoutServers);
const ENDPOINTS = byRouteId(endpoints);

export async function discoverHandlers(): Promise<Handler[]> {
	const handlers: Handler[] = [];
	const pages = new Set([...Object.keys(pageComponents).map(routeIdOf), ...PAGE_SERVERS.keys()]);
	for (const routeId of pages) handlers.push({ kind: 'view', key: `view ${routeId}`, routeId });
	for (const [routeId, load] of PAGE_SERVERS) {
		const actions = (await load()).actions;
		if (!actions || typeof actions !== 'object') continue;
		for (const name of Object.keys(actions)) {
			handlers.push({ kind: 'action', key: `action ${routeId} ${name}`, routeId, name });
		}
	}
	for (const [routeId, load] of ENDPOINTS) {
		const module = await load();
		for (const method of METHODS.filter((m) => typeof module[m] === 'function')) {
			handlers.push({ kind: 'endpoint', key: `${method} ${routeId}`, routeId, method });
		}
	}
	return handlers.sort((a, b) => a.key.localeCompare(b.key));
}

export async function pageServer(routeId: string): Promise<Module | null> {
	const load = PAGE_SERVERS.get(routeId);
	return load ? load() : null;
}

export async function endpoint(routeId: string): Promise<Module | null> {
	const load = ENDPOINTS.get(routeId);
	return load ? load() : null;
}

/** The +layout.server.ts modules that wrap a route, outermost first. */
export async function layoutsOf(routeId: string): Promise<Module[]> {
	const parts = routeId.split('/').filter(Boolean);
	const ids = ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
	const layouts: Module[] = [];
	for (const id of ids) {
		const load = LAYOUT_SERVERS.get(id);
		if (load) layouts.push(await load());
	}
	return layouts;
}

/** "/(app)/orgs/[id=uuid]/audit" with { id } → "/orgs/<id>/audit". */
export function pathOf(routeId: string, params: Record<string, string>): string {
	const path = routeId
		.split('/')
		.filter((part) => part && !/^\(.*\)$/.test(part))
		.map((part) => {
			const name = /^\[(\w+)(?:=\w+)?\]$/.exec(part)?.[1];
			if (!name) return part;
			const value = params[name];
			if (value === undefined) throw new Error(`No value for [${name}] in ${routeId}`);
			return encodeURIComponent(value);
		})
		.join('/');
	return `/${path}`;
}
