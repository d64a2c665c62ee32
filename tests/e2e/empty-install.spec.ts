import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { acceptInvitation, runStep } from './demo';
import {
	addStep,
	newOrganizationName,
	opened,
	newPerson,
	openOrganization,
	signUpWithOrganization
} from './helpers';

/**
 * A team without the demo, through the UI only: two organizations sign up, the merchant
 * imports its servers from a NetBox export, declares an outage detected hours ago, invites its
 * hoster by the hoster's invitation code, attaches its servers by tag, keeps its hoster's NOC as
 * a contact and writes a runbook; both sides work the run live, a call is logged and steps are
 * told at their true times, the root cause and the resolution too, and the figures are the ones
 * counted from those times.
 */

const ZONE = 'Europe/Paris';
const pad = (n: number) => String(n).padStart(2, '0');

/** What a datetime-local field shows for an instant, in the browser's zone (Paris here). */
function wallClock(at: Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(at)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}T${pad(Number(parts.hour))}:${parts.minute}`;
}

async function figuresOf(page: Page, incidentId: string): Promise<Record<string, number | null>> {
	const answer = await page.request.get(`/api/v1/incidents/${incidentId}/figures`);
	expect(answer.status()).toBe(200);
	const { figures } = (await answer.json()) as {
		figures: { key: string; seconds: number | null }[];
	};
	return Object.fromEntries(figures.map((f) => [f.key, f.seconds]));
}

test('from an empty install, through the UI only: two organizations, an imported inventory, a night recorded at its true times and figures that match', async ({
	browser
}) => {
	const options = { timezoneId: ZONE, locale: 'en-GB' };
	const merchantContext = await browser.newContext(options);
	const hosterContext = await browser.newContext(options);
	const dsi = await merchantContext.newPage();
	const hoster = await hosterContext.newPage();
	const shop = newOrganizationName();
	const hosting = `Hosting ${shop}`;
	await signUpWithOrganization(dsi, newPerson('Dsi'), shop);
	await signUpWithOrganization(hoster, newPerson('Hoster'), hosting, 'Provider');

	// The hoster's admin reads its invitation code and gives it to the merchant.
	const hosterId = await openOrganization(hoster, hosting);
	const code = ((await hoster.getByTestId('invitation-code').textContent()) ?? '').trim();
	expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);

	// The merchant's servers come from a NetBox device export, through the mapping step.
	const merchantId = await openOrganization(dsi, shop);
	await dsi.goto(`/orgs/${merchantId}/inventory/import`);
	await dsi.getByLabel('File').setInputFiles({
		name: 'netbox-devices.csv',
		mimeType: 'text/csv',
		buffer: await readFile('tests/fixtures/inventory/netbox-devices.csv')
	});
	await dsi.getByRole('button', { name: 'Read the file' }).click();
	const mapping = dsi.getByTestId('import-mapping');
	await mapping.getByRole('button', { name: /^Import \d+ rows$/ }).click();
	await expect(dsi.getByText(/^Imported: \d+ created/)).toBeVisible();
	await dsi.goto(`/orgs/${merchantId}/inventory`);
	await expect(dsi.getByTestId('inventory-table')).toContainText('db01');

	// Its hoster's NOC as a contact, and its runbook: two steps, one for each side.
	await dsi.goto(`/orgs/${merchantId}/contacts`);
	await dsi.getByLabel('Provider', { exact: true }).fill(hosting);
	await dsi.getByLabel('Person or desk').fill('NOC 24/7');
	await dsi.getByLabel('Phones').fill('+33 1 84 00 00 00');
	await dsi.getByRole('button', { name: 'Add a contact' }).click();
	await expect(dsi.getByRole('table')).toContainText('NOC 24/7');

	const template = `Shop recovery ${shop}`;
	await dsi.goto(`/orgs/${merchantId}/templates`);
	await dsi.getByRole('link', { name: 'New template' }).click();
	await dsi.getByLabel('Name').fill(template);
	await dsi.getByRole('button', { name: 'Create template' }).click();
	await expect(dsi.getByRole('heading', { level: 1, name: new RegExp(template) })).toBeVisible();
	const versions = dsi.getByRole('complementary', { name: 'Versions' }).getByRole('listitem');
	const versionsBefore = await versions.count();
	await dsi.getByRole('button', { name: '+ Add a phase' }).click();
	const phase = dsi.getByRole('group', { name: 'Phase 1' });
	await phase.getByLabel('Phase title').fill('Recover');
	const planned = { call: 10, restore: 60 };
	const callStep = await opened(await addStep(dsi, phase, 'Call the NOC'));
	await callStep.getByLabel('Planned minutes').fill(String(planned.call));
	const restoreStep = await opened(await addStep(dsi, phase, 'Restore the database'));
	await restoreStep.getByLabel('Planned minutes').fill(String(planned.restore));
	await restoreStep.getByLabel('Owner side').selectOption({ label: 'Provider' });
	await dsi.getByRole('button', { name: /^Save as version / }).click();
	await expect(versions).toHaveCount(versionsBefore + 1);

	// Detected six hours ago, declared now.
	const detected = new Date(Date.now() - 6 * 3_600_000);
	detected.setSeconds(0, 0);
	const identified = new Date(detected.getTime() + 90 * 60_000);
	const resolved = new Date(detected.getTime() + (4 * 60 + 15) * 60_000);
	const title = `Shop down ${shop}`;
	await dsi.goto('/incidents/new');
	await dsi.getByLabel('Title').fill(title);
	await dsi.getByLabel('Detected at').fill(wallClock(detected));
	await dsi.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(dsi).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	const room = new URL(dsi.url()).pathname;
	const incidentId = room.split('/').pop() ?? '';

	// The hoster is invited by its code and its admin accepts.
	const sharing = dsi.getByTestId('sharing');
	await sharing.locator('summary').click();
	await sharing.getByPlaceholder('XXXX-XXXX-XXXX').fill(code.toLowerCase());
	await sharing.getByRole('button', { name: 'Invite an organization' }).click();
	await expect(sharing.getByTestId('pending-invitations')).toContainText(hosting);
	await acceptInvitation(hoster, title);
	await expect(
		dsi.getByTestId('timeline').getByText(`${hosting} joined the incident`)
	).toBeVisible();

	// The merchant attaches every server tagged shop-cluster; the hoster sees them live.
	const attach = dsi.getByTestId('attach-servers');
	await attach.locator('summary').click();
	await attach.getByLabel('Every server tagged').selectOption({ label: 'shop-cluster (3)' });
	await attach.getByRole('button', { name: 'Attach all' }).click();
	await expect(dsi.getByTestId('servers')).toContainText('db01');
	await expect(hoster.getByTestId('servers')).toContainText('web02');

	// The merchant starts the run; the hoster's page shows it without a reload.
	const choice = dsi.getByLabel('Runbook to run');
	const templateValue = await choice.locator('option', { hasText: template }).getAttribute('value');
	await choice.selectOption(templateValue ?? '');
	await dsi.getByRole('button', { name: 'Start the runbook' }).click();
	await expect(runStep(hoster, 'Restore the database')).toBeVisible();

	// A call to the hoster's NOC, logged afterwards at the time it was made.
	const at = (minutes: number) => new Date(detected.getTime() + minutes * 60_000);
	const contacts = dsi.getByRole('region', { name: 'Contacts' });
	await contacts.getByRole('button', { name: 'Log a call' }).click();
	const log = contacts.locator('form[action="?/logCall"]');
	await log.getByLabel('Outcome of the call to NOC 24/7').fill('Reached, engineer on the way');
	await log.getByText('It happened earlier').click();
	await log.getByLabel('At (your time)').fill(wallClock(at(20)));
	await log.getByLabel('Reason (shown on the timeline)').fill('Logged after the call');
	await log.getByRole('button', { name: 'Record the call' }).click();
	await expect(dsi.getByTestId('timeline')).toContainText('back-dated: Logged after the call');

	/** Starts or finishes a step at a true time typed under "it happened earlier". */
	async function actEarlier(page: Page, title: string, button: string, when: Date, why: string) {
		const step = runStep(page, title);
		await step.getByText('It happened earlier').click();
		await step.getByLabel('At (your time)').fill(wallClock(when));
		await step.getByLabel('Reason (shown on the timeline)').fill(why);
		await step.getByRole('button', { name: button, exact: true }).click();
	}
	// By the step's state class: a finished phase folds away, its steps still say their state.
	const state = (page: Page, title: string, name: 'in_progress' | 'done') =>
		expect(runStep(page, title)).toHaveClass(new RegExp(`\\b${name}\\b`));

	// Both sides work steps live: each one's change shows on the other's page without a reload.
	await actEarlier(hoster, 'Restore the database', 'Start', at(35), 'From the NOC ticket');
	await state(dsi, 'Restore the database', 'in_progress');
	await actEarlier(dsi, 'Call the NOC', 'Start', at(15), 'From the phone log');
	await state(hoster, 'Call the NOC', 'in_progress');
	await actEarlier(dsi, 'Call the NOC', 'Done', at(25), 'From the phone log');
	await state(hoster, 'Call the NOC', 'done');
	await actEarlier(hoster, 'Restore the database', 'Done', at(100), 'From the NOC ticket');
	await state(dsi, 'Restore the database', 'done');
	await expect(
		dsi.getByTestId('timeline').getByTestId('backdated').filter({ hasText: 'From the NOC ticket' })
	).toHaveCount(2);

	// The root cause at its true time, then the resolution recorded at an earlier time.
	const milestones = dsi.getByTestId('milestones');
	await milestones.locator('summary').click();
	await milestones.getByLabel('Milestone').selectOption({ label: 'Root cause identified' });
	await milestones.getByLabel('When (your time)').fill(wallClock(identified));
	await milestones.getByRole('button', { name: 'Set the milestone' }).click();
	await expect(dsi.getByTestId('milestone-identified')).not.toContainText('not set');

	const status = dsi.locator('form[action="?/status"]');
	await status.locator('#status-select').selectOption('resolved');
	await status.getByText('It happened earlier').click();
	await status.getByLabel('At (your time)').fill(wallClock(resolved));
	await status.getByLabel('Reason (shown on the timeline)').fill('Written up the next morning');
	await status.getByRole('button', { name: 'Change status' }).click();
	await expect(dsi.getByTestId('incident-status')).toHaveText(/resolved/i);

	// The figures are those counted from the times typed.
	const figures = await figuresOf(dsi, incidentId);
	expect(figures.identify).toBe(90 * 60);
	expect(figures.recover).toBe((4 * 60 + 15) * 60);
	// The hoster was called at +20 min and started its step at +35 min: mobilised in 15 min.
	expect(figures[`mobilise:${hosterId}`]).toBe(15 * 60);
	// The run began with its first step (+15 min); its planned critical path is the longer step
	// (60 min), so planned to end at +75 min; the last step ended at +100 min: 25 min late.
	expect(figures.slippage).toBe((100 - (15 + Math.max(planned.call, planned.restore))) * 60);

	// The post-mortem says the same, in its Markdown export too.
	await dsi.getByTestId('postmortem-link').click();
	await dsi.getByRole('button', { name: 'Write the post-mortem from the timeline' }).click();
	const [download] = await Promise.all([
		dsi.waitForEvent('download'),
		dsi.getByTestId('export-markdown').click()
	]);
	const markdown = await readFile((await download.path()) ?? '', 'utf8');
	expect(markdown).toContain('| Time to recover | 4 h 15 min |');
	// The steps as they ran, at their true times, and the back-dated resolution says why.
	// (◆: the late step on the path that set the end: 35 → 100 min is 65 min for 60 planned.)
	expect(markdown).toContain('| Call the NOC | 10 min | 10 min | 0 min |');
	expect(markdown).toContain('| ◆ Restore the database | 1 h | 1 h 05 min | +5 min |');
	expect(markdown).toContain('| End of the runbook against the plan | +25 min |');
	expect(markdown).toContain('back-dated: Written up the next morning');

	// A fact remembered after the write-up, noted at its true time: the post-mortem follows it.
	const postmortem = dsi.url();
	const remembered = 'The NOC paged its storage team half an hour in';
	await dsi.goto(`/incidents/${incidentId}`);
	await dsi.getByPlaceholder('What happened, what was decided…').fill(remembered);
	const noteForm = dsi.getByRole('region', { name: 'Timeline' });
	await noteForm.getByText('It happened earlier').click();
	await noteForm.getByLabel('At (your time)').fill(wallClock(at(30)));
	await noteForm.getByLabel('Reason (shown on the timeline)').fill('Read in the NOC ticket');
	await dsi.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(dsi.getByTestId('timeline').getByText(remembered)).toBeVisible();
	await dsi.goto(postmortem);
	const refresh = dsi.getByTestId('refresh');
	await expect(refresh.getByTestId('refresh-pending')).toHaveText(
		'Since this was written, the timeline gives: 1 entry added.'
	);
	await refresh.getByRole('button', { name: 'Refresh from the timeline' }).click();
	await expect(refresh.getByTestId('refresh-applied-list')).toContainText(remembered);
	// In the Timeline section, at its true time: after the detection, before the root cause.
	const written = dsi.getByTestId('section-timeline').getByRole('textbox');
	await expect(written).toHaveValue(
		/Detected[^\n]*\n[^\n]*half an hour in[^\n]*\n[^\n]*Root cause/
	);
	await merchantContext.close();
	await hosterContext.close();
});
