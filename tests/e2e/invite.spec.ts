import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
	acceptInviteAsNewPerson,
	createInviteLink,
	newOrganizationName,
	newPerson,
	openOrganization,
	signUpWithOrganization
} from './helpers';

test('an invite link lets a second person join with the invited role, then refuses a third', async ({
	browser,
	page
}) => {
	const organization = newOrganizationName();
	await signUpWithOrganization(page, newPerson('Owner'), organization);
	const organizationId = await openOrganization(page, organization);
	const link = await createInviteLink(page, 'viewer');

	const invitedContext = await browser.newContext();
	const invited = await invitedContext.newPage();
	await invited.goto(link);
	await expect(invited.getByRole('heading', { name: `Join ${organization}` })).toBeVisible();
	await expect(invited.getByText('You are invited as viewer.')).toBeVisible();
	await acceptInviteAsNewPerson(invited, link, newPerson('Invited'));
	await expect(invited).toHaveURL(new RegExp(`/orgs/${organizationId}$`));
	await expect(invited.getByRole('heading', { level: 1, name: organization })).toBeVisible();
	await expect(invited.getByText('You are viewer')).toBeVisible();
	await invitedContext.close();

	const lateContext = await browser.newContext();
	const late = await lateContext.newPage();
	const response = await late.goto(link);
	expect(response?.status()).toBe(410);
	await expect(late.getByText('This invite was already used. Ask for a new one.')).toBeVisible();
	await lateContext.close();
});

test('an invited engineer joins in four actions from the link, with the e-mail prefilled, and lands on the live incident', async ({
	browser,
	page
}) => {
	const organization = newOrganizationName();
	await signUpWithOrganization(page, newPerson('Owner'), organization);
	const title = `Checkout down ${randomBytes(3).toString('hex')}`;
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await openOrganization(page, organization);
	const invitee = newPerson('Engineer');
	const section = page.getByRole('region', { name: 'Invite someone' });
	await section.getByLabel('Email (optional)').fill(invitee.email);
	const link = await createInviteLink(page, 'responder');

	const context = await browser.newContext();
	const invited = await context.newPage();
	let actions = 0;
	const act = async (action: Promise<void>) => {
		actions += 1;
		await action;
	};
	await act(invited.goto(link).then(() => undefined));
	await expect(invited.getByLabel('Email')).toHaveValue(invitee.email);
	await expect(invited.getByLabel('Create an organization now')).toHaveCount(0);
	await act(invited.getByLabel('Your name').fill(invitee.name));
	await act(invited.getByLabel('Password').fill(invitee.password));
	await act(invited.getByRole('button', { name: 'Create my account and join' }).click());
	await expect(invited.getByRole('heading', { level: 1, name: title })).toBeVisible();
	expect(actions).toBeLessThanOrEqual(5);
	await context.close();
});
