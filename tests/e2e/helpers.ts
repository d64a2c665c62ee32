import { randomBytes } from 'node:crypto';
import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';

export const PASSWORD = 'night-owl-passphrase';

export interface Person {
	name: string;
	email: string;
	password: string;
}

/** A person no other test uses: the database lives for the whole run. */
export function newPerson(label: string): Person {
	const suffix = randomBytes(4).toString('hex');
	return {
		name: `${label} ${suffix}`,
		email: `${label.toLowerCase()}-${suffix}@e2e.example`,
		password: PASSWORD
	};
}

export function newOrganizationName(): string {
	return `Shop ${randomBytes(3).toString('hex')}`;
}

async function fillAccountFields(page: Page, person: Person): Promise<void> {
	await page.getByLabel('Your name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
}

/** Signs up and creates an organization (a merchant unless told); ends on the dashboard. */
export async function signUpWithOrganization(
	page: Page,
	person: Person,
	organizationName: string,
	kind: 'Merchant' | 'Provider' = 'Merchant'
): Promise<void> {
	await page.goto('/signup');
	await fillAccountFields(page, person);
	await expect(page.getByLabel('Create an organization now')).toBeChecked();
	await page.getByLabel('Organization name').fill(organizationName);
	await page.getByRole('radio', { name: new RegExp(kind) }).check();
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
}

/** Creates an account in a context of its own, so the caller's page stays signed out. */
export async function createAccount(browser: Browser, person: Person): Promise<void> {
	const context = await browser.newContext();
	try {
		await signUpWithOrganization(await context.newPage(), person, newOrganizationName());
	} finally {
		await context.close();
	}
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** From the dashboard, opens the organization's page; returns its id. */
export async function openOrganization(page: Page, organizationName: string): Promise<string> {
	await page.goto('/dashboard');
	await page.getByRole('link', { name: organizationName }).click();
	await expect(page.getByRole('heading', { level: 1, name: organizationName })).toBeVisible();
	const id = /\/orgs\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
	if (!id) throw new Error(`Not on an organization page: ${page.url()}`);
	return id;
}

/** On the organization page: creates an invite link for `role` and returns it. */
export async function createInviteLink(page: Page, role: string): Promise<string> {
	const section = page.getByRole('region', { name: 'Invite someone' });
	const link = page.getByTestId('invite-link');
	// The field still shows the previous link until the new one arrives.
	const previous = (await link.count()) > 0 ? await link.inputValue() : '';
	await section.getByLabel('Role').selectOption(role);
	await section.getByRole('button', { name: 'Create invite link' }).click();
	await expect(link).toHaveValue(/\/invite\/\S+$/);
	await expect(link).not.toHaveValue(previous);
	return link.inputValue();
}

/** A signed-out person opens the invite link, creates an account and accepts. */
export async function acceptInviteAsNewPerson(page: Page, link: string, person: Person) {
	await page.goto(link);
	// The invite page is the sign-up form: creating the account accepts the invitation.
	await page.getByLabel('Your name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Create my account and join' }).click();
	await expect(page).toHaveURL(/\/(orgs|incidents)\/[0-9a-f-]{36}$/);
}

export interface Member {
	person: Person;
	context: BrowserContext;
	page: Page;
}

/** The owner's page (on the organization page) invites a new person who joins as `role`. */
export async function addMember(
	browser: Browser,
	ownerPage: Page,
	role: string,
	label = 'Member'
): Promise<Member> {
	const link = await createInviteLink(ownerPage, role);
	const person = newPerson(label);
	const context = await browser.newContext();
	const page = await context.newPage();
	await acceptInviteAsNewPerson(page, link, person);
	return { person, context, page };
}

/** On the editor: adds a step to the phase and gives it a title (which makes its key). */
export async function addStep(page: Page, phase: Locator, title: string): Promise<Locator> {
	const steps = phase.getByTestId('template-step');
	const index = await steps.count();
	await phase.getByRole('button', { name: '+ Add a step' }).click();
	// By position, not .last(): the locator must keep naming this step once others follow.
	const step = steps.nth(index);
	const field = step.getByLabel('Title', { exact: true });
	// Typed key by key, as a person does: the new step stays open while its title is typed.
	await field.pressSequentially(title);
	await expect(field).toBeVisible();
	await expect(field).toHaveValue(title);
	// The key is made from the title when the field is left.
	await field.press('Tab');
	await expect(step.getByLabel('Key')).not.toHaveValue('');
	return step;
}

/** A step's fields live in a collapsible block: opens it if it is closed. */
export async function opened(step: Locator): Promise<Locator> {
	if (!(await step.getByLabel('Depends on').isVisible()))
		await step.locator('summary').first().click();
	await expect(step.getByLabel('Depends on')).toBeVisible();
	return step;
}
