import { fail, json, type ActionFailure } from '@sveltejs/kit';
import { AppError, isAppError } from './errors';

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
