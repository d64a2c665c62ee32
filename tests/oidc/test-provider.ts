import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID provider for the tests: `oidc-provider` (a certified implementation) in this
 * process, on loopback, with its own RSA key. People sign in on its development login page
 * (any password); their claims come from `accounts`, read at every token and refresh, so a
 * test changes someone's groups at the provider by changing the account.
 */
export interface TestAccount {
	sub: string;
	email: string;
	email_verified: boolean;
	name: string;
	groups: string[];
}

/** Changes the token endpoint's ID token before it leaves: the attacks the app must refuse. */
export type Tamper = 'signature' | 'audience' | 'expired' | null;

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	accounts: Map<string, TestAccount>;
	/** Paths the provider was asked for, in order (e.g. "/session/end"). */
	requests: string[];
	tamper: Tamper;
	addAccount(account: Partial<TestAccount> & { email: string }): TestAccount;
	close(): Promise<void>;
}

const b64u = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function resign(token: string, key: KeyObject, change: (claims: Record<string, unknown>) => void) {
	const [header, payload] = token.split('.');
	const claims: Record<string, unknown> = JSON.parse(
		Buffer.from(payload ?? '', 'base64url').toString()
	);
	change(claims);
	const input = `${header}.${b64u(JSON.stringify(claims))}`;
	return `${input}.${b64u(sign('sha256', Buffer.from(input), key))}`;
}

/** Same signature over different claims: what an attacker editing a token produces. */
function alter(token: string): string {
	const [header, payload, signature] = token.split('.');
	const claims: Record<string, unknown> = JSON.parse(
		Buffer.from(payload ?? '', 'base64url').toString()
	);
	claims.email = 'someone-else@example.test';
	return `${header}.${b64u(JSON.stringify(claims))}.${signature}`;
}

function tampered(token: string, how: Exclude<Tamper, null>, key: KeyObject): string {
	if (how === 'signature') return alter(token);
	if (how === 'audience') return resign(token, key, (c) => (c.aud = 'another-application'));
	return resign(token, key, (c) => {
		const hourAgo = Math.floor(Date.now() / 1000) - 3600;
		c.iat = hourAgo - 600;
		c.exp = hourAgo;
	});
}

export async function startTestProvider(options: {
	redirectUris: string[];
	postLogoutRedirectUris: string[];
	/** Does not keep the process alive (a provider shared by a whole run, never closed). */
	detached?: boolean;
}): Promise<TestProvider> {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = {
		...privateKey.export({ format: 'jwk' }),
		kid: `test-${randomBytes(4).toString('hex')}`,
		alg: 'RS256',
		use: 'sig'
	};
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the provider has no port');
	if (options.detached) server.unref();
	const { port } = address;
	const issuer = `http://127.0.0.1:${port}`;
	const accounts = new Map<string, TestAccount>();
	const clientId = 'nightshift';
	const clientSecret = randomBytes(16).toString('hex');

	const configuration: Configuration = {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: options.redirectUris,
				post_logout_redirect_uris: options.postLogoutRedirectUris,
				grant_types: ['authorization_code', 'refresh_token'],
				response_types: ['code'],
				token_endpoint_auth_method: 'client_secret_basic'
			}
		],
		jwks: { keys: [jwk] },
		cookies: { keys: [randomBytes(16).toString('hex')] },
		claims: {
			openid: ['sub'],
			email: ['email', 'email_verified'],
			profile: ['name', 'groups']
		},
		// Like Keycloak: the claims are in the ID token itself.
		conformIdTokenClaims: false,
		pkce: { required: () => true },
		// Like Keycloak, a refresh token for every code-flow client that may refresh.
		issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
		features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
		findAccount: async (_ctx, id) => {
			const account = accounts.get(id);
			if (!account) return undefined;
			return {
				accountId: id,
				claims: async () => ({ ...account, groups: [...account.groups] })
			};
		}
	};
	const provider = new Provider(issuer, configuration);
	const state: TestProvider = {
		issuer,
		clientId,
		clientSecret,
		accounts,
		requests: [],
		tamper: null,
		addAccount(partial) {
			const sub = partial.sub ?? `person-${randomBytes(5).toString('hex')}`;
			const account: TestAccount = {
				sub,
				email: partial.email,
				email_verified: partial.email_verified ?? true,
				name: partial.name ?? partial.email.split('@')[0] ?? sub,
				groups: partial.groups ?? []
			};
			accounts.set(sub, account);
			return account;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
	provider.use(async (ctx, next) => {
		state.requests.push(ctx.path);
		await next();
		const how = state.tamper;
		const body: unknown = ctx.body;
		if (ctx.path !== '/token' || !how || typeof body !== 'object' || body === null) return;
		if ('id_token' in body && typeof body.id_token === 'string') {
			ctx.body = { ...body, id_token: tampered(body.id_token, how, privateKey) };
		}
	});
	server.on('request', provider.callback());
	return state;
}

/** A minimal cookie jar for driving the provider's pages with fetch. */
class Jar {
	private cookies = new Map<string, string>();
	take(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair?.indexOf('=') ?? -1;
			if (!pair || at < 0) continue;
			const name = pair.slice(0, at);
			const value = pair.slice(at + 1);
			if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	header(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}
}

/**
 * Signs `sub` in at the provider as a browser would: follows the authorization URL, fills in
 * the login page and the consent page, and returns the URL the provider sends back to.
 */
export async function signInAtProvider(
	authorizationUrl: URL,
	sub: string,
	redirectUri: string
): Promise<URL> {
	const jar = new Jar();
	let url = authorizationUrl.toString();
	let method = 'GET';
	let body: string | undefined;
	for (let hop = 0; hop < 20; hop += 1) {
		if (url.startsWith(redirectUri)) return new URL(url);
		const response = await fetch(url, {
			method,
			body,
			redirect: 'manual',
			headers: {
				cookie: jar.header(),
				...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
			}
		});
		jar.take(response);
		method = 'GET';
		body = undefined;
		const location = response.headers.get('location');
		if (location) {
			url = new URL(location, url).toString();
			continue;
		}
		const html = await response.text();
		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
		if (!action || !prompt)
			throw new Error(`provider page without a form (${response.status}): ${html.slice(0, 300)}`);
		url = new URL(action.replace(/&amp;/g, '&'), url).toString();
		method = 'POST';
		body = new URLSearchParams(
			prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt }
		).toString();
	}
	throw new Error('too many hops at the provider');
}
