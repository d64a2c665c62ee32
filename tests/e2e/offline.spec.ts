import { expect, test, type Page, type Request } from '@playwright/test';
import { DSI, HOSTER, SEV1_TITLE, runStep, signInAs, openSev1Room } from './demo';
import { LinkProxy } from './link-proxy';

const APP_PORT = Number(process.env.E2E_PORT ?? 4180);
// A slow link, as from the hoster's datacentre through a congested uplink.
const DELAY_MS = 150;

const step = runStep;

function server(page: Page, hostname: string) {
	return page.getByTestId('servers').locator('li', { hasText: hostname });
}

async function setServerStatus(page: Page, hostname: string, status: string) {
	await page.getByTitle(`Change the status of ${hostname}`).click();
	await server(page, hostname).getByTestId(`status-${status}`).click();
}

async function lastSeq(page: Page): Promise<number> {
	return Number(await page.locator('.room').getAttribute('data-last-seq'));
}

/** The four changes queued while cut off are shown as made, each marked pending. */
async function expectShownPending(page: Page) {
	const web04Step = step(page, 'Reinstall Debian on web04');
	await expect(web04Step).toContainText('In progress');
	await expect(web04Step.getByTestId('pending')).toBeVisible();
	const waiting = page.getByTestId('timeline-pending');
	await expect(waiting).toContainText('Cut off in the cage: starting the web04 reinstall anyway.');
	await expect(waiting.getByTestId('pending')).toBeVisible();
	await expect(server(page, 'idx01')).toContainText('degraded');
	await expect(server(page, 'idx01').getByTestId('pending')).toBeVisible();
	await expect(server(page, 'web04')).toContainText('rebuilding');
	await expect(server(page, 'web04').getByTestId('pending')).toBeVisible();
}

test('changes made while cut off are queued, survive a reload, and are applied once on reconnect; a conflicting one is refused and explained', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const hosterLink = new LinkProxy(APP_PORT, { delayMs: DELAY_MS });
	const dsiLink = new LinkProxy(APP_PORT);
	const hosterBase = `http://127.0.0.1:${await hosterLink.listen()}`;
	const dsiBase = `http://127.0.0.1:${await dsiLink.listen()}`;
	const hoster = await signInAs(browser, HOSTER.email, { baseURL: hosterBase });
	const dsi = await signInAs(browser, DSI.email, { baseURL: dsiBase });
	try {
		await openSev1Room(dsi.page);
		await openSev1Room(hoster.page);
		// The service worker takes control, then a reload puts the room in its cache.
		await hoster.page.evaluate(() => navigator.serviceWorker.ready);
		await hoster.page.reload();
		await expect
			.poll(() => hoster.page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
			.toBe(true);
		await expect(hoster.page.getByTestId('connection-status')).toContainText('Live');

		hosterLink.cut();
		await expect(hoster.page.getByTestId('connection-status')).not.toContainText('Live');

		// Three changes and a fourth that will conflict, all while cut off. (web04 is only started:
		// room.spec finishes web03, and both finished would close their phase under its feet.)
		await step(hoster.page, 'Reinstall Debian on web04')
			.getByRole('button', { name: 'Start' })
			.click();
		await hoster.page
			.getByPlaceholder('What happened, what was decided…')
			.fill('Cut off in the cage: starting the web04 reinstall anyway.');
		await hoster.page.getByRole('button', { name: 'Add', exact: true }).click();
		await setServerStatus(hoster.page, 'idx01', 'degraded');
		await setServerStatus(hoster.page, 'web04', 'rebuilding');
		await expect(hoster.page.getByTestId('queued-count')).toHaveText('· 4 queued');
		await expectShownPending(hoster.page);

		// Meanwhile the DSI moves web04 on: the hoster's queued web04 change now conflicts.
		await setServerStatus(dsi.page, 'web04', 'degraded');
		await expect(server(dsi.page, 'web04')).toContainText('degraded');

		// A reload while cut off: the service worker still shows the room and the queue.
		await hoster.page.reload();
		await expect(hoster.page.getByRole('heading', { level: 1, name: SEV1_TITLE })).toBeVisible();
		await expect(hoster.page.getByTestId('queued-count')).toHaveText('· 4 queued');
		await expectShownPending(hoster.page);

		// The DSI's link drops too; what it has is remembered by sequence number.
		const seqBeforeCut = await lastSeq(dsi.page);
		const dsiRequests: Request[] = [];
		dsi.page.on('request', (r) => dsiRequests.push(r));
		dsiLink.cut();
		await expect(dsi.page.getByTestId('connection-status')).not.toContainText('Live');

		hosterLink.restore();
		await expect(hoster.page.getByTestId('connection-status')).toContainText('Live', {
			timeout: 30_000
		});
		await expect(hoster.page.getByTestId('queued-count')).toHaveCount(0, { timeout: 30_000 });
		const refused = hoster.page.getByTestId('refused-change');
		await expect(refused).toHaveCount(1);
		await expect(refused).toContainText('web04 → rebuilding');
		await expect(refused).toContainText(/web04/);
		// Settled: nothing is marked pending; the refused change is rolled back to what is true.
		await expect(hoster.page.getByTestId('pending')).toHaveCount(0);
		await expect(server(hoster.page, 'web04')).toContainText('degraded');
		await expect(step(hoster.page, 'Reinstall Debian on web04')).toContainText('In progress');
		await expect(
			hoster.page
				.getByTestId('timeline')
				.getByText('Cut off in the cage: starting the web04 reinstall anyway.')
		).toHaveCount(1);
		await expect(hoster.page.getByTestId('timeline-pending')).toHaveCount(0);

		dsiLink.restore();
		await expect(dsi.page.getByTestId('connection-status')).toContainText('Live', {
			timeout: 30_000
		});
		await expect(step(dsi.page, 'Reinstall Debian on web04')).toContainText('In progress');
		await expect(server(dsi.page, 'idx01')).toContainText('degraded');
		await expect(server(dsi.page, 'web04')).toContainText('degraded');
		const timeline = dsi.page.getByTestId('timeline');
		await expect(
			timeline.getByText('Cut off in the cage: starting the web04 reinstall anyway.')
		).toHaveCount(1);

		// The DSI learnt of all this only by resyncing from its last sequence number.
		const urls = dsiRequests.map((r) => new URL(r.url()));
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls)
			expect(url.pathname).toMatch(/^\/api\/v1\/streams\/[0-9a-f-]{36}\/events$/);
		expect(urls[0]?.searchParams.get('after')).toBe(String(seqBeforeCut));

		// Each change was applied once, even though the hoster's page was reloaded mid-queue.
		await hoster.page.reload();
		await expect(
			hoster.page
				.getByTestId('timeline')
				.getByText('Cut off in the cage: starting the web04 reinstall anyway.')
		).toHaveCount(1);
		await expect(step(hoster.page, 'Reinstall Debian on web04')).toContainText('In progress');
	} finally {
		await hoster.context.close();
		await dsi.context.close();
		await hosterLink.close();
		await dsiLink.close();
	}
});

test('over a 470 ms link, the other browser learns of changes without any HTTP request', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// Shanghai to Europe: every chunk of HTTP and websocket traffic waits 470 ms each way.
	const farLink = new LinkProxy(APP_PORT, { delayMs: 470 });
	const farBase = `http://127.0.0.1:${await farLink.listen()}`;
	const hoster = await signInAs(browser, HOSTER.email);
	const dsi = await signInAs(browser, DSI.email, { baseURL: farBase });
	try {
		await openSev1Room(dsi.page);
		await openSev1Room(hoster.page);
		await expect(dsi.page.getByTestId('connection-status')).toContainText('Live', {
			timeout: 30_000
		});
		// Both have joined the room (not merely connected) before the DSI's page is watched.
		await expect(dsi.page.getByTestId('presence')).toContainText('2 here', { timeout: 30_000 });
		const requests: string[] = [];
		dsi.page.on('request', (r) => requests.push(r.url()));
		await hoster.page
			.getByPlaceholder('What happened, what was decided…')
			.fill('Spare controller arrived at the cage.');
		await hoster.page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(
			dsi.page.getByTestId('timeline').getByText('Spare controller arrived at the cage.')
		).toBeVisible();
		expect(requests).toEqual([]);
	} finally {
		await hoster.context.close();
		await dsi.context.close();
		await farLink.close();
	}
});

test('over a 470 ms link, your own change shows at once marked pending, then settles when the server confirms it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const farLink = new LinkProxy(APP_PORT, { delayMs: 470 });
	const farBase = `http://127.0.0.1:${await farLink.listen()}`;
	const dsi = await signInAs(browser, DSI.email, { baseURL: farBase });
	try {
		await openSev1Room(dsi.page);
		await expect(dsi.page.getByTestId('connection-status')).toContainText('Live', {
			timeout: 30_000
		});
		let answered = false;
		dsi.page.on('response', (r) => {
			if (r.url().endsWith('/notes')) answered = true;
		});
		const text = 'Payment provider confirms the 3-D Secure outage is on their side.';
		await dsi.page.getByPlaceholder('What happened, what was decided…').fill(text);
		await dsi.page.getByRole('button', { name: 'Add', exact: true }).click();
		const waiting = dsi.page.getByTestId('timeline-pending');
		await expect(waiting).toContainText(text);
		await expect(waiting.getByTestId('pending')).toBeVisible();
		expect(answered).toBe(false);
		// Confirmed: the note is in the timeline once, and nothing waits any more.
		await expect(dsi.page.getByTestId('timeline').getByText(text)).toHaveCount(1, {
			timeout: 15_000
		});
		await expect(waiting).toHaveCount(0);
		expect(answered).toBe(true);
	} finally {
		await dsi.context.close();
		await farLink.close();
	}
});
