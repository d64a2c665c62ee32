import { randomBytes } from 'node:crypto';
import { AuthorizationResponseError, ResponseBodyError } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { describeDevice } from '../../src/lib/sessions/device';
import { describeProviderError } from '../../src/lib/server/sso/provider-errors';
import { groupsOf, nextRole, roleFromGroups } from '../../src/lib/server/sso/roles';
import { providerInput } from '../../src/lib/server/sso/schemas';
import { open, seal } from '../../src/lib/server/sso/secret-box';

const MAPPING = [
	{ group: 'nightshift-admins', role: 'admin' as const },
	{ group: 'nightshift-responders', role: 'responder' as const }
];
const REDIRECT = 'https://nightshift.example.com/sso/callback';

describe('groups to roles', () => {
	it('takes the highest mapped role among the person’s groups', () => {
		expect(roleFromGroups(['nightshift-responders', 'nightshift-admins'], MAPPING, null)).toBe(
			'admin'
		);
		expect(roleFromGroups(['nightshift-responders', 'marketing'], MAPPING, null)).toBe('responder');
	});

	it('gives the default role outside the mapped groups, or nothing', () => {
		expect(roleFromGroups(['marketing'], MAPPING, 'viewer')).toBe('viewer');
		expect(roleFromGroups([], MAPPING, null)).toBeNull();
	});

	it('matches Keycloak’s full group paths and ignores case', () => {
		expect(roleFromGroups(['/Nightshift-Admins'], MAPPING, null)).toBe('admin');
	});

	it('reads a list or a single group from the configured claim, nothing else', () => {
		expect(groupsOf({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
		expect(groupsOf({ roles: 'ops' }, 'roles')).toEqual(['ops']);
		expect(groupsOf({ groups: { a: 1 } }, 'groups')).toEqual([]);
		expect(groupsOf({}, 'groups')).toEqual([]);
	});

	it('never changes an owner', () => {
		expect(nextRole('owner', 'viewer')).toBe('owner');
		expect(nextRole('admin', 'viewer')).toBe('viewer');
		expect(nextRole(null, 'responder')).toBe('responder');
	});
});

describe('the provider settings form', () => {
	const valid = {
		displayName: 'Acme ID',
		issuer: 'https://id.example.com/realms/acme',
		clientId: 'nightshift',
		emailDomains: 'Acme.example, @shop.example',
		groupRoles: 'nightshift-admins = admin\n\n/ops -> responder',
		defaultRole: ''
	};

	it('parses domains and one "group = role" per line', () => {
		const data = providerInput.parse(valid);
		expect(data.emailDomains).toEqual(['acme.example', 'shop.example']);
		expect(data.groupRoles).toEqual([
			{ group: 'nightshift-admins', role: 'admin' },
			{ group: '/ops', role: 'responder' }
		]);
		expect(data.defaultRole).toBeNull();
		expect(data.groupsClaim).toBe('groups');
		expect(data.requireSso).toBe(false);
	});

	it('refuses a mapping to owner, a bad domain, and plain http away from this machine', () => {
		expect(providerInput.safeParse({ ...valid, groupRoles: 'bosses = owner' }).success).toBe(false);
		expect(providerInput.safeParse({ ...valid, emailDomains: 'not a domain!' }).success).toBe(
			false
		);
		expect(providerInput.safeParse({ ...valid, issuer: 'http://id.example.com' }).success).toBe(
			false
		);
		expect(
			providerInput.safeParse({ ...valid, issuer: 'http://127.0.0.1:8080/realms/a' }).success
		).toBe(true);
	});
});

describe('secrets at rest', () => {
	it('seals with AES-256-GCM: the plain text is not in the bytes, and a changed byte is refused', () => {
		const key = randomBytes(32);
		const sealed = seal('client-secret-value', key);
		expect(Buffer.from(sealed).toString('latin1')).not.toContain('client-secret-value');
		expect(open(sealed, key)).toBe('client-secret-value');
		const altered = Buffer.from(sealed);
		altered[14] = (altered[14] ?? 0) ^ 1;
		expect(() => open(altered, key)).toThrow();
		expect(() => open(sealed, randomBytes(32))).toThrow();
	});
});

describe('provider errors in plain words', () => {
	// RFC 6749 §4.1.2.1's example error response, as the provider sends it back.
	const authorizationError = (query: string) =>
		new AuthorizationResponseError('authorization error', { cause: new URLSearchParams(query) });

	it('explains a refusal on the provider’s page', () => {
		expect(
			describeProviderError(authorizationError('error=access_denied&state=xyz'), REDIRECT).message
		).toBe(
			'Your identity provider refused the sign-in: access was denied (you cancelled, or your account there may not use Nightshift).'
		);
		const redirect = describeProviderError(
			authorizationError(
				'error=invalid_request&error_description=Invalid+parameter%3A+redirect_uri'
			),
			REDIRECT
		);
		expect(redirect.message).toBe(
			`Your identity provider refused the sign-in: the redirect URL is not registered. Add ${REDIRECT} to the client's valid redirect URIs at the provider.`
		);
	});

	it('explains a refusal at the token endpoint (RFC 6749 §5.2)', () => {
		const refused = (body: { error: string; error_description?: string }) =>
			new ResponseBodyError('token error', {
				cause: body,
				response: new Response(null, { status: 400 })
			});
		expect(describeProviderError(refused({ error: 'invalid_client' }), REDIRECT).reason).toBe(
			'client_refused'
		);
		expect(describeProviderError(refused({ error: 'invalid_grant' }), REDIRECT).message).toMatch(
			/refused the sign-in code/
		);
		expect(
			describeProviderError(
				refused({ error: 'invalid_grant', error_description: 'redirect_uri mismatch' }),
				REDIRECT
			).reason
		).toBe('redirect_uri_not_registered');
	});

	it('says the provider could not be reached when nothing came back', () => {
		expect(describeProviderError(new TypeError('fetch failed'), REDIRECT).message).toMatch(
			/^Nightshift could not reach your identity provider/
		);
	});
});

describe('devices on the account page', () => {
	it('names common browsers and systems', () => {
		expect(
			describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')
		).toEqual({ browser: 'Firefox', system: 'Linux' });
		expect(
			describeDevice(
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
			)
		).toEqual({ browser: 'Edge', system: 'Windows' });
		expect(
			describeDevice(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
			)
		).toEqual({ browser: 'Safari', system: 'iOS' });
		expect(describeDevice(null)).toEqual({ browser: null, system: null });
	});
});
