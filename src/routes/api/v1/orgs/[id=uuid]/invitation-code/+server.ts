import { endpoint, answer, readerOf, writeOf, written } from '$lib/server/http';
import {
	changeInvitationCode,
	readInvitationCode
} from '$lib/server/organizations/invitation-code';
import type { RequestHandler } from './$types';

/** The code a merchant needs to invite this organization into an incident (its admins). */
export const GET: RequestHandler = endpoint(async (event) => {
	return answer({ code: await readInvitationCode(readerOf(event), event.params.id) });
});

/** A new code: the old one stops working. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await changeInvitationCode(context, event.params.id);
	return written(result, replayed);
});
