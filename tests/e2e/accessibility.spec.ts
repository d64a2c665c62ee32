import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DSI, MERCHANT, SEV1_TITLE, openSev1Room, signInAs } from './demo';

// WCAG 2.2 A/AA, axe's best practices, and its experimental rules: label-content-name-mismatch
// (a control's name must contain what it shows) is one of them.
const RULESETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags([...RULESETS, 'experimental']).analyze();
	const found = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(found, `axe-core on ${where}`).toEqual([]);
}

const DISK_FAILURE = 'Payment pages down: db01 disk failure';
const DRILL = 'Drill: rebuild the shop cluster overnight';
const TEMPLATE = 'Rebuild the shop cluster overnight';

test('sign-in and sign-up pages have no accessibility violations', async ({ page }) => {
	await page.goto('/signin');
	await expectNoViolations(page, 'sign-in');
	await page.goto('/signup');
	await expectNoViolations(page, 'sign-up');
});

for (const colorScheme of ['light', 'dark'] as const) {
	for (const viewport of [
		{ width: 1280, height: 800 },
		{ width: 375, height: 812 }
	]) {
		test(`the home screen and the room have no accessibility violations (${colorScheme}, ${viewport.width} px)`, async ({
			browser
		}) => {
			const { page, context } = await signInAs(browser, DSI.email, { colorScheme, viewport });
			await expect(page.getByTestId('live-incident').filter({ hasText: SEV1_TITLE })).toBeVisible();
			await expectNoViolations(page, 'home');
			await openSev1Room(page);
			await expect(page.getByTestId('connection-status')).toContainText('Live');
			await expectNoViolations(page, 'room');
			await context.close();
		});
	}
}

test('the post-mortem, scorecard, inventory and template editor have no accessibility violations', async ({
	browser
}) => {
	const { page, context } = await signInAs(browser, DSI.email);
	await page.goto('/incidents');
	await page.getByRole('link', { name: DISK_FAILURE }).click();
	await page.getByTestId('postmortem-link').click();
	await expect(page.getByTestId('postmortem-status')).toBeVisible();
	await expectNoViolations(page, 'post-mortem');

	await page.goto('/incidents');
	await page.getByRole('link', { name: DRILL }).click();
	await page.getByTestId('scorecard-link').click();
	await expect(page.getByTestId('scorecard-total')).toBeVisible();
	await expectNoViolations(page, 'scorecard');

	await page.goto('/dashboard');
	await page.getByRole('link', { name: MERCHANT, exact: true }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	await expectNoViolations(page, 'organization');
	const organization = page.url();
	await page.goto(`${organization}/inventory`);
	await expectNoViolations(page, 'inventory');
	await page.goto(`${organization}/templates`);
	await page.getByRole('link', { name: TEMPLATE }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectNoViolations(page, 'template editor');
	await context.close();
});
