import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { AppError } from '$lib/server/errors';
import { jsonFailure, readJsonObject } from '$lib/server/http';
import { addNote } from '$lib/server/timeline/commands';
import { clientMutationId as mutationId, parse } from '$lib/server/validation';
import type { RequestHandler } from './$types';

const mutation = z.object({ clientMutationId: mutationId });

/**
 * A note or decision in the timeline: { text, kind?, occurredAt?, backdateReason?,
 * clientMutationId? }. The offline queue replays these; a retry is applied once.
 */
export const POST: RequestHandler = async ({ locals, params, request, getClientAddress }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to write in the timeline.');
		const body = await readJsonObject(request);
		const { clientMutationId } = parse(mutation, body);
		const actor = {
			userId: locals.user.id,
			name: locals.user.displayName,
			address: getClientAddress()
		};
		const { result, replayed } = await addNote({ actor, clientMutationId }, params.id, body);
		return json({ ...result, replayed }, { status: replayed ? 200 : 201 });
	} catch (error) {
		return jsonFailure(error);
	}
};
