import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { boot } from '$lib/server/boot';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	loadTokenActor,
	refuseCrossOriginJson,
	refuseOverApiLimit,
	refuseOversizedBody
} from '$lib/server/access/request-guards';
import { applyCachePolicy } from '$lib/server/access/cache-policy';
import { refuseUnstorableInput } from '$lib/server/access/input-guard';
import { log } from '$lib/server/log';
import { recordCommand } from '$lib/server/metrics/registry';
import { checkDue, checkSsoSession } from '$lib/server/sso/check';
import {
	cookieMaxAge,
	cookieName,
	defineCustomServerStrategy,
	isLocale
} from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { THEME_COOKIE, themeOf } from '$lib/theme/theme';
import { m } from '$lib/paraglide/messages';

// The signed-in person's language preference wins over the cookie and the browser's.
const userLocale = new WeakMap<Request, string>();
defineCustomServerStrategy('custom-user', {
	getLocale: (request) => (request ? userLocale.get(request) : undefined)
});

export const init: ServerInit = async () => {
	await boot();
};

export const handle: Handle = async ({ event, resolve }) => {
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
	event.locals.requestId = requestId;
	event.locals.log = log.child({ requestId });

	const refused =
		refuseOversizedBody(event.request, event.url) ??
		refuseCrossOriginJson(event.request, event.url) ??
		(await refuseUnstorableInput(event)) ??
		(await loadTokenActor(event));
	if (refused) return refused;

	// The public status pages are the same for everyone: no session read, cheap to serve.
	if (event.url.pathname.startsWith('/status/')) {
		event.locals.user = null;
		event.locals.session = null;
	} else if (!event.locals.apiToken) await loadSession(event);
	const limited = await refuseOverApiLimit(event);
	if (limited) return limited;
	const started = performance.now();
	const response = await resolveLocalized(event, resolve);
	response.headers.set('x-request-id', requestId);
	// A write's latency and errors, by route (each write route calls one command).
	if (!['GET', 'HEAD', 'OPTIONS'].includes(event.request.method) && event.route.id) {
		// A form action by its name (one word); nothing else of the URL, to keep the labels few.
		const action = /^\?\/(\w{1,40})/.exec(event.url.search)?.[1];
		const command = `${event.request.method} ${event.route.id}${action ? ` ${action}` : ''}`;
		recordCommand(command, (performance.now() - started) / 1000, response.status);
	}
	applyCachePolicy(event, response);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	if (event.url.protocol === 'https:') {
		response.headers.set('strict-transport-security', 'max-age=31536000');
	}
	event.locals.log.info(
		{
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

function resolveLocalized(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve']
): Promise<Response> {
	const preferred = event.locals.user?.locale;
	if (preferred && isLocale(preferred)) {
		userLocale.set(event.request, preferred);
		if (event.cookies.get(cookieName) !== preferred) {
			event.cookies.set(cookieName, preferred, {
				path: '/',
				httpOnly: false,
				maxAge: cookieMaxAge,
				secure: event.url.protocol === 'https:'
			});
		}
	}
	const theme = themeOf(event.cookies.get(THEME_COOKIE));
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%nightshift.theme%', theme)
		});
	});
}

async function loadSession(event: Parameters<Handle>[0]['event']) {
	const token = event.cookies.get(SESSION_COOKIE);
	const secure = event.url.protocol === 'https:';
	let found = token ? await validateSessionToken(token) : null;
	// A session opened through an identity provider is checked there every few minutes.
	if (found && checkDue(found.session) && !(await checkSsoSession(found.session))) found = null;
	event.locals.user = found?.user ?? null;
	event.locals.session = found?.session ?? null;
	// The cookie is rewritten only when the session was extended: its expiry moved.
	if (found?.renewed && token) {
		setSessionCookie(event.cookies, token, found.session.expiresAt, secure);
	} else if (!found && token) {
		deleteSessionCookie(event.cookies, secure);
	}
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status >= 500)
		log.error({ err: error, requestId: id, path: event.url.pathname }, 'unhandled error');
	return { message: status >= 500 ? m.err_internal() : message, id };
};
