import { redirect, type RequestEvent } from '@sveltejs/kit';
import { actorOf, type RequestActor } from './access/actor-of';
import type { CommandContext } from './events/command';
import { formFailure } from './http';
import { formObject } from './validation';

export { actorOf };
export type FormActor = RequestActor;

/** How a form's fields are read: one string each, unless the page reads several values itself. */
export type FormReader = (request: Request) => Promise<Record<string, string>>;

const formFields: FormReader = async (request) => formObject(await request.formData());

/**
 * Runs one command from a form named `action` (a page may have several). On success the
 * fields `work` returns go back with `ok`; on an expected failure the message, and what was
 * typed, so nothing is lost.
 */
export async function runFormAction<T extends object>(
	event: RequestEvent,
	action: string,
	work: (actor: FormActor, values: Record<string, string>) => Promise<T | void>,
	read: FormReader = formFields
) {
	const values = await read(event.request);
	try {
		const fields = await work(actorOf(event), values);
		return { action, ok: true as const, ...(fields ?? ({} as T)) };
	} catch (e) {
		return formFailure(e, { ...values, action });
	}
}

/** A form's command context: the person, under the mutation id the form was given. */
export type FormContext = CommandContext & { actor: FormActor };

/**
 * `runFormAction` for a command that takes the form's mutation id: a form sent twice (a
 * double click, a retry after a lost answer) is applied once.
 */
export function runFormMutation<T extends object>(
	event: RequestEvent,
	action: string,
	work: (context: FormContext, values: Record<string, string>) => Promise<T | void>,
	read?: FormReader
) {
	return runFormAction(
		event,
		action,
		(actor, values) => work({ actor, clientMutationId: values.clientMutationId || null }, values),
		read
	);
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

/**
 * A form whose success is another page (the thing it created, or the list it left): the
 * person goes to the address `work` answers; on an expected failure the form shows why, with
 * what was typed. `action` names the form when its page has several.
 */
export async function runFormRedirect(
	event: RequestEvent,
	work: (actor: FormActor, values: Record<string, string>) => Promise<string>,
	options: { action?: string } = {}
) {
	const values = await formFields(event.request);
	let location: string;
	try {
		location = await work(actorOf(event), values);
	} catch (e) {
		return formFailure(e, options.action ? { ...values, action: options.action } : values);
	}
	redirect(303, location);
}
