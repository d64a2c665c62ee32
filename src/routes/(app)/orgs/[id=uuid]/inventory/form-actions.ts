import { error, type RequestEvent } from '@sveltejs/kit';
import { fromWallClock } from '$lib/time/zoned';
import { actorOf } from '$lib/server/access/actor-of';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { setItemStatus } from '$lib/server/inventory/status';
import { linkInput } from '$lib/server/inventory/schemas';
import { formObject, parse } from '$lib/server/validation';

/** Shared by the inventory pages: who acts, and the two-tap status change. */

export { actorOf };

/** Turns an expected failure of a page load into an error page; a bug goes on to handleError. */
export function loadFailure(e: unknown): never {
	if (isAppError(e)) error(e.status, e.message);
	throw e;
}

export async function statusAction(event: RequestEvent) {
	const values = formObject(await event.request.formData());
	try {
		const { itemId } = parse(linkInput, values);
		const actor = actorOf(event);
		// A true time is typed on the person's wall clock.
		const occurredAt = values.occurredAt ? fromWallClock(values.occurredAt, actor.timezone) : '';
		const { result } = await setItemStatus(
			{ actor, clientMutationId: values.clientMutationId || null },
			itemId,
			{ ...values, occurredAt }
		);
		return { action: 'status', ok: true as const, itemId: result.itemId, status: result.status };
	} catch (e) {
		return formFailure(e, { ...values, action: 'status' });
	}
}
