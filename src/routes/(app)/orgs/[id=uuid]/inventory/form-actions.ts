import type { RequestEvent } from '@sveltejs/kit';
import { fromWallClock } from '$lib/time/zoned';
import { runFormMutation } from '$lib/server/form-action';
import { setItemStatus } from '$lib/server/inventory/status';
import { linkInput } from '$lib/server/inventory/schemas';
import { parse } from '$lib/server/validation';

/** The two-tap status change, shared by the inventory list and an item's page. */
export const statusAction = (event: RequestEvent) =>
	runFormMutation(event, 'status', async (context, values) => {
		const { itemId } = parse(linkInput, values);
		// A true time is typed on the person's wall clock.
		const occurredAt = values.occurredAt
			? fromWallClock(values.occurredAt, context.actor.timezone)
			: '';
		const { result } = await setItemStatus(context, itemId, { ...values, occurredAt });
		return { itemId: result.itemId, status: result.status };
	});
