/**
 * The room in headless Chromium: how long until it says "Live", how long a live event takes
 * from the socket's message to the DOM, and from one browser's click to another's screen.
 * Every page gets a probe (an init script) that stamps, on the page's own clock:
 * - `liveAt`: when the connection status first read "Live";
 * - `ws[mark]`: when a websocket message carrying `mark` arrived (before socket.io reads it);
 * - `dom[mark]`: when an element carrying `mark` entered the DOM (a MutationObserver);
 * - `clickAt`: the last click (capturing listener, before the page's own handlers).
 * Times are `performance.timeOrigin + performance.now()`, the same clock in every page and in
 * the benchmark's process on one machine.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { postNote } from './http';

export const MARK_PREFIX = 'benchmark-';

interface Probe {
	liveAt: number | null;
	ws: Record<string, number>;
	dom: Record<string, number>;
	clickAt: number | null;
}

declare global {
	interface Window {
		__bench: Probe;
	}
}

/**
 * The probe as plain JavaScript text: a function passed from here would be the one tsx
 * compiled, which calls helpers (`__name`) the page does not have.
 */
const PROBE = String.raw`(() => {
	const prefix = ${JSON.stringify(MARK_PREFIX)};
	const wall = () => performance.timeOrigin + performance.now();
	const state = { liveAt: null, ws: {}, dom: {}, clickAt: null };
	window.__bench = state;
	const pattern = new RegExp(prefix + '[a-z0-9]+', 'g');
	const stamp = (into, text) => {
		if (!text || !text.includes(prefix)) return;
		const at = wall();
		for (const mark of text.match(pattern) ?? []) into[mark] ??= at;
	};
	const Native = window.WebSocket;
	window.WebSocket = class extends Native {
		constructor(url, protocols) {
			super(url, protocols);
			this.addEventListener('message', (event) => {
				if (typeof event.data === 'string') stamp(state.ws, event.data);
			});
		}
	};
	new MutationObserver((mutations) => {
		for (const mutation of mutations) {
			for (const node of mutation.addedNodes) stamp(state.dom, node.textContent);
			if (mutation.type === 'characterData') stamp(state.dom, mutation.target.textContent);
		}
		if (state.liveAt === null) {
			const status = document.querySelector('[data-testid="connection-status"]');
			if (status && status.textContent.includes('Live')) state.liveAt = performance.now();
		}
	}).observe(document, { childList: true, subtree: true, characterData: true });
	document.addEventListener('click', () => (state.clickAt = wall()), true);
})();`;

export interface LoadSample {
	/** From navigation start: the load event, and "Live" (ms). */
	loadMs: number;
	liveMs: number;
	/** The document's bytes as transferred (headers included) and decoded. */
	transferBytes: number;
	decodedBytes: number;
}

/** A thin link: 470 ms round trip, 1 Mbit/s down, 0.5 Mbit/s up (Chromium's throttling). */
export const THIN_LINK = { latency: 470, downloadThroughput: 125_000, uploadThroughput: 62_500 };

export class RoomBrowser {
	#browser: Browser;
	#origin: string;

	private constructor(browser: Browser, origin: string) {
		this.#browser = browser;
		this.#origin = origin;
	}

	static async launch(origin: string): Promise<RoomBrowser> {
		const browser = await chromium.launch({
			executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu']
		});
		return new RoomBrowser(browser, origin);
	}

	async context(token: string): Promise<BrowserContext> {
		const context = await this.#browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.addCookies([{ name: 'nightshift_session', value: token, url: this.#origin }]);
		await context.addInitScript({ content: PROBE });
		return context;
	}

	/** Opens the room in a fresh context (a cold cache) and waits for "Live". */
	async load(token: string, incidentId: string, thin = false): Promise<LoadSample> {
		const context = await this.context(token);
		try {
			const page = await context.newPage();
			if (thin) {
				const cdp = await context.newCDPSession(page);
				await cdp.send('Network.enable');
				await cdp.send('Network.emulateNetworkConditions', { offline: false, ...THIN_LINK });
			}
			return await openRoom(page, `${this.#origin}/incidents/${incidentId}`);
		} finally {
			await context.close();
		}
	}

	close(): Promise<void> {
		return this.#browser.close();
	}
}

export async function openRoom(page: Page, url: string): Promise<LoadSample> {
	await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
	await page.waitForFunction(() => window.__bench.liveAt !== null, null, { timeout: 120_000 });
	return page.evaluate(() => {
		const [navigation] = performance.getEntriesByType('navigation');
		const timing = navigation instanceof PerformanceNavigationTiming ? navigation : null;
		return {
			loadMs: timing?.loadEventEnd ?? Number.NaN,
			liveMs: window.__bench.liveAt ?? Number.NaN,
			transferBytes: timing?.transferSize ?? Number.NaN,
			decodedBytes: timing?.decodedBodySize ?? Number.NaN
		};
	});
}

let marks = 0;
export function newMark(): string {
	marks += 1;
	return `${MARK_PREFIX}${process.pid.toString(36)}x${Date.now().toString(36)}x${marks}`;
}

const wall = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LiveSample {
	/** The websocket message carrying the event → the entry in the DOM, in the same page. */
	messageToDomMs: number;
	/** The API request sent (by another person, from Node) → the entry in the DOM. */
	requestToDomMs: number;
}

/** A note written by someone else through the API, timed until it shows in `page`. */
export async function liveEvent(
	page: Page,
	write: { origin: string; incidentId: string; token: string }
): Promise<LiveSample> {
	const mark = newMark();
	const sent = wall();
	await postNote(write.origin, write.incidentId, write.token, `Live check ${mark}`);
	const stamps = await page.waitForFunction(
		(m) => {
			const { ws, dom } = window.__bench;
			const seen = ws[m];
			const shown = dom[m];
			return seen !== undefined && shown !== undefined ? { seen, shown } : null;
		},
		mark,
		{ timeout: 30_000 }
	);
	const times = await stamps.jsonValue();
	if (!times) throw new Error('live event: no times');
	const { seen, shown } = times;
	return { messageToDomMs: shown - seen, requestToDomMs: shown - sent };
}

/** One person types a note and clicks "Add"; timed until it shows in the other's browser. */
export async function clickToScreen(writer: Page, reader: Page): Promise<number> {
	const mark = newMark();
	const form = writer.locator('form.note');
	await form.locator('#note-text').fill(`Seen from afar ${mark}`);
	await form.getByRole('button', { name: 'Add', exact: true }).click();
	const shown = await reader.waitForFunction((m) => window.__bench.dom[m] ?? null, mark, {
		timeout: 30_000
	});
	const clickAt = await writer.evaluate(() => window.__bench.clickAt);
	await sleep(50);
	return ((await shown.jsonValue()) ?? Number.NaN) - (clickAt ?? Number.NaN);
}
