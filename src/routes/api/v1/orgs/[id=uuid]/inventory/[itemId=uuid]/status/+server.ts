import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { apiContext, readJsonObject } from '$lib/server/inventory/api';
import { findItem } from '$lib/server/inventory/queries';
import { setItemStatus } from '$lib/server/inventory/status';
import type { RequestHandler } from './$types';

/**
 * Sets an item's status: { status, reason?, clientMutationId?, version? }. A retry with the
 * same clientMutationId gets the first answer; a change sent on a version whose status has
 * moved on since is refused (409).
 */
export const POST: RequestHandler = async ({ locals, params, request, getClientAddress }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to change a status.');
		const body = await readJsonObject(request);
		const context = apiContext(locals.user, getClientAddress(), body);
		// The address names the organization: an item of another one is not found here.
		const item = await findItem(params.itemId);
		if (item && item.organizationId !== params.id) {
			throw new AppError('not_found', 'This inventory item does not exist or you may not see it.');
		}
		const { result, replayed } = await setItemStatus(context, params.itemId, body);
		return json({ ...result, replayed });
	} catch (error) {
		return jsonFailure(error);
	}
};
