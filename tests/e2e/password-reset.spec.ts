import { expect, test } from '@playwright/test';
import {
	addMember,
	newOrganizationName,
	newPerson,
	openOrganization,
	signIn,
	signUpWithOrganization
} from './helpers';

const NEW_PASSWORD = 'a-brand-new-passphrase';

test('a reset link issued by an admin sets a new password that signs the member in, once', async ({
	browser,
	page
}) => {
	const organization = newOrganizationName();
	await signUpWithOrganization(page, newPerson('Owner'), organization);
	await openOrganization(page, organization);
	const member = await addMember(browser, page, 'responder', 'Locked');
	await member.context.close();
	const admin = await addMember(browser, page, 'admin', 'Admin');

	// The admin landed on the organization page, which lists the member.
	const row = admin.page.getByRole('row').filter({ hasText: member.person.email });
	await row.getByRole('button', { name: 'Password reset link' }).click();
	const linkField = admin.page.getByTestId('reset-link');
	await expect(linkField).toHaveValue(/\/reset\/\S+$/);
	const link = await linkField.inputValue();
	await admin.context.close();

	const context = await browser.newContext();
	const memberPage = await context.newPage();
	await memberPage.goto(link);
	await expect(memberPage.getByText(`For ${member.person.email}.`)).toBeVisible();
	await memberPage.getByLabel('New password').fill(NEW_PASSWORD);
	await memberPage.getByRole('button', { name: 'Set password' }).click();
	await expect(memberPage).toHaveURL(/\/signin\?reset=done$/);

	await signIn(memberPage, member.person.email, NEW_PASSWORD);
	await expect(memberPage).toHaveURL(/\/dashboard$/);
	await expect(memberPage.getByRole('link', { name: organization })).toBeVisible();

	const reused = await memberPage.goto(link);
	expect(reused?.status()).toBe(410);
	await expect(
		memberPage.getByText('This reset link was already used. Ask an admin for a new one.')
	).toBeVisible();
	await context.close();
});
