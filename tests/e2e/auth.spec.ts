import { expect, test } from '@playwright/test';
import {
	createAccount,
	newOrganizationName,
	newPerson,
	signIn,
	signUpWithOrganization
} from './helpers';

const WRONG_CREDENTIALS = 'Wrong email or password.';

test('signing up with a new organization lands on the dashboard showing that organization', async ({
	page
}) => {
	const person = newPerson('Owner');
	const organization = newOrganizationName();
	await signUpWithOrganization(page, person, organization);
	await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
	const card = page.getByRole('listitem').filter({ hasText: organization });
	await expect(card.getByRole('link', { name: organization })).toBeVisible();
	await expect(card).toContainText('Merchant · owner');
	await expect(page.getByRole('link', { name: person.name })).toBeVisible();
});

test('a registered person signs in with the right password and reaches the dashboard', async ({
	browser,
	page
}) => {
	const person = newPerson('Returning');
	await createAccount(browser, person);
	await signIn(page, person.email, person.password);
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByRole('link', { name: person.name })).toBeVisible();
});

test('an unknown email and a wrong password get the same message', async ({ browser, page }) => {
	const person = newPerson('Forgetful');
	await createAccount(browser, person);

	await signIn(page, person.email, 'not-the-right-password');
	await expect(page.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	await expect(page).toHaveURL(/\/signin$/);

	await signIn(page, newPerson('Nobody').email, 'not-the-right-password');
	await expect(page.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	await expect(page).toHaveURL(/\/signin$/);
});

test('after five failed sign-ins one account is locked for this address, even with the right password', async ({
	browser,
	page
}) => {
	const person = newPerson('Targeted');
	await createAccount(browser, person);
	for (let attempt = 1; attempt <= 5; attempt++) {
		await signIn(page, person.email, `wrong-password-${attempt}`);
		await expect(page.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	}
	await signIn(page, person.email, person.password);
	await expect(page.getByRole('alert')).toHaveText(
		/^Too many sign-in attempts\. Retry in (1 minute|\d+ minutes)\.$/
	);
	await expect(page).toHaveURL(/\/signin$/);
});

test('signing out ends the session: the dashboard then redirects to sign-in', async ({ page }) => {
	await signUpWithOrganization(page, newPerson('Leaving'), newOrganizationName());
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin$/);

	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/signin\?next=%2Fdashboard$/);
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
