/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

/**
 * Keeps the app shell and the last state of the pages a person opened (the rooms above all),
 * so that a reload during a network cut still shows the room. Pages are fetched network-first:
 * online, a person always sees the server's state; the cache only answers when it is cut.
 *
 * The pages are kept per person: each signed-in answer names its person by an opaque key
 * (`x-nightshift-person`), pages go to that person's own cache, and only the last person who
 * used the browser is answered from the cache. When another person (or nobody) is seen, the
 * previous person's pages are deleted: nobody reads offline what someone else opened.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `shell-${version}`;
const PAGES = 'pages-';
const PERSON_HEADER = 'x-nightshift-person';
/** Where the service worker remembers whose pages it keeps (it may be stopped at any time). */
const WHO = 'who';
const WHO_URL = '/__nightshift-who';
const SHELL_FILES = [...build, ...files];
const LIVE_PATHS = ['/socket.io', '/api/', '/signout', '/theme'];

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL)
			.then((cache) => cache.addAll(SHELL_FILES))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						// 'pages' was the cache every person shared before pages were kept per person.
						.filter((k) => (k.startsWith('shell-') && k !== SHELL) || k === 'pages')
						.map((k) => caches.delete(k))
				)
			)
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (LIVE_PATHS.some((p) => url.pathname.startsWith(p))) return;
	if (SHELL_FILES.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}
	const isPage = request.mode === 'navigate' || url.pathname.endsWith('/__data.json');
	if (isPage) event.respondWith(networkFirst(request));
});

async function currentPerson(): Promise<string | null> {
	const hit = await (await caches.open(WHO)).match(WHO_URL);
	return hit ? await hit.text() : null;
}

/** Remembers who uses the browser now and deletes every other person's pages. */
async function switchTo(person: string | null) {
	if ((await currentPerson()) === person) return;
	const who = await caches.open(WHO);
	if (person) await who.put(WHO_URL, new Response(person));
	else await who.delete(WHO_URL);
	const keys = await caches.keys();
	await Promise.all(
		keys
			.filter((k) => k.startsWith(PAGES) && k !== `${PAGES}${person}`)
			.map((k) => caches.delete(k))
	);
}

async function networkFirst(request: Request): Promise<Response> {
	try {
		const response = await fetch(request);
		const person = response.headers.get(PERSON_HEADER);
		// Only successful, non-redirected pages: never a sign-in page in place of a room.
		if (response.ok && !response.redirected) {
			await switchTo(person);
			if (person) await (await caches.open(`${PAGES}${person}`)).put(request, response.clone());
		}
		return response;
	} catch (error) {
		const person = await currentPerson();
		const cached = person ? await (await caches.open(`${PAGES}${person}`)).match(request) : null;
		if (cached) return cached;
		throw error;
	}
}
