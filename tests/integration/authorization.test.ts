import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/lib/server/access/permissions';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { ROUTE_PERMISSIONS, type RouteScope } from './harness/route-permission-oracle';
import { createSession } from '../../src/lib/server/auth/session';
import { call, type Answer } from './harness/dispatch';
import { discoverHandlers, type Handler } from './harness/routes';
import { SAMPLES, type SampleContext } from './harness/samples';
import { atLeast, buildWorld, roleIn, type Who, type World } from './harness/world';
import { useTestDatabase } from './setup';

/**
 * Generated from the one permission table: every page, form action and JSON endpoint found
 * under src/routes is called through the app's real hook, with real sessions and API tokens,
 * as each role of the merchant and of its hoster, as an outsider and signed out, and must be
 * allowed or refused exactly as ROUTE_PERMISSIONS and PERMISSIONS say.
 */

useTestDatabase();
const handlers = await discoverHandlers();
let world: World;

beforeAll(async () => {
	await resetRateLimits();
	world = await buildWorld();
}, 120_000);

interface Target {
	label: string;
	/** The organizations whose members may act (through their own role). */
	participants: (w: World) => string[];
	incident?: (w: World) => string;
	stream?: (w: World) => string;
	shared: boolean;
	/** Who is run against this target (the unshared incident only matters for the hoster). */
	only?: (who: Who) => boolean;
}

const MERCHANT: Target = { label: 'merchant', participants: (w) => [w.merchant], shared: false };
const SHARED: Target = {
	label: 'incident shared with the hoster',
	participants: (w) => [w.merchant, w.provider],
	incident: (w) => w.shared,
	stream: (w) => w.shared,
	shared: true
};
const UNSHARED: Target = {
	label: 'incident not shared',
	participants: (w) => [w.merchant],
	incident: (w) => w.unshared,
	stream: (w) => w.unshared,
	shared: false,
	only: (who) => who.side === 'provider'
};
const ORGANIZATION_STREAM: Target = {
	label: 'organization stream',
	participants: (w) => [w.merchant],
	stream: (w) => w.merchant,
	shared: false
};

function targetsOf(access: RouteScope): Target[] {
	if (['incident', 'incident_owner', 'body_incident'].includes(access.scope))
		return [SHARED, UNSHARED];
	if (access.scope === 'stream') return [SHARED, UNSHARED, ORGANIZATION_STREAM];
	return [MERCHANT];
}

const isApi = (handler: Handler) => handler.routeId.startsWith('/api/');

/** What the table says: may this actor use this handler on this target? */
function expectAllowed(handler: Handler, access: RouteScope, who: Who, target: Target): boolean {
	if (access.scope === 'public') return true;
	if (access.scope === 'api_token') return who.kind === 'token';
	// Tokens are for machines on the JSON API; pages and forms are for people.
	if (who.kind === 'anonymous' || (who.kind === 'token' && !isApi(handler))) return false;
	if (access.scope === 'signed_in') return who.kind === 'person';
	const owners = access.scope === 'incident_owner' ? [world.merchant] : target.participants(world);
	return atLeast(roleIn(world, who, owners), PERMISSIONS[access.permission]);
}

type Outcome = 'allowed' | 'refused' | string;

function classify(answer: Answer, access: RouteScope): Outcome {
	if (answer.status >= 500) return `error ${answer.status}: ${answer.body.slice(0, 300)}`;
	if (access.scope === 'public') return answer.status < 400 ? 'allowed' : 'refused';
	if ([401, 403, 404].includes(answer.status)) return 'refused';
	if (answer.status === 303 && answer.location?.startsWith('/signin')) return 'refused';
	if (answer.status < 400) return 'allowed';
	return `unexpected ${answer.status}: ${answer.body.slice(0, 300)}`;
}

async function renewSession(who: Who) {
	if (who.person) who.person.session = (await createSession(who.person.userId)).token;
}

describe('the route permission table', () => {
	it('names every page, form action and endpoint found under src/routes, and nothing else', () => {
		const found = handlers.map((h) => h.key);
		expect(
			found.filter((key) => !(key in ROUTE_PERMISSIONS)),
			'handlers missing from tests/integration/harness/route-permission-oracle.ts'
		).toEqual([]);
		expect(
			Object.keys(ROUTE_PERMISSIONS).filter((key) => !found.includes(key)),
			'entries of ROUTE_PERMISSIONS without a handler'
		).toEqual([]);
	});

	it('has a valid sample request for every handler (tests/integration/harness/samples.ts)', () => {
		expect(handlers.map((h) => h.key).filter((key) => !SAMPLES[key])).toEqual([]);
	});
});

describe('every handler, for each role, for the hoster, for outsiders and signed out', () => {
	for (const handler of handlers) {
		const access = ROUTE_PERMISSIONS[handler.key];
		const sample = SAMPLES[handler.key];
		if (!access || !sample) continue;
		const rule =
			access.scope === 'public' || access.scope === 'signed_in' || access.scope === 'api_token'
				? access.scope
				: `${access.scope}: ${access.permission} (${PERMISSIONS[access.permission]}+)`;
		it(`${handler.key} — ${rule}`, async () => {
			const mismatches: string[] = [];
			for (const target of targetsOf(access)) {
				for (const who of [...world.actors, ...world.tokens]) {
					if (target.only && !target.only(who)) continue;
					const context: SampleContext = {
						world,
						who,
						incidentId: target.incident?.(world) ?? world.shared,
						shared: target.shared,
						streamId: target.stream?.(world) ?? world.merchant
					};
					const spec = await sample(context);
					const answer = await call(handler, spec, {
						session: who.person?.session,
						bearer: who.bearer
					});
					if (handler.key.startsWith('action /signout')) await renewSession(who);
					const expected = expectAllowed(handler, access, who, target) ? 'allowed' : 'refused';
					const got = classify(answer, access);
					if (got !== expected) {
						mismatches.push(`${who.label} on ${target.label}: expected ${expected}, got ${got}`);
					}
				}
			}
			expect(mismatches).toEqual([]);
		}, 60_000);
	}
});
