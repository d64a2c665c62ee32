import type { SsoConfig } from '../config';
import { db, type Db } from '../db/db';

/**
 * The instance-wide provider of the environment (SSO_ISSUER, SSO_CLIENT_ID, …) as a row, so
 * that its people are linked and its sessions checked like an organization's. It grants no
 * role: a person it signs in for the first time gets an account and joins organizations by
 * invitation. Without SSO_ISSUER the row is removed.
 */
export async function syncInstanceProvider(config: SsoConfig, sql: Db = db()): Promise<void> {
	if (!config.SSO_ISSUER) {
		await sql`delete from identity_providers where instance`;
		return;
	}
	if (!config.SSO_CLIENT_ID)
		throw new Error('Invalid configuration: SSO_ISSUER needs SSO_CLIENT_ID');
	const issuer = new URL(config.SSO_ISSUER);
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
	if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && loopback)) {
		throw new Error('Invalid configuration: SSO_ISSUER must use https');
	}
	const domains = config.SSO_EMAIL_DOMAINS.split(/[\s,;]+/)
		.map((d) => d.trim().toLowerCase())
		.filter(Boolean);
	const values = {
		display_name: config.SSO_NAME,
		issuer: config.SSO_ISSUER,
		client_id: config.SSO_CLIENT_ID,
		email_domains: domains
	};
	const updated = await sql`
		update identity_providers set ${sql(values)}, updated_at = now(), version = version + 1
		where instance and (display_name, issuer, client_id, email_domains)
			is distinct from (${values.display_name}, ${values.issuer}, ${values.client_id}, ${domains}::text[])
		returning id`;
	if (updated.length > 0) return;
	await sql`
		insert into identity_providers ${sql({ ...values, instance: true })}
		on conflict (instance) where instance do nothing`;
}

/** The instance provider's id, for the link on the sign-in page. */
export async function findInstanceProvider(
	sql: Db = db()
): Promise<{ id: string; displayName: string } | null> {
	const [row] = await sql<{ id: string; display_name: string }[]>`
		select id, display_name from identity_providers where instance`;
	return row ? { id: row.id, displayName: row.display_name } : null;
}
