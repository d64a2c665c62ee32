import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './access/actor';
import { formFailure } from './http';
import { formObject } from './validation';

export type FormActor = Actor & { timezone: string };

/** The signed-in person behind a form post, as commands record them; else to sign-in. */
export function actorOf(event: RequestEvent): FormActor {
	const user = event.locals.user;
	if (!user) redirect(303, '/signin');
	return {
		userId: user.id,
		name: user.displayName,
		address: event.getClientAddress(),
		timezone: user.timezone
	};
}

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
