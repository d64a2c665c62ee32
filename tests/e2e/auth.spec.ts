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

// What an attacker puts in a sign-in link's `next`, as typed into the address bar: each of these
// has, in some browser, read as another host or as script (issue 9).
const HOSTILE_NEXT = [
	'/%09/evil.example',
	'//evil.example',
	'/\\evil.example',
	'/%5Cevil.example',
	'%2F%2Fevil.example',
	'/.//evil.example',
	'/%0d%0a/evil.example',
	'https://evil.example/',
	'javascript:alert(1)'
];

for (const javaScriptEnabled of [true, false]) {
	test(`signing in with a hostile next stays on the app's origin (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
		browser,
		baseURL
	}) => {
		const person = newPerson('Redirected');
		await createAccount(browser, person);
		const origin = new URL(baseURL ?? '').origin;
		for (const next of HOSTILE_NEXT) {
			const context = await browser.newContext({ javaScriptEnabled });
			const page = await context.newPage();
			const elsewhere: string[] = [];
			page.on('request', (request) => {
				if (new URL(request.url()).origin !== origin) elsewhere.push(request.url());
			});
			const dialogs: string[] = [];
			page.on('dialog', async (dialog) => {
				dialogs.push(dialog.message());
				await dialog.dismiss();
			});
			await page.goto(`/signin?next=${next}`);
			await page.getByLabel('Email').fill(person.email);
			await page.getByLabel('Password').fill(person.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page, next).toHaveURL(`${origin}/dashboard`);
			await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
			// Signed in already, the same link redirects at once: still here.
			await page.goto(`/signin?next=${next}`);
			await expect(page, next).toHaveURL(`${origin}/dashboard`);
			expect(elsewhere, next).toEqual([]);
			expect(dialogs, next).toEqual([]);
			await context.close();
		}
	});
}
