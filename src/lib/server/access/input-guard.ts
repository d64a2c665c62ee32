import type { RequestEvent } from '@sveltejs/kit';
import { findUnstorable, unstorableReason } from '$lib/text/storable';
import { isApi } from './request-guards';

/**
 * Refuses, before any route sees it, a request whose input PostgreSQL could not store: a NUL
 * or a lone surrogate in the query string, the path, a JSON body, a form field or an uploaded
 * JSON/CSV file (an import). A refusal is a 400 naming the place, never a 500 from deep in a
 * query, and nothing is written. Socket messages pass the same test in realtime/server.ts.
 */

type Event = Pick<RequestEvent, 'request' | 'url'>;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function refuseUnstorableInput(event: Event): Promise<Response | null> {
	const problem = findInUrl(event.url) ?? (await findInBody(event.request));
	return problem ? refusal(event, problem) : null;
}

function findInUrl(url: URL): string | null {
	for (const [key, value] of url.searchParams) {
		const reason = unstorableReason(key) ?? unstorableReason(value);
		if (reason) return `The query parameter “${printable(key)}” ${reason}.`;
	}
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return null; // A malformed escape is the router's to refuse (404).
	}
	const reason = unstorableReason(path);
	return reason ? `The address ${reason}.` : null;
}

async function findInBody(request: Request): Promise<string | null> {
	if (!WRITES.has(request.method) || request.body === null) return null;
	const type = request.headers.get('content-type') ?? '';
	// A JSON route reads its body whatever the content type says: every other body is read as JSON.
	if (!type.includes('form')) return findInJsonText(await request.clone().text(), 'The body');
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		return null; // An unreadable form is the route's to refuse.
	}
	for (const [key, value] of form) {
		if (typeof value === 'string') {
			const reason = unstorableReason(key) ?? unstorableReason(value);
			if (reason) return `The field “${printable(key)}” ${reason}.`;
			// A pasted JSON import: its escapes decode to what its raw text does not show.
			if (/^\s*[[{]/.test(value)) {
				const problem = findInJsonText(value, `The field “${printable(key)}”`);
				if (problem) return problem;
			}
		} else {
			const problem = findInJsonText(await value.text(), `The file “${printable(value.name)}”`);
			if (problem) return problem;
		}
	}
	return null;
}

/** Raw NULs, and for JSON the escapes (`\u0000`, `\ud800`) that parse into them. */
function findInJsonText(text: string, what: string): string | null {
	const reason = unstorableReason(text);
	if (reason) return `${what} ${reason}.`;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null; // Not JSON (a CSV file, or a broken body the route refuses).
	}
	const found = findUnstorable(parsed);
	return found ? `${what}: ${found.path} ${found.reason}.` : null;
}

/** A name as it can be shown back: the bad characters replaced. */
function printable(name: string): string {
	return name
		.toWellFormed()
		.replaceAll('\0', '\\u0000')
		.replace(/[\r\n]/g, ' ')
		.slice(0, 60);
}

function refusal(event: Event, message: string): Response {
	const text = `${message} Remove it and send again.`;
	if (isApi(event.url)) {
		return Response.json(
			{ error: { code: 'invalid', message: text, fields: {} } },
			{ status: 400, headers: { 'cache-control': 'no-store' } }
		);
	}
	// A form sent by `use:enhance` reads an action result; any other client reads the words.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json({ type: 'error', status: 400, error: { message: text } }, { status: 400 });
	}
	return new Response(text, {
		status: 400,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}
