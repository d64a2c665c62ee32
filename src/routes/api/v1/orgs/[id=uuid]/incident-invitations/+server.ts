import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { endpoint, readerOf } from '$lib/server/http';
import { listReceivedInvitations } from '$lib/server/incidents/invitations';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** Invitations into other organizations' incidents waiting for an answer: ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	const reader = readerOf(event);
	await authorize(reader, event.params.id, 'incident.share');
	const invitations = await listReceivedInvitations(reader.userId, event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(pageOfList(invitations, query, (i) => [i.createdAt.toISOString(), i.id]));
});
