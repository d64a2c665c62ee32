import { z } from 'zod';
import { AppError } from './errors';

/**
 * Parses input with a schema; on failure throws one `invalid` AppError carrying a message per
 * field, so forms can show each next to its input and nothing is written.
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const key = issue.path.join('.') || 'form';
		fields[key] ??= issue.message;
	}
	const first = Object.entries(fields)[0];
	const summary = first
		? first[0] === 'form'
			? first[1]
			: `${first[0]}: ${first[1]}`
		: 'Invalid input.';
	throw new AppError('invalid', summary, fields);
}

export const uuid = z.string().uuid({ message: 'Not a valid id.' });
export const clientMutationId = uuid.optional().nullable();

/** Reads a form into a plain object: one value per name, trimmed; files are ignored. */
export function formObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string') out[key] = value;
	}
	return out;
}
