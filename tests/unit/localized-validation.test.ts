import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseLocale, getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { declareInput } from '../../src/lib/server/incidents/schemas';
import { parse } from '../../src/lib/server/validation';

/**
 * Schemas are built once, when their module loads; their messages are functions evaluated at
 * parse time, so one schema answers each reader in their language.
 */

const original = getLocale;
function readIn(locale: Locale) {
	overwriteGetLocale(() => locale);
}
afterEach(() => overwriteGetLocale(original));

function refusal(input: unknown): { message: string; fields: Record<string, string> } {
	try {
		parse(declareInput, input);
	} catch (error) {
		if (error instanceof Error && 'fields' in error) {
			return { message: error.message, fields: error.fields as Record<string, string> };
		}
		throw error;
	}
	throw new Error('parsed');
}

describe('validation messages follow the reader’s locale at parse time', () => {
	it('the default locale is English', () => {
		expect(baseLocale).toBe('en');
		expect(refusal({ title: 'x', severity: 'SEV1' }).fields.title).toBe(
			'Use at least 3 characters for the title.'
		);
	});

	it('the same schema answers in French, then in English again', () => {
		readIn('fr');
		const french = refusal({ title: 'x', severity: 'SEV9' });
		expect(french.fields).toMatchObject({
			title: 'Utilisez au moins 3 caractères pour le titre.',
			severity: 'Choisissez une gravité de SEV1 à SEV4.'
		});
		expect(french.message).toBe('title: Utilisez au moins 3 caractères pour le titre.');
		readIn('en');
		expect(refusal({ title: 'x', severity: 'SEV9' }).fields).toMatchObject({
			title: 'Use at least 3 characters for the title.',
			severity: 'Choose a severity from SEV1 to SEV4.'
		});
	});

	it('parameters are filled in both languages', () => {
		const long = { title: 'Shop down', severity: 'SEV1', summary: 'x'.repeat(4001) };
		expect(refusal(long).fields.summary).toBe('Use at most 4000 characters for what is affected.');
		readIn('fr');
		expect(refusal(long).fields.summary).toBe(
			'Utilisez au plus 4000 caractères pour ce qui est touché.'
		);
	});

	it('zod’s own messages (no custom text) are localized too', () => {
		const schema = z.object({ count: z.number() });
		readIn('fr');
		expect(() => parse(schema, { count: 'three' })).toThrow(
			/^count: Entrée invalide : nombre attendu, chaîne de caractères reçu$/
		);
		readIn('en');
		expect(() => parse(schema, { count: 'three' })).toThrow(
			/^count: Invalid input: expected number, received string$/
		);
	});

	it('a lazy error function on a check is called at parse time, not when the schema is built', () => {
		const schema = z.string().min(2, { error: () => m.val_invalid_input() });
		readIn('fr');
		expect(schema.safeParse('x').error?.issues[0]?.message).toBe('Saisie invalide.');
		readIn('en');
		expect(schema.safeParse('x').error?.issues[0]?.message).toBe('Invalid input.');
	});
});
