import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { isActionFailure, isHttpError, isRedirect } from '@sveltejs/kit';
import { handle } from '../../../src/hooks.server';
import { SESSION_COOKIE } from '../../../src/lib/server/auth/session';
import { undocumented } from './openapi-check';
import { endpoint, layoutsOf, pageServer, pathOf, type Handler } from './routes';

/**
 * Calls one handler the way SvelteKit would, through the app's real `handle` hook (sessions,
 * API tokens, origin and size checks, rate limits), and answers with the status and location
 * a browser or an API client would get.
 */

export interface Credentials {
	/** A session token for the cookie. */
	session?: string | null;
	/** An API token for the Authorization header. */
	bearer?: string | null;
}

export interface RequestSpec {
	params: Record<string, string>;
	form?: Record<string, string | string[]>;
	json?: unknown;
	/** A raw body (for fuzzing what arrives). */
	body?: string;
	/** Files sent with the form (an import), by field name. */
	files?: Record<string, { name: string; content: string }>;
	query?: string;
	/** Extra request headers (the MCP transport wants an Accept header). */
	headers?: Record<string, string>;
}

export interface Answer {
	status: number;
	location: string | null;
	body: string;
}

const ORIGIN = 'http://nightshift.test';
let addresses = 0;

function cookiesOf(request: Request): Cookies {
	const jar = new Map<string, string>();
	for (const part of (request.headers.get('cookie') ?? '').split(';')) {
		const [name, ...rest] = part.trim().split('=');
		if (name) jar.set(name, decodeURIComponent(rest.join('=')));
	}
	return {
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: (name, value) => `${name}=${value}`
	};
}

function buildRequest(handler: Handler, spec: RequestSpec, who: Credentials): Request {
	const method =
		handler.kind === 'view' ? 'GET' : handler.kind === 'action' ? 'POST' : handler.method;
	const query =
		handler.kind === 'action'
			? `?/${handler.name}${spec.query ? `&${spec.query}` : ''}`
			: spec.query
				? `?${spec.query}`
				: '';
	const url = `${ORIGIN}${pathOf(handler.routeId, spec.params)}${query}`;
	const headers = new Headers({ origin: ORIGIN });
	if (who.session) headers.set('cookie', `${SESSION_COOKIE}=${who.session}`);
	if (who.bearer) headers.set('authorization', `Bearer ${who.bearer}`);
	for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
	let body: BodyInit | undefined;
	if (spec.body !== undefined) {
		body = spec.body;
		headers.set('content-type', spec.json !== undefined ? 'application/json' : 'text/plain');
	} else if (spec.json !== undefined) {
		body = JSON.stringify(spec.json);
		headers.set('content-type', 'application/json');
	} else if (spec.form || handler.kind === 'action') {
		const form = new FormData();
		for (const [key, value] of Object.entries(spec.form ?? {})) {
			for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
		}
		for (const [key, file] of Object.entries(spec.files ?? {}))
			form.append(key, new File([file.content], file.name));
		body = form;
	}
	return new Request(url, { method, headers, body });
}

export async function call(
	handler: Handler,
	spec: RequestSpec,
	who: Credentials = {}
): Promise<Answer> {
	const request = buildRequest(handler, spec, who);
	addresses += 1;
	const address = `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
	const event = {
		request,
		url: new URL(request.url),
		params: spec.params,
		route: { id: handler.routeId },
		locals: {},
		cookies: cookiesOf(request),
		getClientAddress: () => address,
		platform: undefined,
		setHeaders: () => undefined,
		isDataRequest: false,
		isSubRequest: false,
		fetch
	} as unknown as RequestEvent;
	const response = await handle({ event, resolve: (e) => run(handler, e) });
	const answer = {
		status: response.status,
		location: response.headers.get('location'),
		body: await response.text()
	};
	// Every answer of the JSON API in the integration suite must be as the OpenAPI document says.
	const wrong = answer.status < 500 ? undocumented(handler, answer.status, answer.body) : null;
	if (wrong) throw new Error(wrong);
	return answer;
}

async function run(handler: Handler, event: RequestEvent): Promise<Response> {
	try {
		if (handler.kind === 'view') return await view(handler.routeId, event);
		if (handler.kind === 'action') return await action(handler.routeId, handler.name, event);
		const module = await endpoint(handler.routeId);
		const fn = module?.[handler.method] as ((e: RequestEvent) => Promise<Response>) | undefined;
		if (!fn) throw new Error(`${handler.key} vanished`);
		return await fn(event);
	} catch (thrown) {
		return thrownToResponse(thrown);
	}
}

type Load = (e: unknown) => Promise<unknown> | unknown;

/** A page: its layouts' loads then its own, each seeing its parents' data. */
async function view(routeId: string, event: RequestEvent): Promise<Response> {
	const loads: Load[] = [];
	for (const layout of await layoutsOf(routeId)) if (layout.load) loads.push(layout.load as Load);
	const page = await pageServer(routeId);
	if (page?.load) loads.push(page.load as Load);
	let data: Record<string, unknown> = {};
	for (const load of loads) {
		const parentData = data;
		const out = await load({
			...event,
			parent: async () => parentData,
			depends: () => undefined,
			untrack: <T>(fn: () => T) => fn()
		});
		data = { ...data, ...(out as Record<string, unknown> | undefined) };
	}
	return Response.json({ keys: Object.keys(data) });
}

async function action(routeId: string, name: string, event: RequestEvent): Promise<Response> {
	const actions = (await pageServer(routeId))?.actions as Record<string, Load> | undefined;
	const fn = actions?.[name];
	if (!fn) throw new Error(`action ${name} of ${routeId} vanished`);
	const result = await fn(event);
	if (isActionFailure(result)) return Response.json(result.data, { status: result.status });
	return Response.json(result ?? null);
}

function thrownToResponse(thrown: unknown): Response {
	if (isRedirect(thrown)) {
		return new Response(null, { status: thrown.status, headers: { location: thrown.location } });
	}
	if (isHttpError(thrown)) return Response.json(thrown.body, { status: thrown.status });
	// What handleError would turn into "Something went wrong": a bug, reported by the test.
	const message = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
	return new Response(message, { status: 500 });
}
