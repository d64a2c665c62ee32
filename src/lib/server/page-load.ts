import { error } from '@sveltejs/kit';
import type { Actor } from './access/actor';
import { requireUser } from './access/require-user';
import type { SessionUser } from './auth/session';
import { isAppError } from './errors';
import { findOrganization } from './organizations/queries';
import { m } from '$lib/paraglide/messages';

/** Who reads a page, as the read models' own authorization knows them. */
export type PageReader = Pick<Actor, 'userId'>;

type PageEvent = { locals: App.Locals };

/** Turns an expected refusal of a page's read into its error page; a bug goes on to handleError. */
export function pageFailure(e: unknown): never {
	if (isAppError(e)) error(e.status, e.message);
	throw e;
}

/**
 * A signed-in page's load, whole: signed out, off to sign-in; the one read (which refuses
 * whoever may not see it); any refusal as the error page with its status and message.
 */
export async function signedInPage<T>(
	event: PageEvent,
	read: (reader: PageReader, user: SessionUser) => Promise<T>
): Promise<T> {
	requireUser(event.locals);
	const user = event.locals.user;
	try {
		return await read({ userId: user.id }, user);
	} catch (e) {
		pageFailure(e);
	}
}

/** The organization a page is about; gone, the page is not found. */
export async function requireOrganization(organizationId: string) {
	const organization = await findOrganization(organizationId);
	if (!organization) error(404, m.err_org_not_found());
	return organization;
}

/**
 * A page of one organization (its settings, lists and forms), with the organization its
 * header shows. The page's read comes first: it refuses an outsider before anything tells
 * them whether the organization exists.
 */
export function organizationPage<T extends object>(
	event: PageEvent & { params: { id: string } },
	read: (reader: PageReader, organizationId: string, user: SessionUser) => Promise<T>
) {
	const organizationId = event.params.id;
	return signedInPage(event, async (reader, user) => {
		const data = await read(reader, organizationId, user);
		return { organization: await requireOrganization(organizationId), ...data };
	});
}
