import { createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { isApi } from './request-guards';

/**
 * What a browser or a proxy may keep of an answer. Nothing signed in is stored by a shared
 * cache or the browser's HTTP cache (`no-store`), nor any JSON API answer. The pages a person
 * opened are marked `private`: the service worker keeps its own copy for offline use, in a
 * cache of that person only, named from the opaque key sent in `x-nightshift-person`
 * (src/service-worker.ts), and drops it when someone else signs in on the browser.
 */

export const PERSON_HEADER = 'x-nightshift-person';

/** The paths the service worker never keeps (same list as src/service-worker.ts). */
const LIVE_PATHS = ['/socket.io', '/api/', '/signout', '/theme'];

type Event = Pick<RequestEvent, 'request' | 'url' | 'locals'>;

/** An opaque, stable key for the person's offline cache (their id is not shown as is). */
export function personKey(userId: string): string {
	return createHash('sha256').update(`nightshift-offline:${userId}`).digest('hex').slice(0, 20);
}

export function applyCachePolicy(event: Event, response: Response): void {
	const signedIn = Boolean(event.locals.user);
	const api = isApi(event.url);
	if (!signedIn && !api) return;
	if (api && !signedIn && response.headers.has('cache-control')) return; // public documents
	const keptOffline =
		signedIn &&
		!event.locals.apiToken &&
		event.request.method === 'GET' &&
		!LIVE_PATHS.some((p) => event.url.pathname.startsWith(p));
	response.headers.set('cache-control', keptOffline ? 'private, no-store' : 'no-store');
	const user = event.locals.user;
	if (keptOffline && user) response.headers.set(PERSON_HEADER, personKey(user.id));
}
