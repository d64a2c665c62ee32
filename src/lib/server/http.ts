import { fail, json, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { actorOf, type RequestActor } from './access/actor-of';
import { AppError, isAppError } from './errors';
import type { CommandContext } from './events/command';
import { clientMutationId, parse } from './validation';
import { m } from '$lib/paraglide/messages';

export interface FormFailure {
	/** Which form of the page failed, when a page has several. */
	action: string | null;
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

/**
 * Turns an expected failure into the form's error (the values typed are sent back, so nothing
 * a person typed is lost); anything else is a bug and goes on to handleError.
 */
export function formFailure(
	error: unknown,
	values: Record<string, string> = {}
): ActionFailure<FormFailure> {
	if (!isAppError(error)) throw error;
	const safe = Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
	return fail(error.status, {
		action: values.action ?? null,
		message: error.message,
		fields: error.fields,
		values: safe
	});
}

export function jsonFailure(error: unknown): Response {
	if (!isAppError(error)) throw error;
	return json(
		{ error: { code: error.code, message: error.message, fields: error.fields } },
		{ status: error.status }
	);
}

/**
 * A JSON route's body, which must be one JSON object; with `optional`, an empty body is `{}`
 * (a DELETE or an action that needs nothing but may carry a clientMutationId).
 */
export async function readJsonObject(
	request: Request,
	options: { optional?: boolean } = {}
): Promise<Record<string, unknown>> {
	const text = await request.text().catch(() => '');
	if (options.optional && text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new AppError('invalid', m.err_body_not_json());
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new AppError('invalid', m.err_body_not_object());
	}
	return body as Record<string, unknown>;
}

type ApiEvent = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url'>;

/** The caller of a JSON route (see actorOf: a token is `api`, a person `manual`); 401 when signed out. */
export function apiActor(event: ApiEvent, options: { person?: boolean } = {}): RequestActor {
	return actorOf(event, options);
}

const mutation = z.object({ clientMutationId });

/** A write's command context: the caller and the body's clientMutationId (a retry is applied once). */
export function apiCommand(
	event: ApiEvent,
	body: Record<string, unknown>,
	options: { person?: boolean } = {}
): CommandContext & { actor: RequestActor } {
	const actor = apiActor(event, options);
	return { actor, clientMutationId: parse(mutation, body).clientMutationId ?? null };
}

/**
 * What every JSON endpoint does around its one command: any expected refusal becomes
 * `{ error: { code, message, fields } }` with its status; a bug goes on to handleError.
 */
export function endpoint<E extends RequestEvent>(work: (event: E) => Promise<Response>) {
	return async (event: E): Promise<Response> => {
		try {
			return await work(event);
		} catch (error) {
			return jsonFailure(error);
		}
	};
}

/**
 * A write's inputs: who acted (checked before the body is read: 401 before 400), the JSON
 * body with the `If-Match` version in it, and the command context with its clientMutationId.
 */
export async function writeOf(
	event: ApiEvent & Pick<RequestEvent, 'request'>,
	options: { person?: boolean; optionalBody?: boolean } = {}
) {
	apiActor(event, options);
	const raw = await readJsonObject(event.request, { optional: options.optionalBody });
	const body = withVersion(event.request, raw);
	return { body, context: apiCommand(event, body, options) };
}

/**
 * A JSON write, whole: who acted, the body, the one command, and 201 (200 for a replay). The
 * route says only which command, with which of its path's ids.
 */
export function writeEndpoint<E extends RequestEvent>(
	command: (
		context: CommandContext & { actor: RequestActor },
		body: Record<string, unknown>,
		event: E
	) => Promise<{ result: object; replayed: boolean }>,
	options: { person?: boolean; optionalBody?: boolean } = {}
) {
	return endpoint(async (event: E) => {
		const { context, body } = await writeOf(event, options);
		const { result, replayed } = await command(context, body, event);
		return written(result, replayed);
	});
}

/** A read's caller: the person or the token, for the query's own authorization. */
export function readerOf(event: ApiEvent) {
	return apiActor(event);
}

/** 200 with a result that is not a replayable write (a read, or a command without a mutation). */
export function answer(result: object, status = 200): Response {
	return json(result, { status });
}

/**
 * The version a write was made on: the `If-Match` header (`"3"` or `W/"3"`, as an ETag) or
 * the body's `version`. A body without either is applied to whatever is current.
 */
export function withVersion(request: Request, body: Record<string, unknown>) {
	const header = request.headers.get('if-match');
	if (header === null) return body;
	const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
	if (!match) {
		throw new AppError('invalid', m.err_if_match_invalid(), {
			'If-Match': m.val_if_match_invalid()
		});
	}
	return { ...body, version: Number(match[1]) };
}

/** 201 for a new write, 200 for a replay of one already applied. */
export function written(result: object, replayed: boolean): Response {
	return json({ ...result, replayed }, { status: replayed ? 200 : 201 });
}
