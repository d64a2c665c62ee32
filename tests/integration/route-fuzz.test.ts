import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { createSession } from '../../src/lib/server/auth/session';
import { db } from '../../src/lib/server/db/db';
import { call, type RequestSpec } from './harness/dispatch';
import { discoverHandlers, type Handler } from './harness/routes';
import { SAMPLES } from './harness/samples';
import { buildWorld, type Who, type World } from './harness/world';
import { useTestDatabase } from './setup';

/**
 * Property: whatever arrives at a page, form action or JSON endpoint (found under src/routes),
 * sent by someone allowed to use it, the answer is never a 500, and a refused request writes
 * nothing at all. Inputs start from a valid request and have their fields replaced by random
 * text, numbers, extremes and junk, or the whole body replaced.
 */

useTestDatabase();
const handlers = await discoverHandlers();
let world: World;
let owner: Who;

beforeAll(async () => {
	await resetRateLimits();
	world = await buildWorld();
	owner = world.actors.find((w) => w.label === 'merchant owner') as Who;
}, 120_000);

const text = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.string({ minLength: 5000, maxLength: 20_000 }),
	fc.constantFrom(
		'',
		'\u0000',
		'x\u0000y',
		// Lone surrogates (PostgreSQL refuses them in jsonb) and line breaks (headers, `next`).
		'\ud800',
		'a\udc00b',
		'\udfff\ud800',
		'\r\n',
		'/x\r\nSet-Cookie: a=b',
		'/\t/evil.example',
		'//evil.example',
		'/\\evil.example',
		'javascript:alert(1)',
		'/%09/evil.example',
		// Imports whose escapes decode to what cannot be stored (JSON), or carry it raw (CSV).
		'[{"hostname":"web01\\u0000"}]',
		'[{"hostname":"\\ud800"}]',
		'{"items":[{"hostname":"a","tags":["\\udc00"]}]}',
		'hostname\nweb\u000001\n',
		'hostname,notes\r\nweb01,"a\r\nb"\r\n',
		'é中\u2028',
		'-1',
		'0',
		'1e309',
		'99999999999999999999',
		'NaN',
		'-271821-04-20T00:00',
		'275760-09-13T00:00',
		'2025-02-30T25:61',
		'00000000-0000-0000-0000-000000000000',
		'<script>alert(1)</script>',
		"'; drop table users; --"
	),
	fc.uuid().map(String),
	fc.integer().map(String)
);

const jsonValue = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.integer());

function formMutation(
	base: Record<string, string | string[]>
): fc.Arbitrary<Record<string, string | string[]>> {
	const keys = Object.keys(base);
	const value = (key: string) =>
		fc.oneof(
			fc.constant(base[key] as string | string[]),
			text,
			fc.array(text, { minLength: 2, maxLength: 3 })
		);
	return fc
		.tuple(
			fc.record(Object.fromEntries(keys.map((k) => [k, value(k)])), { requiredKeys: [] }),
			fc.dictionary(fc.string({ maxLength: 12 }), text, { maxKeys: 2 })
		)
		.map(([known, extra]) => {
			const form: Record<string, string | string[]> = { ...extra };
			for (const [key, value] of Object.entries(known)) if (value !== undefined) form[key] = value;
			return form;
		});
}

function mutations(base: RequestSpec): fc.Arbitrary<RequestSpec> {
	if (base.json !== undefined) {
		const fields =
			base.json && typeof base.json === 'object' ? (base.json as Record<string, unknown>) : {};
		const keys = Object.keys(fields);
		const record = fc.record(
			Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.constant(fields[k]), jsonValue)])),
			{ requiredKeys: [] }
		);
		return fc.oneof(
			record.map((json) => ({ ...base, json })),
			jsonValue.map((json) => ({ ...base, json })),
			fc.string({ maxLength: 50 }).map((body) => ({ ...base, json: null, body })),
			// A JSON text whose escapes decode to what cannot be stored.
			fc.constantFrom('\\u0000', '\\ud800', '\\udc00x', 'a\\r\\nb').map((escape) => ({
				...base,
				json: null,
				body: `{"text":"${escape}","reason":"${escape}"}`
			}))
		);
	}
	// Random names, and the names routes read (so `next`, `q` and `tag` get hostile values too).
	const queryName = fc.oneof(
		fc.string({ maxLength: 10 }),
		fc.constantFrom('next', 'q', 'tag', 'cursor', 'limit', 'status')
	);
	const query = fc
		.dictionary(queryName, text, { maxKeys: 3 })
		.map((q) => new URLSearchParams(q as Record<string, string>).toString());
	const withQuery = (q: string) => [base.query, q].filter(Boolean).join('&');
	if (base.form === undefined) return query.map((q) => ({ ...base, query: withQuery(q) }));
	// Sometimes an uploaded file too (an import), whose content is hostile text.
	const files = fc.option(
		fc
			.tuple(fc.constantFrom('items.json', 'items.csv', 'x\u0000.json'), text)
			.map(([name, content]) => ({ file: { name, content } })),
		{ nil: undefined }
	);
	return fc
		.tuple(formMutation(base.form), query, files)
		.map(([form, q, file]) => ({ ...base, form, files: file, query: withQuery(q) }));
}

/** Everything a command writes: rows of each table and every stream's sequence number. */
async function fingerprint(): Promise<string> {
	const [row] = await db()`
		select
			(select coalesce(sum(last_seq), 0) from streams) as seqs,
			(select count(*) from users) as users,
			(select coalesce(sum(version), 0) from users) as user_versions,
			(select count(*) from organizations) as organizations,
			(select count(*) from memberships) as memberships,
			(select coalesce(sum(version), 0) from memberships) as membership_versions,
			(select count(*) from invites where revoked_at is null and accepted_at is null) as invites,
			(select count(*) from password_resets where used_at is null) as resets,
			(select count(*) from incidents) as incidents,
			(select coalesce(sum(version), 0) from incidents) as incident_versions,
			(select count(*) from incident_organizations) as shares,
			(select count(*) from incident_items) as links,
			(select count(*) from inventory_items) as items,
			(select coalesce(sum(version), 0) from inventory_items) as item_versions,
			(select count(*) from provider_contacts) as contacts,
			(select count(*) from runbook_template_versions) as template_versions,
			(select count(*) from run_steps) as steps,
			(select coalesce(sum(version), 0) from run_steps) as step_versions,
			(select count(*) from api_tokens where revoked_at is null) as tokens,
			(select count(*) from client_mutations) as mutations`;
	return JSON.stringify(row);
}

// Views with parameters, and the sign-in and sign-up pages (they redirect to `next`).
const fuzzed = (handler: Handler) =>
	handler.kind !== 'view' ||
	handler.routeId.includes('[') ||
	handler.routeId.startsWith('/(auth)/sign');

describe('random input to every route', () => {
	for (const handler of handlers.filter(fuzzed)) {
		const sample = SAMPLES[handler.key];
		if (!sample) continue;
		it(`${handler.key}: never a 500, and a refusal writes nothing`, async () => {
			const base = await sample({
				world,
				who: owner,
				incidentId: world.shared,
				shared: true,
				streamId: world.shared
			});
			await fc.assert(
				fc.asyncProperty(mutations(base), async (spec) => {
					const before = await fingerprint();
					const answer = await call(handler, spec, { session: owner.person?.session });
					if (handler.key.startsWith('action /signout') && owner.person) {
						owner.person.session = (await createSession(owner.person.userId)).token;
					}
					expect(answer.status, answer.body.slice(0, 500)).toBeLessThan(500);
					// Sign-in and sign-up send people on to `next`: only ever a path of this app.
					if (handler.routeId.startsWith('/(auth)/sign') && answer.location !== null)
						expect(answer.location).toMatch(/^\/(?![/\\])[^\s]*$/);
					if (answer.status >= 400) expect(await fingerprint()).toBe(before);
				}),
				{ numRuns: Number(process.env.FUZZ_RUNS ?? 25) }
			);
		}, 120_000);
	}
});
