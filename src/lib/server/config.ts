import path from 'node:path';
import { z } from 'zod';

// Sign-in with an identity provider (issue 16): the key that encrypts client secrets and
// refresh tokens, how often an SSO session is checked at its provider, the instance provider.
const SSO_SETTINGS = {
	SSO_SECRET_KEY: z
		.string()
		.refine((v) => Buffer.from(v, 'base64').length === 32, '32 bytes, base64-encoded')
		.optional(),
	SSO_CHECK_INTERVAL: z.coerce.number().int().min(0).max(86_400).default(300),
	SSO_ISSUER: z.string().url().optional(),
	SSO_CLIENT_ID: z.string().min(1).optional(),
	SSO_CLIENT_SECRET: z.string().min(1).optional(),
	SSO_NAME: z.string().min(1).max(80).default('your identity provider'),
	SSO_EMAIL_DOMAINS: z.string().default('')
};

/**
 * A per-minute limit: a whole number, 0 switching it off (never "refuse everything"). Empty or
 * anything else stops the server with the variable's name.
 */
const perMinute = (fallback: number) =>
	z
		.string()
		.regex(/^\d{1,9}$/, 'a whole number of requests per minute (0 switches the limit off)')
		.transform(Number)
		.optional()
		.transform((v) => v ?? fallback);

// Rate limits (issue 9): counted in PostgreSQL, so they hold across nodes (access/rate-limits.ts).
const LIMIT_SETTINGS = {
	API_RATE_LIMIT: perMinute(600),
	ALERT_RATE_LIMIT: perMinute(6000)
};

const schema = z.object({
	DATABASE_URL: z.string().url().optional(),
	NIGHTSHIFT_DATA_DIR: z.string().default('./data'),
	EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
	ORIGIN: z.string().url().optional(),
	SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
	NODE_ENV: z.string().default('development'),
	...SSO_SETTINGS,
	...LIMIT_SETTINGS
});

export type Config = z.infer<typeof schema> & { dataDir: string };

/** Reads the environment once; an invalid variable stops the server with its name. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration: ${issues.join('; ')}`);
	}
	return { ...parsed.data, dataDir: path.resolve(parsed.data.NIGHTSHIFT_DATA_DIR) };
}

export type SsoConfig = Pick<Config, keyof typeof SSO_SETTINGS>;

/** The SSO settings, read and validated with the rest of the configuration. */
export function ssoConfig(env: NodeJS.ProcessEnv = process.env): SsoConfig {
	return readConfig(env);
}

export type LimitConfig = Pick<Config, keyof typeof LIMIT_SETTINGS>;

/** The rate-limit settings, read and validated with the rest of the configuration. */
export function limitConfig(env: NodeJS.ProcessEnv = process.env): LimitConfig {
	return readConfig(env);
}
