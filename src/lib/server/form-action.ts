import type { RequestEvent } from '@sveltejs/kit';
import { actorOf, type RequestActor } from './access/actor-of';
import { formFailure } from './http';
import { formObject } from './validation';

export { actorOf };
export type FormActor = RequestActor;

/**
 * Runs one command from a form named `action` (a page may have several). On success the
 * fields `work` returns go back with `ok`; on an expected failure the message, and what was
 * typed, so nothing is lost.
 */
export async function runFormAction<T extends object>(
	event: RequestEvent,
	action: string,
	work: (actor: FormActor, values: Record<string, string>) => Promise<T | void>
) {
	const values = formObject(await event.request.formData());
	try {
		const fields = await work(actorOf(event), values);
		return { action, ok: true as const, ...(fields ?? ({} as T)) };
	} catch (e) {
		return formFailure(e, { ...values, action });
	}
}

/** A form's command whose result the page learns from its live events: only `ok` goes back. */
export function runFormCommand(
	event: RequestEvent,
	action: string,
	work: (actor: FormActor, values: Record<string, string>) => Promise<unknown>
) {
	return runFormAction(event, action, async (actor, values) => {
		await work(actor, values);
	});
}
