import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { findStream, listEventsAfter } from '$lib/server/events/queries';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { readAs, readerOf } from '$lib/server/events/visibility';
import { canJoinRoom } from '$lib/server/realtime/room-access';
import { parse } from '$lib/server/validation';
import type { RequestHandler } from './$types';
import { requireApiUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

const query = z.object({ after: z.coerce.number().int().min(0).default(0) });

/** Resync: the events of a stream after a sequence number, in order, from PostgreSQL. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		requireApiUser(locals);
		const { after } = parse(query, { after: url.searchParams.get('after') ?? undefined });
		const stream = await findStream(params.id);
		if (!stream || !(await canJoinRoom(locals.user.id, { kind: stream.kind, id: stream.id }))) {
			throw new AppError('not_found', m.err_room_not_found());
		}
		const reader = await readerOf(locals.user.id, stream);
		const events = (await listEventsAfter(stream.id, after)).map((e) => readAs(reader, e));
		return json({ events, latestSeq: stream.lastSeq });
	} catch (error) {
		return jsonFailure(error);
	}
};
