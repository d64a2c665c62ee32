import { randomBytes } from 'node:crypto';
import { expect, test, type Locator } from '@playwright/test';
import { DSI, MERCHANT, signInAs } from './demo';
import { addStep, opened, openOrganization } from './helpers';

test('a template whose steps depend on each other is refused, naming the steps, and the typed editor is kept', async ({
	browser
}) => {
	const { context, page } = await signInAs(browser, DSI.email);
	const organizationId = await openOrganization(page, MERCHANT);
	const name = `Cycle check ${randomBytes(3).toString('hex')}`;
	await page.goto(`/orgs/${organizationId}/templates`);
	await page.getByRole('link', { name: 'New template' }).click();
	await page.getByLabel('Name').fill(name);
	await page.getByRole('button', { name: 'Create template' }).click();
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
	const versions = page.getByRole('complementary', { name: 'Versions' }).getByRole('listitem');
	const versionsBefore = await versions.count();

	await page.getByRole('button', { name: '+ Add a phase' }).click();
	const phase = page.getByRole('group', { name: 'Phase 1' });
	await phase.getByLabel('Phase title').fill('Storage');
	const spare = await addStep(page, phase, 'Mount the spare disks');
	const raid = await addStep(page, phase, 'Check the RAID array');
	await (
		await opened(spare)
	)
		.getByLabel('Depends on')
		.selectOption({ label: 'Check the RAID array' });
	await (
		await opened(raid)
	)
		.getByLabel('Depends on')
		.selectOption({ label: 'Mount the spare disks' });
	await page.getByRole('button', { name: /^Save as version / }).click();

	const error = page.getByTestId('template-error');
	await expect(error).toBeVisible();
	await expect(error).toContainText('depend on each other in a circle');
	await expect(error).toContainText('“Mount the spare disks”');
	await expect(error).toContainText('“Check the RAID array”');

	// Everything typed is still there: the phase, both steps and both dependencies.
	const kept = page.getByRole('group', { name: 'Phase 1' });
	await expect(kept.getByLabel('Phase title')).toHaveValue('Storage');
	const steps = kept.getByTestId('template-step');
	await expect(steps).toHaveCount(2);
	const [first, second] = [steps.nth(0), steps.nth(1)];
	await expect((await opened(first)).getByLabel('Title', { exact: true })).toHaveValue(
		'Mount the spare disks'
	);
	await expect((await opened(second)).getByLabel('Title', { exact: true })).toHaveValue(
		'Check the RAID array'
	);
	const selected = (step: Locator) =>
		step
			.getByLabel('Depends on')
			.evaluate((select: HTMLSelectElement) =>
				[...select.selectedOptions].map((option) => option.text)
			);
	expect(await selected(first)).toEqual(['Check the RAID array']);
	expect(await selected(second)).toEqual(['Mount the spare disks']);
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);

	// And nothing was saved: no new version, and the stored template still has no phase.
	await expect(versions).toHaveCount(versionsBefore);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Phase 1' })).toHaveCount(0);
	await expect(page.getByTestId('template-error')).toHaveCount(0);

	await context.close();
});
