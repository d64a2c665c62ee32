import type { RequestEvent } from '@sveltejs/kit';
import { findUnstorable, unstorableReason } from '$lib/text/storable';
import { m } from '$lib/paraglide/messages';
import { isApi } from './request-guards';
import { requestLocale } from './request-locale';

/**
 * Refuses, before any route sees it, a request whose input PostgreSQL could not store: a NUL
 * or a lone surrogate in the query string, the path, a JSON body, a form field or an uploaded
 * JSON/CSV file (an import). A refusal is a 400 naming the place, never a 500 from deep in a
 * query, and nothing is written. Socket messages pass the same test in realtime/server.ts.
 */

type Event = Pick<RequestEvent, 'request' | 'url'>;
type Locale = ReturnType<typeof requestLocale>;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function refuseUnstorableInput(event: Event): Promise<Response | null> {
	// Read before paraglide's middleware: the reader's language from the cookie or the browser.
	const locale = requestLocale(event.request);
	const problem = findInUrl(event.url, locale) ?? (await findInBody(event.request, locale));
	return problem ? refusal(event, problem, locale) : null;
}

function findInUrl(url: URL, locale: Locale): string | null {
	for (const [key, value] of url.searchParams) {
		const reason = unstorableReason(key, locale) ?? unstorableReason(value, locale);
		if (reason) return m.err_unstorable_query({ name: printable(key), reason }, { locale });
	}
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		return null; // A malformed escape is the router's to refuse (404).
	}
	const reason = unstorableReason(path, locale);
	return reason ? m.err_unstorable_address({ reason }, { locale }) : null;
}

async function findInBody(request: Request, locale: Locale): Promise<string | null> {
	if (!WRITES.has(request.method) || request.body === null) return null;
	const type = request.headers.get('content-type') ?? '';
	// A JSON route reads its body whatever the content type says: every other body is read as JSON.
	if (!type.includes('form'))
		return findInJsonText(
			await request.clone().text(),
			m.err_unstorable_body({}, { locale }),
			locale
		);
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch {
		return null; // An unreadable form is the route's to refuse.
	}
	for (const [key, value] of form) {
		if (typeof value === 'string') {
			const reason = unstorableReason(key, locale) ?? unstorableReason(value, locale);
			if (reason) return m.err_unstorable_field({ name: printable(key), reason }, { locale });
			// A pasted JSON import: its escapes decode to what its raw text does not show.
			if (/^\s*[[{]/.test(value)) {
				const what = m.err_unstorable_field_named({ name: printable(key) }, { locale });
				const problem = findInJsonText(value, what, locale);
				if (problem) return problem;
			}
		} else {
			const what = m.err_unstorable_file_named({ name: printable(value.name) }, { locale });
			const problem = findInJsonText(await value.text(), what, locale);
			if (problem) return problem;
		}
	}
	return null;
}

/** Raw NULs, and for JSON the escapes (`\u0000`, `\ud800`) that parse into them. */
function findInJsonText(text: string, what: string, locale: Locale): string | null {
	const reason = unstorableReason(text, locale);
	if (reason) return m.err_unstorable_in({ what, reason }, { locale });
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return null; // Not JSON (a CSV file, or a broken body the route refuses).
	}
	const found = findUnstorable(parsed, '', 0, locale);
	return found
		? m.err_unstorable_in_path({ what, path: found.path, reason: found.reason }, { locale })
		: null;
}

/** A name as it can be shown back: the bad characters replaced. */
function printable(name: string): string {
	return name
		.toWellFormed()
		.replaceAll('\0', '\\u0000')
		.replace(/[\r\n]/g, ' ')
		.slice(0, 60);
}

function refusal(event: Event, message: string, locale: Locale): Response {
	const text = m.err_unstorable_refused({ message }, { locale });
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
