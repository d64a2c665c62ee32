import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { startTestProvider, type TestAccount, type TestProvider } from '../oidc/test-provider';
import {
	newOrganizationName,
	newPerson,
	openOrganization,
	signIn,
	signUpWithOrganization
} from './helpers';

// Sign-in through a real OpenID provider (oidc-provider, started here on loopback): an owner
// connects it, a person of the company's domain signs in with it, the groups decide the role.

const APP = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4180)}`;
let idp: TestProvider;

test.beforeAll(async () => {
	idp = await startTestProvider({
		redirectUris: [`${APP}/sso/callback`],
		postLogoutRedirectUris: [`${APP}/signin`]
	});
});
test.afterAll(async () => {
	await idp?.close();
});

async function connectProvider(page: Page, domain: string, options: { requireSso?: boolean } = {}) {
	await page.getByRole('link', { name: 'Sign-in (SSO)' }).click();
	await expect(page.getByTestId('sso-redirect-uri')).toHaveText(`${APP}/sso/callback`);
	await page.getByLabel('Name shown on the sign-in page').fill('Acme ID');
	await page.getByLabel('Issuer URL').fill(idp.issuer);
	await page.getByLabel('Client id').fill(idp.clientId);
	await page.getByLabel('Client secret').fill(idp.clientSecret);
	await page.getByLabel('Allowed e-mail domains').fill(domain);
	await page
		.getByLabel('Groups and roles')
		.fill('nightshift-admins = admin\nnightshift-responders = responder');
	await page.getByLabel('Role of people in none of these groups').selectOption('');
	if (options.requireSso) await page.getByLabel(/Require this provider/).check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	await expect(page.getByTestId('sso-direct-link')).toHaveText(/\/sso\/[0-9a-f-]{36}$/);
}

/** At the provider's development pages: any password, then the consent when asked. */
async function signInAtProvider(page: Page, account: TestAccount) {
	await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
	await page.locator('input[name="login"]').fill(account.sub);
	await page.locator('input[name="password"]').fill('any password');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	// The consent page comes the first time only; then the provider sends the person back.
	await expect(async () => {
		const consent = page.getByRole('button', { name: 'Continue' });
		if (!page.url().startsWith(APP) && (await consent.isVisible())) await consent.click();
		expect(page.url().startsWith(APP)).toBe(true);
	}).toPass({ timeout: 30_000 });
}

test('a person of the company signs in with its provider, gets the role of their group, and loses it when removed', async ({
	browser
}) => {
	const domain = `acme-${randomBytes(3).toString('hex')}.test`;
	const owner = newPerson('Owner');
	const organization = newOrganizationName();
	const ownerContext = await browser.newContext();
	const ownerPage = await ownerContext.newPage();
	await signUpWithOrganization(ownerPage, owner, organization);
	await openOrganization(ownerPage, organization);
	await connectProvider(ownerPage, domain);

	const alice = idp.addAccount({
		email: `alice@${domain}`,
		name: 'Alice Martin',
		groups: ['nightshift-responders']
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/signin');
	await page.getByLabel('Email').fill(alice.email);
	// Offered once the domain is recognised.
	await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
	await signInAtProvider(page, alice);
	await expect(page).toHaveURL(/\/dashboard$/);

	await openOrganization(page, organization);
	await expect(page.getByText('You are responder')).toBeVisible();

	await page.goto('/account');
	const sessions = page.getByTestId('session');
	await expect(sessions).toHaveCount(1);
	await expect(sessions.first()).toContainText('this browser');
	await expect(sessions.first()).toContainText('via Acme ID');

	// The owner sees the provisioning and the sign-in in the audit log.
	await ownerPage.goto(ownerPage.url().replace(/\/sso$/, '/audit'));
	await expect(ownerPage.getByTestId('audit')).toContainText(
		'Account created at first sign-in with the identity provider'
	);
	await expect(ownerPage.getByTestId('audit')).toContainText(
		'Signed in with the identity provider'
	);

	// Removed from the group at the provider: the next check (every 2 s here) ends the session.
	alice.groups = ['marketing'];
	await expect(async () => {
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin/);
	}).toPass({ timeout: 30_000 });
	await openOrganization(ownerPage, organization);
	await expect(ownerPage.getByText('Alice Martin · removed Alice Martin')).toBeVisible();
	await context.close();
	await ownerContext.close();
});

test('signing out of a provider session goes through the provider’s end-session page', async ({
	page
}) => {
	const domain = `acme-${randomBytes(3).toString('hex')}.test`;
	const owner = newPerson('Owner');
	const organization = newOrganizationName();
	await signUpWithOrganization(page, owner, organization);
	await openOrganization(page, organization);
	await connectProvider(page, domain);
	const link = await page.getByTestId('sso-direct-link').textContent();
	await page.getByRole('button', { name: 'Sign out' }).first().click();
	await expect(page).toHaveURL(/\/signin/);

	const bob = idp.addAccount({ email: `bob@${domain}`, groups: ['nightshift-admins'] });
	// The organization's direct link, without typing an e-mail.
	await page.goto(link ?? '');
	await signInAtProvider(page, bob);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.getByRole('button', { name: 'Sign out' }).first().click();
	await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/session/end`));
	await page.getByRole('button', { name: 'Yes, sign me out' }).click();
	await expect(page).toHaveURL(/\/signin$/);
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/signin/);
});

test('an organization that requires its provider refuses its members’ passwords, and says where to go', async ({
	page
}) => {
	const domain = `acme-${randomBytes(3).toString('hex')}.test`;
	const owner = newPerson('Owner');
	const organization = newOrganizationName();
	await signUpWithOrganization(page, owner, organization);
	await openOrganization(page, organization);
	await connectProvider(page, domain, { requireSso: true });
	await page.getByRole('button', { name: 'Sign out' }).first().click();
	await expect(page).toHaveURL(/\/signin/);

	await signIn(page, owner.email, owner.password);
	await expect(page.getByRole('alert')).toContainText(
		'requires signing in with Acme ID: passwords are not accepted for its members'
	);
	await expect(page.getByRole('link', { name: 'Sign in with Acme ID' })).toBeVisible();
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/signin/);
});

test('the account page lists one’s sessions and signs out another browser', async ({ browser }) => {
	const person = newPerson('Traveller');
	const first = await browser.newContext();
	const firstPage = await first.newPage();
	await signUpWithOrganization(firstPage, person, newOrganizationName());
	const second = await browser.newContext();
	const secondPage = await second.newPage();
	await signIn(secondPage, person.email, person.password);
	await expect(secondPage).toHaveURL(/\/dashboard$/);

	await firstPage.goto('/account');
	const sessions = firstPage.getByTestId('session');
	await expect(sessions).toHaveCount(2);
	await expect(sessions.filter({ hasText: 'this browser' })).toHaveCount(1);
	await expect(sessions.first()).toContainText(/Chrome on (Windows|Linux|macOS)/);
	await sessions
		.filter({ hasNotText: 'this browser' })
		.getByRole('button', { name: 'Sign out this one' })
		.click();
	await expect(firstPage.getByText('Sessions signed out: 1.')).toBeVisible();
	await expect(sessions).toHaveCount(1);

	await secondPage.goto('/account');
	await expect(secondPage).toHaveURL(/\/signin/);
	await firstPage.goto('/account');
	await expect(firstPage).toHaveURL(/\/account$/);
	await first.close();
	await second.close();
});
