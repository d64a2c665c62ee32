import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DSI, signInAs } from './demo';

// Julien Moreau, Claire's colleague at Petit Nuage (a responder), from the demo seed.
const COLLEAGUE = 'julien@petitnuage.example';
const DISK_FAILURE = 'Payment pages down: db01 disk failure';

function section(page: Page, key: string): Locator {
	return page.getByTestId(`section-${key}`);
}

/** Types into a section's editor (replacing what is there) without saving. */
async function type(page: Page, key: string, text: string) {
	await section(page, key).getByRole('textbox').fill(text);
}

async function save(page: Page, key: string) {
	await section(page, key).getByRole('button', { name: 'Save this section' }).click();
}

/** Declares a fresh incident, resolves it, and writes its post-mortem draft; returns its URL. */
async function resolvedIncidentWithDraft(page: Page): Promise<string> {
	const title = `Checkout errors ${randomBytes(3).toString('hex')}`;
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await page.getByLabel('Change status').selectOption('resolved');
	await page.getByRole('button', { name: 'Change status' }).click();
	await expect(page.getByTestId('incident-status')).toHaveText(/resolved/i);
	await page.getByTestId('postmortem-link').click();
	await page.getByRole('button', { name: 'Write the post-mortem from the timeline' }).click();
	await expect(section(page, 'summary').getByRole('textbox')).toHaveValue(new RegExp(title));
	return page.url();
}

test('two people write different sections at once and both keep their text', async ({
	browser
}) => {
	const claire = await signInAs(browser, DSI.email);
	const julien = await signInAs(browser, COLLEAGUE);
	const url = await resolvedIncidentWithDraft(claire.page);
	await julien.page.goto(url);
	await expect(julien.page.getByTestId('section-root_cause')).toBeVisible();

	// Both type before either saves, then both save.
	await type(claire.page, 'root_cause', 'The payment provider rotated its API key without notice.');
	await type(julien.page, 'went_well', '- The maintenance page was up in five minutes.');
	await save(claire.page, 'root_cause');
	await save(julien.page, 'went_well');

	// Each sees the other's section arrive live, and keeps their own.
	await expect(section(claire.page, 'went_well').getByRole('textbox')).toHaveValue(
		'- The maintenance page was up in five minutes.'
	);
	await expect(section(julien.page, 'root_cause').getByRole('textbox')).toHaveValue(
		'The payment provider rotated its API key without notice.'
	);
	for (const page of [claire.page, julien.page]) {
		await page.reload();
		await expect(section(page, 'root_cause').getByRole('textbox')).toHaveValue(
			'The payment provider rotated its API key without notice.'
		);
		await expect(section(page, 'went_well').getByRole('textbox')).toHaveValue(
			'- The maintenance page was up in five minutes.'
		);
	}
	await claire.context.close();
	await julien.context.close();
});

test('two people in the same section see a conflict, and no text is silently lost', async ({
	browser
}) => {
	const claire = await signInAs(browser, DSI.email);
	const julien = await signInAs(browser, COLLEAGUE);
	const url = await resolvedIncidentWithDraft(claire.page);
	await julien.page.goto(url);
	await expect(section(julien.page, 'went_badly')).toBeVisible();

	await type(claire.page, 'went_badly', '- Nobody watched the API key expiry.');
	await type(julien.page, 'went_badly', '- The status page stayed green for an hour.');
	await save(julien.page, 'went_badly');

	// Claire was typing: Julien's save shows as a conflict with his text, hers is kept.
	const conflict = claire.page.getByTestId('section-went_badly-conflict');
	await expect(conflict).toBeVisible();
	await expect(conflict).toContainText('Julien Moreau saved this section while you were typing');
	await expect(conflict).toContainText('- The status page stayed green for an hour.');
	await expect(section(claire.page, 'went_badly').getByRole('textbox')).toHaveValue(
		'- Nobody watched the API key expiry.'
	);

	// Saving over a stale version is refused by the server too: the same conflict, nothing lost.
	await save(claire.page, 'went_badly');
	await expect(conflict).toBeVisible();
	await expect(section(julien.page, 'went_badly').getByRole('textbox')).toHaveValue(
		'- The status page stayed green for an hour.'
	);

	// Claire merges both into her text and keeps it: Julien sees the merged text arrive.
	const merged =
		'- Nobody watched the API key expiry.\n- The status page stayed green for an hour.';
	await type(claire.page, 'went_badly', merged);
	await conflict.getByRole('button', { name: 'Keep mine' }).click();
	await expect(conflict).toBeHidden();
	await expect(section(julien.page, 'went_badly').getByRole('textbox')).toHaveValue(merged);
	await claire.context.close();
	await julien.context.close();
});

test('the Markdown export of the demo post-mortem carries its figures and action items', async ({
	browser
}) => {
	const claire = await signInAs(browser, DSI.email);
	const { page } = claire;
	await page.goto('/incidents');
	await page.getByRole('link', { name: DISK_FAILURE }).click();
	await page.getByTestId('postmortem-link').click();
	await expect(page.getByTestId('postmortem-status')).toContainText('Published');
	// Published means read-only: no editor, no save button.
	await expect(page.getByRole('button', { name: 'Save this section' })).toHaveCount(0);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-markdown').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^postmortem-\d{4}-\d{2}-\d{2}\.md$/);
	const markdown = await readFile((await download.path()) ?? '', 'utf8');
	expect(markdown).toMatch(/^# Post-mortem: Payment pages down: db01 disk failure\n/);
	expect(markdown).toContain('| Time to detect | 18 min |');
	expect(markdown).toContain('| Time to declare | 6 min |');
	expect(markdown).toContain('| Time to mobilise Rempart Hosting | 2 min |');
	expect(markdown).toContain('| Time to recover | 5 h 14 min |');
	expect(markdown).toContain('| Downtime of the critical services | 4 h 58 min |');
	expect(markdown).toContain('| End of the runbook against the plan | +42 min |');
	expect(markdown).toContain(
		'| Alert on a degraded RAID array, not only on a failed disk | Marc Lefèvre (Rempart Hosting) |'
	);
	expect(markdown).toContain('Raise the backup vault link to 10 Gb/s so a restore fits its plan');
	// The chart is the separate SVG download, saved under the name the Markdown refers to.
	const [, chartName] =
		/\n\[timeline-chart\]: (postmortem-\d{4}-\d{2}-\d{2}\.svg)\n$/.exec(markdown) ?? [];
	expect(chartName).toBeTruthy();
	expect(markdown).not.toMatch(/<[a-z]/);
	const [chart] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-chart').click()
	]);
	expect(chart.suggestedFilename()).toBe(chartName);
	const svg = await readFile((await chart.path()) ?? '', 'utf8');
	expect(svg).toMatch(
		/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
	);
	expect(svg).toContain('Restore db01 from the last backup');
	expect(svg).not.toContain('<script');
	await claire.context.close();
});

test('the printable post-mortem is a document of A4 pages with its chart, without script', async ({
	browser
}) => {
	const claire = await signInAs(browser, DSI.email);
	const { page } = claire;
	await page.goto('/incidents');
	await page.getByRole('link', { name: DISK_FAILURE }).click();
	await page.getByTestId('postmortem-link').click();
	await expect(page).toHaveURL(/\/postmortem$/);
	const print = `${page.url()}/print`;
	await page.goto(print);
	const document = page.getByTestId('print-document');
	await expect(document.getByRole('heading', { level: 1 })).toHaveText(
		`Post-mortem: ${DISK_FAILURE}`
	);
	await expect(
		document.getByTestId('timeline-chart').locator('svg[data-chart="night"]')
	).toBeVisible();
	await expect(document.getByRole('heading', { name: 'Action items' })).toBeVisible();
	await expect(page.locator('script')).toHaveCount(0);

	const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
	const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(pages.length).toBeLessThanOrEqual(6);
	// A4 is 595 × 842 points.
	const [, width, height] = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf) ?? [];
	expect(Math.round(Number(width))).toBe(595);
	expect(Math.round(Number(height))).toBe(842);
	await claire.context.close();
});

test('refresh from the timeline shows what changed and keeps what people wrote', async ({
	browser
}) => {
	const claire = await signInAs(browser, DSI.email);
	const page = claire.page;
	const url = await resolvedIncidentWithDraft(page);
	const refresh = page.getByTestId('refresh');
	await expect(refresh.getByTestId('refresh-up-to-date')).toBeVisible();

	// People write: a line of their own atop the timeline, and the root cause.
	const timeline = section(page, 'timeline').getByRole('textbox');
	const own = 'Reconstructed from the chat log the morning after.';
	await timeline.fill(`${own}\n${await timeline.inputValue()}`);
	await save(page, 'timeline');
	await expect(page.getByTestId('section-timeline-version')).toContainText('2');
	await type(page, 'root_cause', 'The payment provider rotated its API key without notice.');
	await save(page, 'root_cause');
	await expect(page.getByTestId('section-root_cause-version')).toContainText('2');

	// A note added to the room's timeline after the post-mortem was written.
	const note = `Provider confirmed the key rotation ${randomBytes(2).toString('hex')}`;
	await page.goto(url.replace(/\/postmortem$/, ''));
	await page.getByPlaceholder('What happened, what was decided…').fill(note);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByTestId('timeline').getByText(note)).toBeVisible();

	// Before: what would change, listed.
	await page.goto(url);
	await expect(refresh.getByTestId('refresh-pending')).toHaveText(
		'Since this was written, the timeline gives: 1 entry added.'
	);
	await refresh.getByText('See what would change').click();
	await expect(refresh.getByTestId('refresh-preview-list')).toContainText(`Timeline · added`);
	await expect(refresh.getByTestId('refresh-preview-list')).toContainText(note);

	// After: what changed, and the text people wrote where they wrote it.
	await refresh.getByRole('button', { name: 'Refresh from the timeline' }).click();
	await expect(refresh.getByTestId('refresh-applied')).toHaveText(
		'Refreshed from the timeline: 1 entry added.'
	);
	await expect(refresh.getByTestId('refresh-applied-list')).toContainText(note);
	await expect(timeline).toHaveValue(new RegExp(`^${own}\\n`));
	await expect(timeline).toHaveValue(new RegExp(note));
	await expect(section(page, 'root_cause').getByRole('textbox')).toHaveValue(
		'The payment provider rotated its API key without notice.'
	);
	await page.reload();
	await expect(refresh.getByTestId('refresh-up-to-date')).toBeVisible();
	await expect(timeline).toHaveValue(new RegExp(`^${own}\\n[\\s\\S]*${note}`));
	await claire.context.close();
});
