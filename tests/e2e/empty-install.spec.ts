import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { acceptInvitation } from './demo';
import {
	newOrganizationName,
	newPerson,
	openOrganization,
	signUpWithOrganization
} from './helpers';

/**
 * A team without the demo, through the UI only: two organizations sign up, the merchant
 * imports its servers from a NetBox export, declares an outage detected hours ago, invites its
 * hoster by the hoster's invitation code, attaches its servers by tag, records the root cause and
 * the resolution at their true times, and the figures are the ones counted from those times.
 */

const ZONE = 'Europe/Paris';
const pad = (n: number) => String(n).padStart(2, '0');

/** What a datetime-local field shows for an instant, in the browser's zone (Paris here). */
function wallClock(at: Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(at)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${pad(Number(parts.hour))}:${parts.minute}`;
}

async function figuresOf(page: Page, incidentId: string): Promise<Record<string, number | null>> {
	const answer = await page.request.get(`/api/v1/incidents/${incidentId}/figures`);
	expect(answer.status()).toBe(200);
	const { figures } = (await answer.json()) as {
		figures: { key: string; seconds: number | null }[];
	};
	return Object.fromEntries(figures.map((f) => [f.key, f.seconds]));
}

test('from an empty install, through the UI only: two organizations, an imported inventory, a night recorded at its true times and figures that match', async ({
	browser
}) => {
	const options = { timezoneId: ZONE, locale: 'en-GB' };
	const merchantContext = await browser.newContext(options);
	const hosterContext = await browser.newContext(options);
	const dsi = await merchantContext.newPage();
	const hoster = await hosterContext.newPage();
	const shop = newOrganizationName();
	const hosting = `Hosting ${shop}`;
	await signUpWithOrganization(dsi, newPerson('Dsi'), shop);
	await signUpWithOrganization(hoster, newPerson('Hoster'), hosting, 'Provider');

	// The hoster's admin reads its invitation code and gives it to the merchant.
	await openOrganization(hoster, hosting);
	const code = ((await hoster.getByTestId('invitation-code').textContent()) ?? '').trim();
	expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);

	// The merchant's servers come from a NetBox device export, through the mapping step.
	const merchantId = await openOrganization(dsi, shop);
	await dsi.goto(`/orgs/${merchantId}/inventory/import`);
	await dsi.getByLabel('File').setInputFiles({
		name: 'netbox-devices.csv',
		mimeType: 'text/csv',
		buffer: await readFile('tests/fixtures/inventory/netbox-devices.csv')
	});
	await dsi.getByRole('button', { name: 'Read the file' }).click();
	const mapping = dsi.getByTestId('import-mapping');
	await mapping.getByRole('button', { name: /^Import \d+ rows$/ }).click();
	await dsi.goto(`/orgs/${merchantId}/inventory`);
	await expect(dsi.getByTestId('inventory-table')).toContainText('db01');

	// Detected six hours ago, declared now.
	const detected = new Date(Date.now() - 6 * 3_600_000);
	detected.setSeconds(0, 0);
	const identified = new Date(detected.getTime() + 90 * 60_000);
	const resolved = new Date(detected.getTime() + (4 * 60 + 15) * 60_000);
	const title = `Shop down ${shop}`;
	await dsi.goto('/incidents/new');
	await dsi.getByLabel('Title').fill(title);
	await dsi.getByLabel('Detected at').fill(wallClock(detected));
	await dsi.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(dsi).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	const room = new URL(dsi.url()).pathname;
	const incidentId = room.split('/').pop() ?? '';

	// The hoster is invited by its code and its admin accepts.
	const sharing = dsi.getByTestId('sharing');
	await sharing.locator('summary').click();
	await sharing.getByPlaceholder('XXXX-XXXX-XXXX').fill(code.toLowerCase());
	await sharing.getByRole('button', { name: 'Invite an organization' }).click();
	await expect(sharing.getByTestId('pending-invitations')).toContainText(hosting);
	await acceptInvitation(hoster, title);
	await expect(
		dsi.getByTestId('timeline').getByText(`${hosting} joined the incident`)
	).toBeVisible();

	// The merchant attaches every server tagged shop-cluster; the hoster sees them live.
	const attach = dsi.getByTestId('attach-servers');
	await attach.locator('summary').click();
	await attach.getByLabel('Every server tagged').selectOption({ label: 'shop-cluster (3)' });
	await attach.getByRole('button', { name: 'Attach all' }).click();
	await expect(dsi.getByTestId('servers')).toContainText('db01');
	await expect(hoster.getByTestId('servers')).toContainText('web02');

	// The root cause at its true time, then the resolution recorded at an earlier time.
	const milestones = dsi.getByTestId('milestones');
	await milestones.locator('summary').click();
	await milestones.getByLabel('Milestone').selectOption({ label: 'Root cause identified' });
	await milestones.getByLabel('When (your time)').fill(wallClock(identified));
	await milestones.getByRole('button', { name: 'Set the milestone' }).click();
	await expect(dsi.getByTestId('milestone-identified')).not.toContainText('not set');

	const status = dsi.locator('form[action="?/status"]');
	await status.locator('#status-select').selectOption('resolved');
	await status.getByText('It happened earlier').click();
	await status.getByLabel('At (your time)').fill(wallClock(resolved));
	await status.getByLabel('Reason (shown on the timeline)').fill('Written up the next morning');
	await status.getByRole('button', { name: 'Change status' }).click();
	await expect(dsi.getByTestId('incident-status')).toHaveText(/resolved/i);

	// The figures are those counted from the times typed.
	const figures = await figuresOf(dsi, incidentId);
	expect(figures.identify).toBe(90 * 60);
	expect(figures.recover).toBe((4 * 60 + 15) * 60);

	// The post-mortem says the same, in its Markdown export too.
	await dsi.getByTestId('postmortem-link').click();
	await dsi.getByRole('button', { name: 'Write the post-mortem from the timeline' }).click();
	const [download] = await Promise.all([
		dsi.waitForEvent('download'),
		dsi.getByTestId('export-markdown').click()
	]);
	const markdown = await readFile((await download.path()) ?? '', 'utf8');
	expect(markdown).toContain('| Time to recover | 4 h 15 min |');
	await merchantContext.close();
	await hosterContext.close();
});
