import { listIncidents } from '$lib/server/incidents/queries';
import { incidentFilters } from '$lib/server/incidents/schemas';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = incidentFilters.parse(Object.fromEntries(url.searchParams));
	return { filters, incidents: locals.user ? await listIncidents(locals.user.id, filters) : [] };
};
