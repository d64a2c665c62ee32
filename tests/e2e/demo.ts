import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';
import { signIn } from './helpers';

/**
 * The demo scenario the e2e server seeds once per run (SEED_DEMO=always, DESIGN.md §5): the
 * accounts of both sides and the open SEV1 whose runbook is half done.
 */
export const DEMO_PASSWORD = 'nightshift-demo';
/** Petit Nuage's owner: the merchant's DSI. */
export const DSI = { email: 'claire@petitnuage.example', name: 'Claire Martin' };
/** Rempart Hosting's responder: the hoster's on-call engineer. */
export const HOSTER = { email: 'marc@rempart.example', name: 'Marc Lefèvre' };
/** Rempart Hosting's owner: its technical director, who answers invitations into incidents. */
export const HOSTER_ADMIN = { email: 'nadia@rempart.example', name: 'Nadia Benali' };
export const MERCHANT = 'Petit Nuage';
export const SEV1_TITLE = 'Shop down: cluster rebuild';

export interface Session {
	context: BrowserContext;
	page: Page;
}

/** Signs in with a demo account in a browser context of its own. */
export async function signInAs(
	browser: Browser,
	email: string,
	options: Parameters<Browser['newContext']>[0] = {}
): Promise<Session> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signIn(page, email, DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/dashboard$/);
	return { context, page };
}

/** From the incident list, opens the demo SEV1's room. */
export async function openSev1Room(page: Page): Promise<void> {
	await page.goto('/incidents');
	await page.getByRole('link', { name: SEV1_TITLE }).click();
	await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: SEV1_TITLE })).toBeVisible();
}

/**
 * One step of the room's runbook, by its exact title: not the steps that merely wait for it
 * ("Waiting for: Reinstall Debian on web04"), nor "…web04" when asked for "…web0".
 */
export function runStep(page: Page, title: string): Locator {
	const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByTestId('run-step').filter({
		has: page.getByTestId('step-title').filter({ hasText: new RegExp(`^${escaped}(\\s|$)`) })
	});
}

/** A hoster's admin accepts, from the dashboard, the invitation into the incident titled so. */
export async function acceptInvitation(page: Page, title: string): Promise<void> {
	await page.goto('/dashboard');
	const invitation = page
		.getByTestId('invitations')
		.getByRole('listitem')
		.filter({ hasText: title })
		.first();
	await invitation.getByRole('button', { name: 'Accept' }).click();
	await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
