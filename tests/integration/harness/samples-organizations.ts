import { randomUUID } from 'node:crypto';
import { createApiToken } from '../../../src/lib/server/access/api-tokens';
import { createContact } from '../../../src/lib/server/contacts/commands';
import { db } from '../../../src/lib/server/db/db';
import { createInvite } from '../../../src/lib/server/organizations/invites';
import { createTemplate } from '../../../src/lib/server/runbooks/templates';
import { addMember } from '../setup';
import type { Sample, SampleContext } from './samples';
import { freshItem, SMALL_TEMPLATE } from './world';

/** Samples for an organization's own pages: members, tokens, audit, contacts, inventory, templates. */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });
const view = (ctx: SampleContext) => ({ params: org(ctx) });

async function freshContact(ctx: SampleContext): Promise<string> {
	const { result } = await createContact({ actor: owner(ctx) }, ctx.world.merchant, {
		providerName: 'DNS',
		name: 'Desk',
		email: 'desk@dns.example'
	});
	return result.contactId as string;
}

async function templateVersion(templateId: string): Promise<string> {
	const [row] = await db()<{ version: number }[]>`
		select version from runbook_templates where id = ${templateId}`;
	return String(row?.version ?? 1);
}

export const ORGANIZATION_SAMPLES: Record<string, Sample> = {
	'view /(app)/orgs/[id=uuid]': view,
	'action /(app)/orgs/[id=uuid] invite': (ctx) => ({ params: org(ctx), form: { role: 'viewer' } }),
	'action /(app)/orgs/[id=uuid] revokeInvite': async (ctx) => {
		const invite = await createInvite({ actor: owner(ctx) }, ctx.world.merchant, {
			role: 'viewer'
		});
		return { params: org(ctx), form: { inviteId: invite.inviteId } };
	},
	'action /(app)/orgs/[id=uuid] changeRole': async (ctx) => ({
		params: org(ctx),
		form: { userId: (await addMember(ctx.world.merchant, 'viewer')).userId, role: 'responder' }
	}),
	'action /(app)/orgs/[id=uuid] removeMember': async (ctx) => ({
		params: org(ctx),
		form: { userId: (await addMember(ctx.world.merchant, 'viewer')).userId }
	}),
	'action /(app)/orgs/[id=uuid] issueReset': async (ctx) => ({
		params: org(ctx),
		form: { userId: (await addMember(ctx.world.merchant, 'viewer')).userId }
	}),
	'view /(app)/orgs/[id=uuid]/audit': view,
	'GET /(app)/orgs/[id=uuid]/audit/export': view,
	'view /(app)/orgs/[id=uuid]/tokens': view,
	'action /(app)/orgs/[id=uuid]/tokens create': (ctx) => ({
		params: org(ctx),
		form: {
			name: 'Zabbix',
			role: 'viewer',
			expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)
		}
	}),
	'action /(app)/orgs/[id=uuid]/tokens revoke': async (ctx) => {
		const { tokenId } = await createApiToken({ actor: owner(ctx) }, ctx.world.merchant, {
			name: 'Old script',
			role: 'viewer'
		});
		return { params: org(ctx), form: { tokenId } };
	},
	'view /(app)/orgs/[id=uuid]/contacts': view,
	'action /(app)/orgs/[id=uuid]/contacts create': (ctx) => ({
		params: org(ctx),
		form: { providerName: 'PSP', name: 'Support', phones: '+33 1 00 00 00 00' }
	}),
	'action /(app)/orgs/[id=uuid]/contacts update': async (ctx) => ({
		params: org(ctx),
		form: {
			contactId: await freshContact(ctx),
			providerName: 'DNS',
			name: 'Desk 24/7',
			email: 'desk@dns.example'
		}
	}),
	'action /(app)/orgs/[id=uuid]/contacts delete': async (ctx) => ({
		params: org(ctx),
		form: { contactId: await freshContact(ctx) }
	}),
	'view /(app)/orgs/[id=uuid]/inventory': view,
	'action /(app)/orgs/[id=uuid]/inventory status': async (ctx) => ({
		params: org(ctx),
		form: { itemId: await freshItem(owner(ctx), ctx.world.merchant), status: 'down' }
	}),
	'view /(app)/orgs/[id=uuid]/inventory/[itemId=uuid]': (ctx) => ({
		params: { ...org(ctx), itemId: ctx.world.itemId }
	}),
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] update': async (ctx) => ({
		params: { ...org(ctx), itemId: await freshItem(owner(ctx), ctx.world.merchant) },
		form: { hostname: `db-${randomUUID().slice(0, 8)}`, version: '1' }
	}),
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] status': async (ctx) => {
		const itemId = await freshItem(owner(ctx), ctx.world.merchant);
		return { params: { ...org(ctx), itemId }, form: { itemId, status: 'rebuilding' } };
	},
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] delete': async (ctx) => ({
		params: { ...org(ctx), itemId: await freshItem(owner(ctx), ctx.world.merchant) },
		form: {}
	}),
	'view /(app)/orgs/[id=uuid]/inventory/import': view,
	'action /(app)/orgs/[id=uuid]/inventory/import default': (ctx) => ({
		params: org(ctx),
		form: { text: `hostname\nidx-${randomUUID().slice(0, 8)}\n` }
	}),
	'view /(app)/orgs/[id=uuid]/inventory/new': view,
	'action /(app)/orgs/[id=uuid]/inventory/new default': (ctx) => ({
		params: org(ctx),
		form: { hostname: `lb-${randomUUID().slice(0, 8)}` }
	}),
	'view /(app)/orgs/[id=uuid]/templates': view,
	'view /(app)/orgs/[id=uuid]/templates/[templateId=uuid]': (ctx) => ({
		params: { ...org(ctx), templateId: ctx.world.templateId }
	}),
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid] save': async (ctx) => {
		const { templateId } = (
			await createTemplate({ actor: owner(ctx) }, ctx.world.merchant, {
				name: `Template ${randomUUID().slice(0, 8)}`,
				body: SMALL_TEMPLATE
			})
		).result;
		return {
			params: { ...org(ctx), templateId },
			form: {
				name: `Saved ${randomUUID().slice(0, 8)}`,
				version: await templateVersion(templateId),
				'phase.0.title': 'Work',
				'step.0.0.key': 'only',
				'step.0.0.title': 'The only step',
				'step.0.0.ownerSide': 'provider',
				'step.0.0.plannedMinutes': '15'
			}
		};
	},
	'view /(app)/orgs/[id=uuid]/templates/new': view,
	'action /(app)/orgs/[id=uuid]/templates/new default': (ctx) => ({
		params: org(ctx),
		form: { name: `New ${randomUUID().slice(0, 8)}` }
	})
};
