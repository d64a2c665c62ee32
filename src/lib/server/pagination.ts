import { z } from 'zod';
import { AppError } from './errors';
import { parse } from './validation';
import { m } from '$lib/paraglide/messages';

/**
 * Cursor pagination for every list of the JSON API: `?limit=&cursor=`, answered with
 * `nextCursor` (null on the last page). A cursor is the sort key of the last row returned,
 * opaque to clients (base64url of JSON), so a page never repeats or skips a row that was
 * there when the first page was read.
 */
export const pageQuery = z.object({
	limit: z.coerce
		.number({ error: () => m.val_limit_number() })
		.int({ error: () => m.val_limit_integer() })
		.min(1, { error: () => m.val_limit_min() })
		.max(200, { error: () => m.val_limit_max() })
		.default(50),
	cursor: z
		.string()
		.max(512, { error: () => m.val_cursor_invalid() })
		.optional()
});
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

export function encodeCursor(key: readonly (string | number)[]): string {
	return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in a cursor, checked against the shape the list expects. */
export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined) {
	if (cursor === undefined || cursor === '') return null;
	let raw: unknown;
	try {
		raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
	} catch {
		raw = undefined;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		throw new AppError('invalid', m.val_cursor_invalid(), {
			cursor: m.val_cursor_invalid()
		});
	}
	return parsed.data as z.infer<T>;
}

/** Rows fetched with limit + 1: the extra one says there is a next page. */
export function pageOf<T>(
	rows: T[],
	limit: number,
	keyOf: (row: T) => (string | number)[]
): Page<T> {
	const items = rows.slice(0, limit);
	const last = items.at(-1);
	return {
		items,
		nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null
	};
}

/** Reads `limit` and `cursor` from a URL's query. */
export function pageQueryOf(url: URL): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of ['limit', 'cursor']) {
		const value = url.searchParams.get(key);
		if (value !== null) out[key] = value;
	}
	return out;
}

type Key = (string | number)[];

function compareKeys(a: Key, b: Key): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const x = a[i] ?? '';
		const y = b[i] ?? '';
		if (x === y) continue;
		return x < y ? -1 : 1;
	}
	return 0;
}

const listKey = z.array(z.union([z.string(), z.number()])).min(1);

/**
 * One page of a list read whole (the lists of one organization: members, tokens, contacts,
 * inventory), in the order of `keyOf` (whose last part should be the id, so keys are unique):
 * the rows after the cursor's key, so a row added or removed meanwhile shifts nothing.
 */
export function pageOfList<T>(all: T[], input: unknown, keyOf: (row: T) => Key): Page<T> {
	const { limit, cursor } = parse(pageQuery, input);
	const after = decodeCursor(listKey, cursor);
	const sorted = all
		.map((row) => ({ row, key: keyOf(row) }))
		.sort((a, b) => compareKeys(a.key, b.key));
	const rest = after ? sorted.filter((r) => compareKeys(r.key, after) > 0) : sorted;
	const page = pageOf(rest, limit, (r) => r.key);
	return { items: page.items.map((r) => r.row), nextCursor: page.nextCursor };
}
