import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from '../../src/lib/server/errors';
import { isStorableText } from '../../src/lib/text/storable';
import { parse } from '../../src/lib/server/validation';

/**
 * Every input schema of the server (every zod schema a server module exports, found by
 * importing them all), fed random input: `parse` either returns something the database can
 * store, or throws one `invalid` AppError with messages by field. Never anything else: that
 * would be a 500.
 */
const modules = import.meta.glob<Record<string, unknown>>('../../src/lib/server/**/*.ts', {
	eager: true
});

const schemas = Object.entries(modules).flatMap(([file, module]) =>
	Object.entries(module)
		.filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
		.map(([name, schema]) => ({
			name: `${file.replace('../../src/lib/server/', '')} ${name}`,
			schema
		}))
);

/** Values people and scripts send: typed text, numbers as text, extremes, nested junk. */
const nasty = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 30 }),
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'a\u0000b',
		// Lone surrogates (jsonb refuses them) and line breaks (headers, `next`).
		'\ud800',
		'a\udc00b',
		'\udfff\ud800',
		'\r\n',
		'/x\r\nSet-Cookie: a=b',
		'/\t/evil.example',
		'0',
		'-1',
		'1e309',
		'NaN',
		'null',
		'true',
		'275760-09-13'
	),
	fc.constantFrom(
		'-271821-04-20T00:00:00Z',
		'9999-12-31T23:59:59Z',
		'2025-11-21T20:00',
		'00000000-0000-0000-0000-000000000000'
	),
	fc.uuid().map(String),
	fc.integer(),
	fc.double(),
	fc.bigInt().map(String),
	fc.boolean(),
	fc.constant(null),
	fc.date({ noInvalidDate: false }),
	fc.array(fc.string(), { maxLength: 4 }),
	fc.string({ minLength: 5000, maxLength: 30_000 }),
	fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
	// Any UTF-16 code units, so lone surrogates land anywhere in text and in keys.
	fc.string({ unit: 'binary' }),
	fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'binary' }), {
		maxKeys: 2
	})
);

function shapeOf(schema: z.ZodType): string[] {
	const shape = (schema as { shape?: Record<string, unknown> }).shape;
	return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

function storable(value: unknown): boolean {
	if (typeof value === 'string') return isStorableText(value);
	if (typeof value === 'number')
		return !Number.isInteger(value) || Math.abs(value) <= 2_147_483_647;
	if (value instanceof Date) {
		const year = value.getUTCFullYear();
		return year >= 1 && year <= 9999;
	}
	if (Array.isArray(value)) return value.every(storable);
	if (value && typeof value === 'object')
		return Object.entries(value).every(([key, item]) => isStorableText(key) && storable(item));
	return true;
}

function check(schema: z.ZodType, input: unknown) {
	try {
		expect(storable(parse(schema, input))).toBe(true);
	} catch (error) {
		if (!isAppError(error)) throw error;
		expect(error.code).toBe('invalid');
		expect(error.message.length).toBeGreaterThan(0);
		expect(Object.keys(error.fields).length).toBeGreaterThan(0);
	}
}

describe('every input schema, fed random input', () => {
	it('finds the server’s schemas', () => {
		expect(schemas.length).toBeGreaterThan(30);
	});

	for (const { name, schema } of schemas) {
		it(`${name}: anything is parsed to storable values or refused as invalid`, () => {
			fc.assert(
				fc.property(fc.anything(), (input) => check(schema, input)),
				{ numRuns: 200 }
			);
			const keys = shapeOf(schema);
			if (keys.length === 0) {
				fc.assert(
					fc.property(nasty, (input) => check(schema, input)),
					{ numRuns: 200 }
				);
				return;
			}
			const record = fc.record(Object.fromEntries(keys.map((k) => [k, nasty])), {
				requiredKeys: []
			});
			fc.assert(
				fc.property(record, (input) => check(schema, input)),
				{ numRuns: 300 }
			);
		});
	}
});
