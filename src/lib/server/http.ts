import { fail, json, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actor } from './access/actor';
import { AppError, isAppError } from './errors';
import type { CommandContext } from './events/command';
import { clientMutationId, parse } from './validation';

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

/** A JSON route's body, which must be one JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	const body: unknown = await request.json().catch(() => {
		throw new AppError('invalid', 'The request body must be JSON.');
	});
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new AppError('invalid', 'The request body must be a JSON object.');
	}
	return body as Record<string, unknown>;
}

type ApiEvent = Pick<RequestEvent, 'locals' | 'getClientAddress'>;

/** The caller of a JSON route, as commands record it (source `api`); 401 when signed out. */
export function apiActor(event: ApiEvent): Actor {
	const user = event.locals.user;
	if (!user) throw new AppError('unauthenticated', 'Sign in, or send an API token.');
	return {
		userId: user.id,
		name: user.displayName,
		address: event.getClientAddress(),
		source: 'api'
	};
}

const mutation = z.object({ clientMutationId });

/** A write's command context: the caller and the body's clientMutationId (a retry is applied once). */
export function apiCommand(event: ApiEvent, body: Record<string, unknown>): CommandContext {
	const actor = apiActor(event);
	return { actor, clientMutationId: parse(mutation, body).clientMutationId ?? null };
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
		throw new AppError('invalid', 'If-Match must name a version, like "3".', {
			'If-Match': 'Expected a version, like "3".'
		});
	}
	return { ...body, version: Number(match[1]) };
}

/** 201 for a new write, 200 for a replay of one already applied. */
export function written(result: object, replayed: boolean): Response {
	return json({ ...result, replayed }, { status: replayed ? 200 : 201 });
}
