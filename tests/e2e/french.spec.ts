import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DSI, MERCHANT, SEV1_TITLE, signInAs } from './demo';
import { createInviteLink, newPerson, openOrganization } from './helpers';

/** The English catalogue's plain messages that French writes differently. */
function englishOnlyMessages(): Set<string> {
	const read = (locale: string): Record<string, unknown> =>
		JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'));
	const english = read('en');
	const french = read('fr');
	const found = new Set<string>();
	for (const [key, value] of Object.entries(english)) {
		if (typeof value !== 'string' || value.includes('{') || value === french[key]) continue;
		if (/[a-z]{3}/i.test(value)) found.add(value.trim());
	}
	return found;
}

/** Every text a person reads or hears on the page: text nodes, names, hints, placeholders. */
async function readableTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const texts: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			// A document published in another language says so with its lang attribute.
			const lang = parent?.closest('[lang]')?.getAttribute('lang') ?? 'fr';
			if (parent && !parent.closest('script, style, [hidden]') && lang.startsWith('fr'))
				texts.push(node.textContent ?? '');
		}
		for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
			for (const name of ['aria-label', 'title', 'placeholder']) {
				const value = element.getAttribute(name);
				if (value) texts.push(value);
			}
		}
		texts.push(document.title);
		return texts.map((t) => t.trim()).filter((t) => t.length > 0);
	});
}

async function expectNoEnglish(page: Page, where: string, english: Set<string>): Promise<void> {
	const leaks = (await readableTexts(page)).filter((text) => english.has(text));
	expect([...new Set(leaks)], `English strings on the ${where}`).toEqual([]);
}

test('the main path in French shows no English string from the catalogue', async ({ browser }) => {
	const english = englishOnlyMessages();
	const dsi = await signInAs(browser, DSI.email);
	await openOrganization(dsi.page, MERCHANT);
	const link = await createInviteLink(dsi.page, 'responder');
	await dsi.context.close();

	const context = await browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByRole('heading', { name: `Rejoindre ${MERCHANT}` })).toBeVisible();
	await expectNoEnglish(page, 'invite page', english);
	const person = newPerson('Ingenieure');
	await page.getByLabel('Votre nom').fill(person.name);
	await page.getByLabel('E-mail').fill(person.email);
	await page.getByLabel('Mot de passe').fill(person.password);
	await page.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();

	await expect(page.getByRole('heading', { level: 1, name: SEV1_TITLE })).toBeVisible();
	await expect(page.getByTestId('connection-status')).toContainText('En direct');
	await expectNoEnglish(page, 'room', english);
	await page.goto('/dashboard');
	await expect(page.getByTestId('live-incident').first()).toBeVisible();
	await expectNoEnglish(page, 'home screen', english);
	await page.goto('/incidents');
	await expectNoEnglish(page, 'incident list', english);
	await page.getByRole('link', { name: 'Payment pages down: db01 disk failure' }).click();
	await page.getByTestId('postmortem-link').click();
	await expect(page.getByTestId('postmortem-status')).toBeVisible();
	await expectNoEnglish(page, 'post-mortem', english);
	await page.goto('/account');
	await expectNoEnglish(page, 'account page', english);
	// The organization page (members, invitations, activity) and a page refused by the server.
	await page.goto('/dashboard');
	await page.getByRole('link', { name: MERCHANT }).click();
	await expect(page.getByRole('heading', { level: 1, name: MERCHANT })).toBeVisible();
	await expectNoEnglish(page, 'organization page', english);
	const refused = await page.goto(`/orgs/${crypto.randomUUID()}/templates`);
	expect(refused?.status()).toBe(404);
	await expectNoEnglish(page, 'error page', english);
	await context.close();
});
