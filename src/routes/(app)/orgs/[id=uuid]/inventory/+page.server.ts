import { may } from '$lib/server/access/authorize';
import { findStream } from '$lib/server/events/queries';
import { listInventory } from '$lib/server/inventory/views';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';
import { statusAction } from './form-actions';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		const filters = {
			q: event.url.searchParams.get('q') ?? '',
			tag: event.url.searchParams.get('tag') ?? '',
			status: event.url.searchParams.get('status') ?? ''
		};
		const items = await listInventory(reader, organizationId, filters);
		const [stream, canEdit, canSetStatus] = await Promise.all([
			findStream(organizationId),
			may(reader, organizationId, 'inventory.edit'),
			may(reader, organizationId, 'inventory.status')
		]);
		return { items, filters, canEdit, canSetStatus, lastSeq: stream?.lastSeq ?? 0 };
	});

export const actions: Actions = { status: statusAction };
