import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { isAppError } from '../../src/lib/server/errors';
import { checkSsoSession } from '../../src/lib/server/sso/check';
import { SsoError } from '../../src/lib/server/sso/client';
import { findProvidersForEmail, saveProvider } from '../../src/lib/server/sso/providers';
import {
	beginSsoSignIn,
	completeSsoSignIn,
	providerSignOutUrl
} from '../../src/lib/server/sso/sign-in';
import { signInAtProvider, startTestProvider, type TestProvider } from '../oidc/test-provider';
import { call } from './harness/dispatch';
import { discoverHandlers } from './harness/routes';
import { addMember, newOrganization, newUser, TEST_PASSWORD, useTestDatabase } from './setup';

// The key that encrypts client secrets and refresh tokens, as the server reads it.
process.env.SSO_SECRET_KEY ??= randomBytes(32).toString('base64');

const sql = useTestDatabase();
const ORIGIN = 'http://nightshift.test';
const REDIRECT_URI = `${ORIGIN}/sso/callback`;
const CONTEXT = { address: '127.0.0.1', userAgent: 'vitest' };

let idp: TestProvider;
let domain: string;
let owner: Awaited<ReturnType<typeof newUser>>;
let organizationId: string;
let providerId: string;

beforeAll(async () => {
	idp = await startTestProvider({
		redirectUris: [REDIRECT_URI],
		postLogoutRedirectUris: [`${ORIGIN}/signin`]
	});
});
afterAll(async () => {
	await idp?.close();
});

/** A fresh organization with its provider: admins and responders by group, nobody else. */
async function configure(overrides: Record<string, string> = {}) {
	domain = `acme-${randomBytes(3).toString('hex')}.test`;
	owner = await newUser('Owner');
	organizationId = await newOrganization(owner);
	const { result } = await saveProvider(owner, organizationId, {
		displayName: 'Acme ID',
		issuer: idp.issuer,
		clientId: idp.clientId,
		clientSecret: idp.clientSecret,
		emailDomains: domain,
		groupsClaim: 'groups',
		groupRoles: 'nightshift-admins = admin\nnightshift-responders = responder',
		defaultRole: '',
		...overrides
	});
	providerId = result.providerId;
}

beforeEach(async () => {
	idp.tamper = null;
	await resetRateLimits();
	await configure();
});

/** The whole flow as a browser makes it: start, the provider's pages, the callback. */
async function startAndReturn(sub: string) {
	const started = await beginSsoSignIn(providerId, ORIGIN, { next: '/dashboard' });
	const back = await signInAtProvider(started.url, sub, REDIRECT_URI);
	return { started, back };
}

async function ssoSignIn(sub: string) {
	const { started, back } = await startAndReturn(sub);
	return completeSsoSignIn(back, started.state, CONTEXT);
}

async function refusal(promise: Promise<unknown>): Promise<SsoError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof SsoError)) throw new Error(`expected a refusal, got ${String(error)}`);
	return error;
}

async function roleOf(userId: string): Promise<string | null> {
	const [row] = await sql()<{ role: string }[]>`
		select role from memberships where organization_id = ${organizationId} and user_id = ${userId}`;
	return row?.role ?? null;
}

async function authKinds(where: { userId?: string; organizationId?: string }) {
	const rows = await sql()<{ kind: string; detail: string | null }[]>`
		select kind, detail from auth_events
		where (${where.userId ?? null}::uuid is null or user_id = ${where.userId ?? null}::uuid)
			and (${where.organizationId ?? null}::uuid is null or organization_id = ${where.organizationId ?? null}::uuid)
		order by id`;
	return rows.map((r) => (r.detail ? `${r.kind}:${r.detail}` : r.kind));
}

describe('sign-in through the organization’s identity provider', () => {
	it('offers the provider to addresses of its domains only', async () => {
		expect((await findProvidersForEmail(`x@${domain}`)).map((p) => p.id)).toEqual([providerId]);
		expect(await findProvidersForEmail('x@elsewhere.test')).toEqual([]);
		const [row] = await sql()<{ client_secret_encrypted: Uint8Array }[]>`
			select client_secret_encrypted from identity_providers where id = ${providerId}`;
		expect(Buffer.from(row?.client_secret_encrypted ?? []).toString('latin1')).not.toContain(
			idp.clientSecret
		);
	});

	it('provisions the account at the first sign-in, with the role of its group', async () => {
		const alice = idp.addAccount({ email: `alice@${domain}`, groups: ['nightshift-admins'] });
		const signedIn = await ssoSignIn(alice.sub);
		const [user] = await sql()<{ id: string; email: string; display_name: string }[]>`
			select id, email, display_name from users where id = ${signedIn.userId}`;
		expect(user?.email).toBe(alice.email);
		expect(await roleOf(signedIn.userId)).toBe('admin');
		const found = await validateSessionToken(signedIn.token);
		expect(found?.user.id).toBe(signedIn.userId);
		expect(found?.session.sso?.providerId).toBe(providerId);
		expect(signedIn.next).toBe('/dashboard');
		expect(await authKinds({ userId: signedIn.userId })).toEqual([
			'sso_provisioned:Acme ID',
			'sso_sign_in:Acme ID'
		]);
	});

	it('signs the same person into the same account the second time, with the role the provider now gives', async () => {
		const dan = idp.addAccount({ email: `dan@${domain}`, groups: ['nightshift-admins'] });
		const first = await ssoSignIn(dan.sub);
		dan.groups = ['nightshift-responders'];
		const second = await ssoSignIn(dan.sub);
		expect(second.userId).toBe(first.userId);
		expect(await roleOf(second.userId)).toBe('responder');
		const [count] = await sql()<{ n: number }[]>`
			select count(*)::int as n from users where lower(email) = ${dan.email}`;
		expect(count?.n).toBe(1);
	});

	it('links to an existing account when the provider verified its e-mail', async () => {
		const existing = await newUser('Bob');
		const email = `bob-${randomBytes(2).toString('hex')}@${domain}`;
		await sql()`update users set email = ${email} where id = ${existing.userId}`;
		const bob = idp.addAccount({ email, email_verified: true, groups: ['nightshift-responders'] });
		const signedIn = await ssoSignIn(bob.sub);
		expect(signedIn.userId).toBe(existing.userId);
		expect(await roleOf(existing.userId)).toBe('responder');
		expect(await authKinds({ userId: existing.userId })).toContain('sso_linked:Acme ID');
	});

	it('does not link to an existing account when email_verified is false', async () => {
		const existing = await newUser('Carol');
		const email = `carol-${randomBytes(2).toString('hex')}@${domain}`;
		await sql()`update users set email = ${email} where id = ${existing.userId}`;
		const carol = idp.addAccount({ email, email_verified: false, groups: ['nightshift-admins'] });
		const error = await refusal(ssoSignIn(carol.sub));
		expect(error.reason).toBe('email_not_verified');
		expect(error.message).toMatch(/has not verified that address/);
		expect(
			await sql()`select 1 from user_identities where user_id = ${existing.userId}`
		).toHaveLength(0);
		expect(await roleOf(existing.userId)).toBeNull();
		expect(await authKinds({ organizationId })).toContain('sso_refused:email_not_verified');
	});

	it('refuses someone in none of the allowed groups, and an address outside the domains', async () => {
		const eve = idp.addAccount({ email: `eve@${domain}`, groups: ['marketing'] });
		expect((await refusal(ssoSignIn(eve.sub))).reason).toBe('not_in_allowed_groups');
		const mallory = idp.addAccount({
			email: 'mallory@elsewhere.test',
			groups: ['nightshift-admins']
		});
		const error = await refusal(ssoSignIn(mallory.sub));
		expect(error.reason).toBe('email_domain_not_allowed');
		expect(
			await sql()`select 1 from users where lower(email) in (${eve.email}, ${mallory.email})`
		).toHaveLength(0);
	});

	it('gives people of no mapped group the default role when there is one', async () => {
		await configure({ defaultRole: 'viewer' });
		const fay = idp.addAccount({ email: `fay@${domain}`, groups: [] });
		expect(await roleOf((await ssoSignIn(fay.sub)).userId)).toBe('viewer');
	});
});

describe('the ID token and the sign-in state are checked', () => {
	let person: { sub: string };
	beforeEach(() => {
		person = idp.addAccount({
			email: `tom-${randomBytes(2).toString('hex')}@${domain}`,
			groups: ['nightshift-admins']
		});
	});

	for (const [how, reason] of [
		['signature', 'id_token_signature'],
		['audience', 'id_token_audience'],
		['expired', 'id_token_expired']
	] as const) {
		it(`refuses a token with a ${how === 'signature' ? 'tampered payload' : how === 'audience' ? 'wrong audience' : 'past expiry'}`, async () => {
			idp.tamper = how;
			const error = await refusal(ssoSignIn(person.sub));
			expect(error.reason).toBe(reason);
			expect(await sql()`select 1 from user_identities where subject = ${person.sub}`).toHaveLength(
				0
			);
			expect(await authKinds({ organizationId })).toContain(`sso_refused:${reason}`);
		});
	}

	it('refuses a token whose nonce is not the one of this sign-in', async () => {
		const { started, back } = await startAndReturn(person.sub);
		await sql()`update sso_attempts set nonce = 'another-nonce' where state = ${started.state}`;
		const error = await refusal(completeSsoSignIn(back, started.state, CONTEXT));
		expect(error.reason).toBe('id_token_nonce');
	});

	it('refuses a replayed state, and a callback in another browser', async () => {
		const { started, back } = await startAndReturn(person.sub);
		await completeSsoSignIn(back, started.state, CONTEXT);
		const replay = await refusal(completeSsoSignIn(back, started.state, CONTEXT));
		expect(replay.reason).toBe('state_unknown');
		const other = await startAndReturn(person.sub);
		const foreign = await refusal(completeSsoSignIn(other.back, 'another-browser', CONTEXT));
		expect(foreign.reason).toBe('state_other_browser');
	});

	it('puts the provider’s own refusal in plain words', async () => {
		const started = await beginSsoSignIn(providerId, ORIGIN, { next: '/dashboard' });
		const back = new URL(REDIRECT_URI);
		back.searchParams.set('error', 'access_denied');
		back.searchParams.set('error_description', 'End-User aborted interaction');
		back.searchParams.set('state', started.state);
		back.searchParams.set('iss', idp.issuer);
		const error = await refusal(completeSsoSignIn(back, started.state, CONTEXT));
		expect(error.message).toMatch(/^Your identity provider refused the sign-in: access was denied/);
	});

	it('says so when the provider does not accept the client secret', async () => {
		await configure({ clientSecret: 'not-the-secret' });
		const error = await refusal(ssoSignIn(person.sub));
		expect(error.reason).toBe('client_refused');
		expect(error.message).toMatch(/did not accept Nightshift’s client id or client secret/);
	});

	it('says so when the provider cannot be reached', async () => {
		await configure({ issuer: 'http://127.0.0.1:9/nothing-here' });
		const error = await beginSsoSignIn(providerId, ORIGIN, { next: '/' }).catch((e: unknown) => e);
		expect(isAppError(error) && error.message).toMatch(/could not reach your identity provider/);
	});
});

describe('an organization that requires its provider', () => {
	it('refuses its members’ passwords, with a clear message, and still signs in others', async () => {
		await configure({ requireSso: 'on' });
		const member = await addMember(organizationId, 'responder', 'Member');
		const error = await signIn({ email: member.email, password: TEST_PASSWORD }, CONTEXT).catch(
			(e: unknown) => e
		);
		expect(isAppError(error) && error.code).toBe('forbidden');
		expect(isAppError(error) && error.message).toMatch(
			/requires signing in with Acme ID: passwords are not accepted/
		);
		expect(await sql()`select 1 from sessions where user_id = ${member.userId}`).toHaveLength(0);
		expect(await authKinds({ userId: member.userId })).toContain('password_refused_sso:Acme ID');
		const outsider = await newUser('Outsider');
		await expect(
			signIn({ email: outsider.email, password: TEST_PASSWORD }, CONTEXT)
		).resolves.toBeTruthy();
	});
});

describe('the periodic check at the provider', () => {
	async function dueSession(token: string) {
		const found = await validateSessionToken(token);
		if (!found) throw new Error('no session');
		await sql()`update sessions set sso_checked_at = now() - interval '1 hour' where id = ${found.session.id}`;
		const due = await validateSessionToken(token);
		if (!due) throw new Error('no session');
		return due.session;
	}

	it('keeps the session and applies a role change while the person stays in an allowed group', async () => {
		const gina = idp.addAccount({ email: `gina@${domain}`, groups: ['nightshift-admins'] });
		const signedIn = await ssoSignIn(gina.sub);
		gina.groups = ['nightshift-responders'];
		expect(await checkSsoSession(await dueSession(signedIn.token))).toBe(true);
		expect(await roleOf(signedIn.userId)).toBe('responder');
		expect(await validateSessionToken(signedIn.token)).not.toBeNull();
		// Checked again later: the refresh token the provider rotated was kept.
		expect(await checkSsoSession(await dueSession(signedIn.token))).toBe(true);
	});

	it('ends the sessions and the membership at the next check after removal from the groups', async () => {
		const hugo = idp.addAccount({ email: `hugo@${domain}`, groups: ['nightshift-admins'] });
		const signedIn = await ssoSignIn(hugo.sub);
		const other = await ssoSignIn(hugo.sub);
		hugo.groups = ['marketing'];
		// Not due yet: nothing asked, nothing changed.
		const fresh = await validateSessionToken(signedIn.token);
		if (!fresh) throw new Error('no session');
		expect(await checkSsoSession(fresh.session)).toBe(true);
		expect(await roleOf(signedIn.userId)).toBe('admin');

		expect(await checkSsoSession(await dueSession(signedIn.token))).toBe(false);
		expect(await validateSessionToken(signedIn.token)).toBeNull();
		expect(await validateSessionToken(other.token)).toBeNull();
		expect(await roleOf(signedIn.userId)).toBeNull();
		expect(await authKinds({ userId: signedIn.userId })).toContain(
			'sso_session_ended:not_in_allowed_groups'
		);
		const [removed] = await sql()<{ kind: string }[]>`
			select kind from events where stream_id = ${organizationId} and kind = 'member.removed'`;
		expect(removed?.kind).toBe('member.removed');
	});

	it('ends the session through the real hook', async () => {
		const ivy = idp.addAccount({ email: `ivy@${domain}`, groups: ['nightshift-admins'] });
		const signedIn = await ssoSignIn(ivy.sub);
		const account = (await discoverHandlers()).find((h) => h.key === 'view /(app)/account');
		if (!account) throw new Error('no account page');
		expect((await call(account, { params: {} }, { session: signedIn.token })).status).toBe(200);
		ivy.groups = [];
		await dueSession(signedIn.token);
		const answer = await call(account, { params: {} }, { session: signedIn.token });
		expect(answer.status).toBe(303);
		expect(answer.location).toMatch(/^\/signin/);
	});
});

describe('signing out', () => {
	it('sends the person to the provider’s end-session endpoint, which accepts the ID token hint', async () => {
		const jo = idp.addAccount({ email: `jo@${domain}`, groups: ['nightshift-admins'] });
		const signedIn = await ssoSignIn(jo.sub);
		const found = await validateSessionToken(signedIn.token);
		const location = await providerSignOutUrl(found?.session.id ?? '', ORIGIN);
		if (!location) throw new Error('no end-session URL');
		expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/session/end`);
		expect(location.searchParams.get('id_token_hint')).toBeTruthy();
		expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/signin`);
		// The sign-out post ends the session here, then goes on to the provider (a page between,
		// since the CSP lets a form post end on this site only).
		const signOut = (await discoverHandlers()).find((h) => h.key === 'action /signout current');
		if (!signOut) throw new Error('no sign-out action');
		const answer = await call(signOut, { params: {} }, { session: signedIn.token });
		expect(answer.location).toBe('/signout/provider');
		expect(await validateSessionToken(signedIn.token)).toBeNull();
		const atProvider = await fetch(location, { redirect: 'manual' });
		expect(atProvider.status).toBe(200);
		expect(await atProvider.text()).toMatch(/logout|sign-out/i);
		expect(idp.requests).toContain('/session/end');
	});

	it('a password session signs out to the sign-in page as before', async () => {
		const user = await newUser('Password person');
		const { token } = await signIn({ email: user.email, password: TEST_PASSWORD }, CONTEXT);
		const signOut = (await discoverHandlers()).find((h) => h.key === 'action /signout current');
		if (!signOut) throw new Error('no sign-out action');
		const answer = await call(signOut, { params: {} }, { session: token });
		expect(answer.location).toBe('/signin');
	});
});
