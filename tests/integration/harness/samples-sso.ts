import { createSession } from '../../../src/lib/server/auth/session';
import { saveProvider } from '../../../src/lib/server/sso/providers';
import { startTestProvider, type TestProvider } from '../../oidc/test-provider';
import { newOrganization, newUser } from '../setup';
import type { Sample, SampleContext } from './samples';

/** Samples for sign-in through an identity provider, its settings, and one's sessions. */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });

// One real provider for the run, started when a sample first needs it (left to the process end).
let provider: Promise<TestProvider> | undefined;
const liveProvider = () =>
	(provider ??= startTestProvider({
		redirectUris: ['http://nightshift.test/sso/callback'],
		postLogoutRedirectUris: ['http://nightshift.test/signin'],
		detached: true
	}));

const SETTINGS = {
	displayName: 'Sample ID',
	issuer: 'https://id.example.test/realms/sample',
	clientId: 'nightshift',
	emailDomains: 'sso-sample.test',
	groupsClaim: 'groups',
	groupRoles: 'nightshift-admins = admin',
	defaultRole: 'viewer'
};

export const SSO_SAMPLES: Record<string, Sample> = {
	'view /(auth)/sso/[id=uuid]': async () => {
		const idp = await liveProvider();
		const host = await newUser('SSO owner');
		const organizationId = await newOrganization(host);
		const { result } = await saveProvider(host, organizationId, {
			...SETTINGS,
			issuer: idp.issuer,
			clientId: idp.clientId
		});
		return { params: { id: result.providerId } };
	},
	'view /(auth)/sso/callback': () => ({ params: {} }),
	'view /signout/provider': () => ({ params: {} }),
	'GET /sso/discover': () => ({ params: {}, query: 'email=someone%40sso-sample.test' }),
	'view /(app)/orgs/[id=uuid]/sso': (ctx) => ({ params: org(ctx) }),
	'action /(app)/orgs/[id=uuid]/sso save': (ctx) => ({ params: org(ctx), form: SETTINGS }),
	'action /(app)/orgs/[id=uuid]/sso remove': async (ctx) => {
		await saveProvider(owner(ctx), ctx.world.merchant, SETTINGS);
		return { params: org(ctx) };
	},
	'action /(app)/account endSession': async (ctx) => {
		// Another session of the caller's own, to sign out from the account page.
		const userId = ctx.who.person?.userId ?? owner(ctx).userId;
		const { session } = await createSession(userId, { userAgent: 'Firefox on Linux' });
		return { params: {}, form: { sessionId: session.id } };
	},
	'action /(app)/account endOtherSessions': () => ({ params: {} }),
	'action /(app)/account mailPreferences': () => ({
		params: {},
		form: { approval_requested: 'on', step_assigned: 'on' }
	}),
	'GET /api/v1/account/mail-preferences': () => ({ params: {} }),
	'PUT /api/v1/account/mail-preferences': () => ({
		params: {},
		json: { approval_requested: true, incident_shared: false }
	}),
	'view /(auth)/forgot': () => ({ params: {} }),
	'action /(auth)/forgot default': () => ({
		params: {},
		form: { email: 'nobody-here@example.test' }
	})
};
