import { randomUUID } from 'node:crypto';
import { createSession } from '../../../src/lib/server/auth/session';
import { createTemplate } from '../../../src/lib/server/runbooks/templates';
import type { RequestSpec } from './dispatch';
import { SAMPLES, type Sample, type SampleContext } from './samples';
import { SMALL_TEMPLATE } from './world';

/**
 * Samples for the JSON counterparts of the forms: most send what their form's sample sends,
 * as JSON, with the ids the form carries moved into the path.
 */

type Form = Record<string, string | string[]>;

/** The form sample of `key`, as JSON; `move` takes ids out of the body into the path. */
const like =
	(
		key: string,
		move: (form: Form) => { params?: Record<string, string>; json?: Form } = () => ({})
	): Sample =>
	async (ctx) => {
		const sample = SAMPLES[key];
		if (!sample) throw new Error(`No sample for ${key}`);
		const spec: RequestSpec = await sample(ctx);
		const form: Form = { ...(spec.form ?? {}) };
		const moved = move(form);
		return { params: { ...spec.params, ...moved.params }, json: moved.json ?? form };
	};

/** Takes `name` out of the form into the path as `param`. */
const toPath =
	(name: string, param: string = name, keep = false) =>
	(form: Form) => {
		const value = String(form[name] ?? '');
		if (!keep) delete form[name];
		return { params: { [param]: value }, json: form };
	};

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });

export const API_SAMPLES: Record<string, Sample> = {
	'POST /api/v1/orgs': like('action /(app)/dashboard createOrganization'),
	'GET /api/v1/orgs/[id=uuid]/members': (ctx) => ({ params: org(ctx), query: 'limit=2' }),
	'PATCH /api/v1/orgs/[id=uuid]/members/[userId=uuid]': like(
		'action /(app)/orgs/[id=uuid] changeRole',
		toPath('userId')
	),
	'DELETE /api/v1/orgs/[id=uuid]/members/[userId=uuid]': like(
		'action /(app)/orgs/[id=uuid] removeMember',
		toPath('userId')
	),
	'POST /api/v1/orgs/[id=uuid]/members/[userId=uuid]/password-reset': like(
		'action /(app)/orgs/[id=uuid] issueReset',
		toPath('userId')
	),
	'POST /api/v1/orgs/[id=uuid]/invites': like('action /(app)/orgs/[id=uuid] invite'),
	'DELETE /api/v1/orgs/[id=uuid]/invites/[inviteId=uuid]': like(
		'action /(app)/orgs/[id=uuid] revokeInvite',
		toPath('inviteId')
	),
	'GET /api/v1/orgs/[id=uuid]/tokens': (ctx) => ({ params: org(ctx) }),
	'POST /api/v1/orgs/[id=uuid]/tokens': like('action /(app)/orgs/[id=uuid]/tokens create'),
	'DELETE /api/v1/orgs/[id=uuid]/tokens/[tokenId=uuid]': like(
		'action /(app)/orgs/[id=uuid]/tokens revoke',
		toPath('tokenId')
	),
	'PUT /api/v1/orgs/[id=uuid]/sso': like('action /(app)/orgs/[id=uuid]/sso save'),
	'DELETE /api/v1/orgs/[id=uuid]/sso': like('action /(app)/orgs/[id=uuid]/sso remove'),
	'GET /api/v1/orgs/[id=uuid]/contacts': (ctx) => ({ params: org(ctx) }),
	'POST /api/v1/orgs/[id=uuid]/contacts': like('action /(app)/orgs/[id=uuid]/contacts create'),
	'PATCH /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]': like(
		'action /(app)/orgs/[id=uuid]/contacts update',
		toPath('contactId')
	),
	'DELETE /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]': like(
		'action /(app)/orgs/[id=uuid]/contacts delete',
		toPath('contactId')
	),
	'PATCH /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]': like(
		'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] update'
	),
	'DELETE /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]': like(
		'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] delete'
	),
	'POST /api/v1/orgs/[id=uuid]/inventory/import': like(
		'action /(app)/orgs/[id=uuid]/inventory/import default'
	),
	'GET /api/v1/orgs/[id=uuid]/templates': (ctx) => ({ params: org(ctx) }),
	'POST /api/v1/orgs/[id=uuid]/templates': like(
		'action /(app)/orgs/[id=uuid]/templates/new default'
	),
	'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/versions': async (ctx) => {
		const { templateId, version } = (
			await createTemplate({ actor: owner(ctx) }, ctx.world.merchant, {
				name: `Template ${randomUUID().slice(0, 8)}`,
				body: SMALL_TEMPLATE
			})
		).result;
		return {
			params: { ...org(ctx), templateId },
			headers: { 'if-match': `"${version}"` },
			json: { name: `Saved ${randomUUID().slice(0, 8)}`, body: SMALL_TEMPLATE }
		};
	},
	'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/drills': like(
		'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill start'
	),
	'PUT /api/v1/incidents/[id=uuid]/commander': like('action /(app)/incidents/[id=uuid] commander'),
	'PUT /api/v1/incidents/[id=uuid]/chat': (ctx) => ({
		params: { id: ctx.incidentId },
		json: { enabled: true }
	}),
	'POST /api/v1/incidents/[id=uuid]/pins': (ctx) => ({
		params: { id: ctx.incidentId },
		json: { seq: 1, pinned: true }
	}),
	'POST /api/v1/incidents/[id=uuid]/calls': like('action /(app)/incidents/[id=uuid] logCall'),
	'POST /api/v1/incidents/[id=uuid]/run': like('action /(app)/incidents/[id=uuid] startRun'),
	'POST /api/v1/incidents/[id=uuid]/servers/[itemId=uuid]/status': like(
		'action /(app)/incidents/[id=uuid] serverStatus',
		toPath('itemId')
	),
	'GET /api/v1/incidents/[id=uuid]/postmortem': async (ctx) => {
		const spec = await (SAMPLES['view /(app)/incidents/[id=uuid]/postmortem'] as Sample)(ctx);
		return { params: spec.params };
	},
	'POST /api/v1/incidents/[id=uuid]/postmortem': like(
		'action /(app)/incidents/[id=uuid]/postmortem create'
	),
	'POST /api/v1/incidents/[id=uuid]/postmortem/sections': like(
		'action /(app)/incidents/[id=uuid]/postmortem section'
	),
	'GET /api/v1/incidents/[id=uuid]/postmortem/refresh': async (ctx) => {
		const spec = await (SAMPLES['view /(app)/incidents/[id=uuid]/postmortem'] as Sample)(ctx);
		return { params: spec.params };
	},
	'POST /api/v1/incidents/[id=uuid]/postmortem/refresh': like(
		'action /(app)/incidents/[id=uuid]/postmortem refresh'
	),
	'POST /api/v1/incidents/[id=uuid]/postmortem/status': like(
		'action /(app)/incidents/[id=uuid]/postmortem move'
	),
	'POST /api/v1/incidents/[id=uuid]/postmortem/action-items': like(
		'action /(app)/incidents/[id=uuid]/postmortem addItem'
	),
	'PATCH /api/v1/action-items/[itemId=uuid]': like(
		'action /(app)/incidents/[id=uuid]/postmortem changeItem',
		toPath('itemId')
	),
	'DELETE /api/v1/action-items/[itemId=uuid]': like(
		'action /(app)/incidents/[id=uuid]/postmortem removeItem',
		toPath('itemId')
	),
	'PATCH /api/v1/account': like('action /(app)/account profile'),
	'POST /api/v1/account/password': like('action /(app)/account password'),
	'GET /api/v1/account/sessions': () => ({ params: {} }),
	'DELETE /api/v1/account/sessions': () => ({ params: {} }),
	'DELETE /api/v1/account/sessions/[sessionId]': async (ctx) => {
		const userId = ctx.who.person?.userId ?? owner(ctx).userId;
		const { session } = await createSession(userId, { userAgent: 'curl' });
		return { params: { sessionId: session.id } };
	}
};
