import { expect, test } from '@playwright/test';
import {
	addMember,
	newOrganizationName,
	newPerson,
	openOrganization,
	signUpWithOrganization
} from './helpers';

test('two people in the same organization room see each other arrive and leave live', async ({
	browser,
	page
}) => {
	const owner = newPerson('Watcher');
	const organization = newOrganizationName();
	await signUpWithOrganization(page, owner, organization);
	await openOrganization(page, organization);
	const presence = page.getByTestId('presence');
	await expect(presence.getByRole('listitem').filter({ hasText: owner.name })).toBeVisible();

	// The member lands on the organization page right after accepting: the owner sees them come.
	const member = await addMember(browser, page, 'responder', 'Arriving');
	const memberInList = presence.getByRole('listitem').filter({ hasText: member.person.name });
	await expect(memberInList).toBeVisible();
	await expect(
		member.page.getByTestId('presence').getByRole('listitem').filter({ hasText: owner.name })
	).toBeVisible();

	await member.page.close();
	await expect(memberInList).toHaveCount(0);
	await expect(presence.getByRole('listitem').filter({ hasText: owner.name })).toBeVisible();
	await member.context.close();
});
