import { may } from '$lib/server/access/authorize';
import { organizationPage } from '$lib/server/page-load';
import { listTemplates } from '$lib/server/runbooks/template-queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => ({
		templates: await listTemplates(reader, organizationId),
		canEdit: await may(reader, organizationId, 'template.edit')
	}));
