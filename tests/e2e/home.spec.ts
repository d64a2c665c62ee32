import { expect, test } from '@playwright/test';
import { DSI, HOSTER, SEV1_TITLE, signInAs } from './demo';

test('the DSI reaches the running SEV1 from the home screen in one click', async ({ browser }) => {
	const dsi = await signInAs(browser, DSI.email);
	const live = dsi.page.getByTestId('live-incident').filter({ hasText: SEV1_TITLE });
	await expect(live).toBeVisible();
	await expect(live).toContainText('Mitigating');
	await expect(live).toContainText(/\d+ % of Rebuild the shop cluster overnight/);
	await expect(live).toContainText(/ETA /);
	// The merchant's side has nothing ready in the demo: the home screen says so.
	await expect(live.getByTestId('next-step')).toContainText('nothing waits for you right now');
	await live.getByRole('link', { name: SEV1_TITLE }).click();
	await expect(dsi.page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	await expect(dsi.page.getByRole('heading', { name: SEV1_TITLE })).toBeVisible();
	await dsi.context.close();
});

test("the hoster's on-call engineer is shown a ready step of the provider side, and its link lands on it", async ({
	browser
}) => {
	const hoster = await signInAs(browser, HOSTER.email);
	const live = hoster.page.getByTestId('live-incident').filter({ hasText: SEV1_TITLE });
	const next = live.getByTestId('next-step').getByRole('link');
	await expect(next).toHaveText(/^“.+” is ready for your side$/);
	const href = await next.getAttribute('href');
	const stepId = href?.split('#step-')[1] ?? '';
	await next.click();
	const step = hoster.page.locator(`[data-step-id="${stepId}"]`);
	await expect(step).toHaveClass(/\bready\b/);
	await expect(step.getByRole('button', { name: 'Start' })).toBeVisible();
	await hoster.context.close();
});

test('at 375 px the top bar folds into a menu that Escape closes, with sign-out inside', async ({
	browser
}) => {
	const hoster = await signInAs(browser, HOSTER.email, { viewport: { width: 375, height: 812 } });
	const page = hoster.page;
	const signOut = page.getByRole('button', { name: 'Sign out' });
	await expect(signOut).toBeHidden();
	await page.getByText('Menu').click();
	await expect(signOut).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(signOut).toBeHidden();
	await page.getByText('Menu').click();
	await page.getByRole('link', { name: 'Incidents' }).click();
	await expect(page).toHaveURL(/\/incidents$/);
	await expect(signOut).toBeHidden();
	await hoster.context.close();
});

test('the theme button changes what is shown on its first press', async ({ browser }) => {
	const dsi = await signInAs(browser, DSI.email, { colorScheme: 'light' });
	const page = dsi.page;
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	const before = await background();
	await page.getByRole('button', { name: 'Switch between dark and light theme' }).click();
	await expect.poll(background).not.toBe(before);
	await dsi.context.close();
});
