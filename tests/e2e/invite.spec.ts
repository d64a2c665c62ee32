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
