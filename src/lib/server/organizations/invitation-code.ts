import { m } from '$lib/paraglide/messages';
import type { OrganizationKind } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';

/**
 * What a partner gives a merchant so that the merchant can invite it into an incident: a code
 * its admins read on its page and may change at any time (the old one then stops working).
 * An organization's id, which shared rooms show, invites nobody.
 */

/** Typed by people: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
	return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Shown in groups of four: `3F9A-0C1B-77DE`. */
export function displayCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export async function findOrganizationByCode(
	code: string,
	sql: Db = db()
): Promise<{ id: string; name: string; kind: OrganizationKind } | null> {
	const normalized = normalizeCode(code);
	if (normalized.length !== 12) return null;
	const [row] = await sql<{ id: string; name: string; kind: OrganizationKind }[]>`
		select id, name, kind from organizations where invitation_code = ${normalized}`;
	return row ?? null;
}

/** The code, for the organization's admins only. */
export async function readInvitationCode(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	sql: Db = db()
): Promise<string> {
	await authorize(actor, organizationId, 'incident.share', sql);
	const [row] = await sql<{ invitation_code: string }[]>`
		select invitation_code from organizations where id = ${organizationId}`;
	if (!row) throw new AppError('not_found', m.err_org_not_found());
	return displayCode(row.invitation_code);
}

/** A new code: whoever was given the old one can no longer invite the organization. */
export async function changeInvitationCode(context: CommandContext, organizationId: string) {
	return runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'incident.share', tx);
		const [row] = await tx<{ invitation_code: string }[]>`
			update organizations
			set invitation_code = upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12))
			where id = ${organizationId} returning invitation_code`;
		if (!row) throw new AppError('not_found', m.err_org_not_found());
		await emit({
			streamId: organizationId,
			kind: 'organization.invitation_code_changed',
			payload: {}
		});
		return { code: displayCode(row.invitation_code) };
	});
}
