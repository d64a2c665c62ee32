import { may } from '$lib/server/access/authorize';
import { findStream } from '$lib/server/events/queries';
import { listInventory } from '$lib/server/inventory/views';
import { findOrganization } from '$lib/server/organizations/queries';
import type { Actions, PageServerLoad } from './$types';
import { actorOf, loadFailure, statusAction } from './form-actions';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	const organizationId = event.params.id;
	const filters = {
		q: event.url.searchParams.get('q') ?? '',
		tag: event.url.searchParams.get('tag') ?? '',
		status: event.url.searchParams.get('status') ?? ''
	};
	try {
		const items = await listInventory(actor, organizationId, filters);
		const [organization, stream, canEdit, canSetStatus] = await Promise.all([
			findOrganization(organizationId),
			findStream(organizationId),
			may(actor, organizationId, 'inventory.edit'),
			may(actor, organizationId, 'inventory.status')
		]);
		if (!organization) return loadFailure(new Error('organization vanished'));
		const lastSeq = stream?.lastSeq ?? 0;
		return { organization, items, filters, canEdit, canSetStatus, lastSeq };
	} catch (e) {
		return loadFailure(e);
	}
};

export const actions: Actions = { status: statusAction };
