import { listAlertGroups } from '$lib/server/alerts/queries';
import { organizationPage } from '$lib/server/page-load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		const query = Object.fromEntries(event.url.searchParams);
		const page = await listAlertGroups(reader, organizationId, query);
		return { page, status: query.status ?? null };
	});
