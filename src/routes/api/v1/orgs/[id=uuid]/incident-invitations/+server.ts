import { authorize } from '$lib/server/access/authorize';
import { listReceivedInvitations } from '$lib/server/incidents/invitations';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** Invitations into other organizations' incidents waiting for an answer: ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	async (reader, { params }) => {
		await authorize(reader, params.id, 'incident.share');
		return listReceivedInvitations(reader.userId, params.id);
	},
	(i) => [i.createdAt.toISOString(), i.id]
);
