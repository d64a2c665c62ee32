import { answer, endpoint, readerOf, writeEndpoint } from '$lib/server/http';
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
export const POST: RequestHandler = writeEndpoint(
	(context, _, { params }) => changeInvitationCode(context, params.id),
	{ optionalBody: true }
);
