import { randomUUID } from 'node:crypto';
import { issuePasswordReset } from '../../../src/lib/server/auth/password-reset';
import { db } from '../../../src/lib/server/db/db';
import { createOrganization } from '../../../src/lib/server/organizations/commands';
import { createInvite } from '../../../src/lib/server/organizations/invites';
import { startRun } from '../../../src/lib/server/runbooks/runs';
import { addMember, newUser, TEST_PASSWORD, uniqueEmail } from '../setup';
import type { RequestSpec } from './dispatch';
import { ALERT_SAMPLES } from './samples-alerts';
import { API_SAMPLES } from './samples-api';
import { NIGHT_SAMPLES } from './samples-night';
import { ORGANIZATION_SAMPLES } from './samples-organizations';
import { POSTMORTEM_SAMPLES } from './samples-postmortems';
import { SHARING_SAMPLES } from './samples-sharing';
import { SSO_SAMPLES } from './samples-sso';
import { freshIncident, freshItem, type Who, type World } from './world';

/**
 * A valid request for each handler: what an allowed person would send. Every call gets what
 * it needs fresh (an invite to revoke, a member to remove), so that an allowed call succeeds
 * and a refused one can only be refused for who sent it. A handler of the route table without
 * a sample here fails the authorization test, naming the handler.
 */
export interface SampleContext {
	world: World;
	who: Who;
	/** For incident routes: the incident under test (shared with the hoster, or not). */
	incidentId: string;
	shared: boolean;
	/** For stream routes: the stream under test. */
	streamId: string;
}

export type Sample = (ctx: SampleContext) => Promise<RequestSpec> | RequestSpec;

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });
const inc = (ctx: SampleContext) => ({ id: ctx.incidentId });
const freshShared = (ctx: SampleContext) =>
	freshIncident(owner(ctx), ctx.world.merchant, ctx.world.provider, ctx.shared);

async function stepVersion(stepId: string): Promise<string> {
	const [row] = await db()<
		{ version: number }[]
	>`select version from run_steps where id = ${stepId}`;
	return String(row?.version ?? 1);
}

/** An organization nobody under test belongs to: accepting its invite can only succeed. */
async function foreignInvite(): Promise<{ token: string }> {
	const host = await newUser('Inviting owner');
	const { organizationId } = (
		await createOrganization(host, { name: 'Inviting', kind: 'merchant' })
	).result;
	const invite = await createInvite({ actor: host }, organizationId, { role: 'viewer' });
	return { token: invite.token ?? '' };
}

const view =
	(params: (ctx: SampleContext) => Record<string, string> = () => ({})): Sample =>
	(ctx) => ({ params: params(ctx) });

export const SAMPLES: Record<string, Sample> = {
	'view /': view(),
	'view /(auth)/signin': () => ({ params: {}, query: 'next=/dashboard' }),
	'action /(auth)/signin default': async () => {
		const user = await newUser('Signing in');
		return { params: {}, form: { email: user.email, password: TEST_PASSWORD, next: '/dashboard' } };
	},
	'view /(auth)/signup': () => ({ params: {}, query: 'next=/dashboard' }),
	'action /(auth)/signup default': () => ({
		params: {},
		form: {
			email: uniqueEmail('signup'),
			displayName: 'New person',
			password: TEST_PASSWORD,
			timezone: 'Europe/Paris'
		}
	}),
	'view /(auth)/invite/[token]': async (ctx) => {
		const invite = await createInvite({ actor: owner(ctx) }, ctx.world.merchant, {
			role: 'viewer'
		});
		return { params: { token: invite.token ?? '' } };
	},
	'action /(auth)/invite/[token] accept': async () => ({ params: await foreignInvite() }),
	'action /(auth)/invite/[token] join': async () => ({
		params: await foreignInvite(),
		form: {
			email: uniqueEmail('joining'),
			displayName: 'Joining person',
			password: TEST_PASSWORD,
			timezone: 'Europe/Paris'
		}
	}),
	'view /(auth)/reset/[token]': async (ctx) => resetToken(ctx),
	'action /(auth)/reset/[token] default': async (ctx) => ({
		...(await resetToken(ctx)),
		form: { password: 'another long passphrase' }
	}),
	'view /signout': view(),
	'action /signout current': view(),
	'action /signout everywhere': view(),
	'view /theme': view(),
	'action /theme default': () => ({ params: {}, form: { theme: 'dark' } }),
	'GET /healthz': view(),
	'GET /readyz': view(),

	'view /(app)/dashboard': view(),
	'action /(app)/dashboard createOrganization': () => ({
		params: {},
		form: { name: 'Another shop', kind: 'merchant' }
	}),
	'view /(app)/account': view(),
	'action /(app)/account profile': (ctx) => ({
		params: {},
		form: { displayName: ctx.who.person?.name ?? 'Someone', timezone: 'Europe/Paris', locale: 'en' }
	}),
	'action /(app)/account password': () => ({
		params: {},
		form: { currentPassword: TEST_PASSWORD, password: TEST_PASSWORD }
	}),
	'view /(app)/incidents': view(),
	'view /(app)/incidents/new': view(),
	'action /(app)/incidents/new default': (ctx) => ({
		params: {},
		form: { organizationId: ctx.world.merchant, title: 'Payment pages slow', severity: 'SEV3' }
	}),

	'view /(app)/incidents/[id=uuid]': view(inc),
	'action /(app)/incidents/[id=uuid] status': (ctx) => ({
		params: inc(ctx),
		form: { status: 'investigating' }
	}),
	'action /(app)/incidents/[id=uuid] commander': (ctx) => ({
		params: inc(ctx),
		form: { userId: owner(ctx).userId }
	}),
	'action /(app)/incidents/[id=uuid] note': (ctx) => ({
		params: inc(ctx),
		form: { text: 'Called the NOC' }
	}),
	'action /(app)/incidents/[id=uuid] pin': (ctx) => ({
		params: inc(ctx),
		form: { seq: '1', pinned: 'true' }
	}),
	'action /(app)/incidents/[id=uuid] serverStatus': async (ctx) => {
		const incidentId = await freshShared(ctx);
		const itemId = await freshItem(owner(ctx), ctx.world.merchant);
		await db()`insert into incident_items (incident_id, item_id) values (${incidentId}, ${itemId})`;
		return { params: { id: incidentId }, form: { itemId, status: 'down' } };
	},
	'action /(app)/incidents/[id=uuid] step': async (ctx) => {
		const stepId = ctx.shared ? (ctx.world.stepIds[0] ?? '') : await unsharedStep(ctx);
		return {
			params: inc(ctx),
			form: { stepId, version: await stepVersion(stepId), action: 'note', note: 'On it' }
		};
	},
	'action /(app)/incidents/[id=uuid] startRun': async (ctx) => ({
		params: { id: await freshShared(ctx) },
		form: { templateId: ctx.world.templateId }
	}),
	'action /(app)/incidents/[id=uuid] logCall': (ctx) => ({
		params: inc(ctx),
		form: { contactId: ctx.world.contactId, outcome: 'Reached the NOC' }
	}),

	'GET /api/v1/incidents/[id=uuid]/run': view(inc),
	'GET /api/v1/incidents/[id=uuid]/timeline': (ctx) => ({
		params: inc(ctx),
		query: 'group=notes&limit=20'
	}),
	'POST /api/v1/incidents/[id=uuid]/notes': (ctx) => ({
		params: inc(ctx),
		json: { text: 'Rebuild of web03 started', kind: 'note' }
	}),
	'POST /api/v1/incidents/[id=uuid]/steps/[stepId=uuid]': async (ctx) => {
		const stepId = ctx.shared ? (ctx.world.stepIds[0] ?? '') : await unsharedStep(ctx);
		return {
			params: { ...inc(ctx), stepId },
			json: { action: 'note', note: 'From the API', version: Number(await stepVersion(stepId)) }
		};
	},
	'GET /api/v1/orgs/[id=uuid]/inventory': view(org),
	'POST /api/v1/orgs/[id=uuid]/inventory': (ctx) => ({
		params: org(ctx),
		json: { hostname: `api-${randomUUID().slice(0, 8)}` }
	}),
	'POST /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status': async (ctx) => ({
		params: { ...org(ctx), itemId: await freshItem(owner(ctx), ctx.world.merchant) },
		json: { status: 'up' }
	}),
	'GET /api/v1/streams/[id=uuid]/events': (ctx) => ({
		params: { id: ctx.streamId },
		query: 'after=0'
	}),
	...ORGANIZATION_SAMPLES,
	...POSTMORTEM_SAMPLES,
	...ALERT_SAMPLES,
	...SSO_SAMPLES,
	...SHARING_SAMPLES,
	...API_SAMPLES,
	...NIGHT_SAMPLES
};

async function resetToken(ctx: SampleContext): Promise<RequestSpec> {
	const member = await addMember(ctx.world.merchant, 'viewer');
	const reset = await issuePasswordReset({ actor: owner(ctx) }, ctx.world.merchant, member.userId);
	return { params: { token: reset.token ?? '' } };
}

/** A step of the unshared incident's run (started once, on first use). */
async function unsharedStep(ctx: SampleContext): Promise<string> {
	const find = () => db()<{ id: string }[]>`
		select s.id from run_steps s join runbook_runs r on r.id = s.run_id
		where r.incident_id = ${ctx.incidentId} order by s.position limit 1`;
	let [row] = await find();
	if (!row) {
		await startRun({ actor: owner(ctx) }, ctx.incidentId, { templateId: ctx.world.templateId });
		[row] = await find();
	}
	return row?.id ?? '';
}
