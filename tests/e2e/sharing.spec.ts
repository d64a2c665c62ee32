import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import {
	acceptInvitation,
	DSI,
	HOSTER,
	HOSTER_ADMIN,
	MERCHANT,
	SEV1_TITLE,
	runStep,
	signInAs
} from './demo';

// Rempart's own demo runbook: its first step needs an admin of Petit Nuage to approve it.
const FIREWALL_TEMPLATE = 'Open the firewall to new front ends';
const OPEN_FIREWALL = 'Open the firewall to the new front ends';

async function declare(page: Page, title: string): Promise<string> {
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

async function merchantId(page: Page): Promise<string> {
	await page.goto('/dashboard');
	await page.getByRole('link', { name: MERCHANT }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	return /\/orgs\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
}

async function inviteRempart(page: Page): Promise<void> {
	const sharing = page.getByTestId('sharing');
	await sharing.locator('summary').click();
	await sharing
		.getByLabel('Organizations you work with')
		.selectOption({ label: 'Rempart Hosting' });
	await sharing.getByRole('button', { name: 'Invite an organization' }).click();
	await expect(
		page.getByTestId('timeline').getByText('Rempart Hosting invited to the incident')
	).toBeVisible();
	await expect(sharing.getByTestId('pending-invitations')).toContainText('Rempart Hosting');
}

test('the merchant invites its hoster, whose admin accepts; its engineer then sees that incident and nothing else of the merchant; the hoster leaves and stops receiving it', async ({
	browser
}) => {
	const dsi = await signInAs(browser, DSI.email);
	const merchant = await merchantId(dsi.page);
	const suffix = randomBytes(3).toString('hex');
	const shared = `Payment pages down ${suffix}`;
	const secret = `Payroll export late ${suffix}`;
	await declare(dsi.page, secret);
	const sharedPath = await declare(dsi.page, shared);
	await inviteRempart(dsi.page);

	// Invited is not yet taking part: the engineer sees nothing of it.
	const hoster = await signInAs(browser, HOSTER.email);
	await hoster.page.goto('/incidents');
	await expect(hoster.page.getByRole('link', { name: SEV1_TITLE })).toBeVisible();
	await expect(hoster.page.getByRole('link', { name: shared })).toHaveCount(0);
	expect((await hoster.page.goto(sharedPath))?.status()).toBe(404);

	const admin = await signInAs(browser, HOSTER_ADMIN.email);
	await acceptInvitation(admin.page, shared);
	await expect(
		dsi.page.getByTestId('timeline').getByText('Rempart Hosting joined the incident')
	).toBeVisible();

	await hoster.page.goto('/incidents');
	await expect(hoster.page.getByRole('link', { name: shared })).toBeVisible();
	await expect(hoster.page.getByRole('link', { name: secret })).toHaveCount(0);
	await hoster.page.getByRole('link', { name: shared }).click();
	await expect(hoster.page).toHaveURL(new RegExp(`${sharedPath}$`));
	await expect(hoster.page.getByRole('heading', { level: 1, name: shared })).toBeVisible();
	await expect(hoster.page.getByTestId('connection-status')).toContainText('Live');

	// Nothing else of the merchant: its organization, inventory, templates and contacts.
	for (const path of ['', '/inventory', '/templates', '/contacts', '/audit']) {
		const response = await admin.page.goto(`/orgs/${merchant}${path}`);
		expect(response?.status(), `/orgs/<merchant>${path}`).toBe(404);
	}

	// The hoster leaves: its engineer's open room says so and receives nothing more.
	await admin.page.goto(sharedPath);
	admin.page.once('dialog', (dialog) => void dialog.accept());
	await admin.page.getByRole('button', { name: 'Leave this incident (Rempart Hosting)' }).click();
	await expect(
		dsi.page.getByTestId('timeline').getByText('Rempart Hosting left the incident')
	).toBeVisible();
	await expect(hoster.page.getByRole('alert').filter({ hasText: 'no longer' })).toBeVisible();
	await dsi.page
		.getByPlaceholder('What happened, what was decided…')
		.fill(`After they left ${suffix}`);
	await dsi.page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(
		dsi.page.getByTestId('timeline').getByText(`After they left ${suffix}`)
	).toBeVisible();
	await expect(hoster.page.getByText(`After they left ${suffix}`)).toHaveCount(0);
	expect((await hoster.page.goto(sharedPath))?.status()).toBe(404);
	await dsi.context.close();
	await hoster.context.close();
	await admin.context.close();
});

test('a step that needs the merchant’s approval cannot start until a merchant admin approves it in another browser', async ({
	browser
}) => {
	const dsi = await signInAs(browser, DSI.email);
	const title = `Firewall change ${randomBytes(3).toString('hex')}`;
	const path = await declare(dsi.page, title);
	await inviteRempart(dsi.page);
	const admin = await signInAs(browser, HOSTER_ADMIN.email);
	await acceptInvitation(admin.page, title);
	await admin.context.close();

	// The hoster starts its own runbook inside the merchant's incident.
	const hoster = await signInAs(browser, HOSTER.email);
	await hoster.page.goto(path);
	const choice = hoster.page.getByLabel('Runbook to run');
	const value = await choice
		.locator('option', { hasText: FIREWALL_TEMPLATE })
		.getAttribute('value');
	await choice.selectOption(value ?? '');
	await hoster.page.getByRole('button', { name: 'Start the runbook' }).click();

	const step = runStep(hoster.page, OPEN_FIREWALL);
	await expect(step.getByTestId('step-approval')).toContainText(
		'Needs the approval of admin of Petit Nuage'
	);
	await expect(step.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);
	await step.getByRole('button', { name: 'Ask for approval' }).click();
	await expect(step.getByTestId('step-approval')).toContainText(`Approval asked by ${HOSTER.name}`);
	await expect(step.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);

	// The merchant's DSI (owner, so admin and above) is told in the room, and approves.
	const asked = runStep(dsi.page, OPEN_FIREWALL);
	await expect(asked.getByRole('alert')).toContainText('Your decision is awaited.');
	await asked.getByRole('button', { name: 'Approve' }).click();

	await expect(step.getByTestId('step-approval')).toContainText(`Approved by ${DSI.name}`);
	await step.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(step.getByTitle('In progress', { exact: true })).toBeVisible();
	await expect(
		dsi.page.getByTestId('timeline').getByText(`“${OPEN_FIREWALL}” approved`)
	).toBeVisible();
	await dsi.context.close();
	await hoster.context.close();
});

test('pages carry a Content-Security-Policy that allows no inline script', async ({ page }) => {
	const response = await page.goto('/signin');
	const policy = response?.headers()['content-security-policy'] ?? '';
	const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
	expect(scripts).toContain("'self'");
	expect(scripts).not.toContain('unsafe-inline');
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toContain("object-src 'none'");
});
