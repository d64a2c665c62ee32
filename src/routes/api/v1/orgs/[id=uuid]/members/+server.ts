import { authorize } from '$lib/server/access/authorize';
import { listEndpoint } from '$lib/server/list-endpoint';
import { listMembers } from '$lib/server/organizations/queries';
import type { RequestHandler } from './$types';

/** The organization's members with their roles, by name: ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	async (reader, { params }) => {
		await authorize(reader, params.id, 'organization.view');
		return listMembers(params.id);
	},
	(m) => [m.displayName, m.userId]
);
