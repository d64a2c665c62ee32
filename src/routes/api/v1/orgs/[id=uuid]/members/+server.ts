import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { endpoint, readerOf } from '$lib/server/http';
import { listMembers } from '$lib/server/organizations/queries';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The organization's members with their roles, by name: ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	await authorize(readerOf(event), event.params.id, 'organization.view');
	const members = await listMembers(event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(pageOfList(members, query, (m) => [m.displayName, m.userId]));
});
