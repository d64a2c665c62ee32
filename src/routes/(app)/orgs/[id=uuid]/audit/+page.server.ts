import { listAudit, listAuditActors } from '$lib/server/audit/queries';
import { organizationPage } from '$lib/server/page-load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId, user) => {
		const filters = Object.fromEntries(event.url.searchParams);
		const entries = await listAudit(reader, organizationId, filters, { timeZone: user.timezone });
		const actors = await listAuditActors(organizationId);
		return { entries, actors, filters, query: event.url.searchParams.toString() };
	});
