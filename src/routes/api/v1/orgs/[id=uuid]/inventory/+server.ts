import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { apiContext, readJsonObject } from '$lib/server/inventory/api';
import { createItem } from '$lib/server/inventory/commands';
import { listInventory } from '$lib/server/inventory/views';
import type { RequestHandler } from './$types';

/** The organization's inventory, filtered by ?q=, ?tag= and ?status=. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to read the inventory.');
		const filters = Object.fromEntries(url.searchParams);
		const items = await listInventory({ userId: locals.user.id }, params.id, filters);
		return json({ items });
	} catch (error) {
		return jsonFailure(error);
	}
};

/** Creates an item: { hostname, kind?, role?, …, dependsOn?, status?, clientMutationId? }. */
export const POST: RequestHandler = async ({ locals, params, request, getClientAddress }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to edit the inventory.');
		const body = await readJsonObject(request);
		const context = apiContext(locals.user, getClientAddress(), body);
		const { result, replayed } = await createItem(context, params.id, body);
		return json({ ...result, replayed }, { status: replayed ? 200 : 201 });
	} catch (error) {
		return jsonFailure(error);
	}
};
