import { db } from '../db/db';
import { hashPassword } from '../auth/password';
import { randomSecret } from '../auth/tokens';
import type { IdentityProvider } from './providers';
import { SsoError } from './client';
import { m } from '$lib/paraglide/messages';

export interface Person {
	email: string;
	verified: boolean;
	name: string;
}

/** E-mail, whether the provider verified it, and a name, from the claims. */
export function personOf(claims: Record<string, unknown>): Person {
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
	if (!email || !email.includes('@') || email.length > 320) {
		throw new SsoError('no_email', m.err_sso_no_email());
	}
	const name = [claims.name, claims.preferred_username, email.split('@')[0]].find(
		(v): v is string => typeof v === 'string' && v.trim().length > 0
	);
	return {
		email,
		// Some providers send the string "true"; anything else is not verified.
		verified: claims.email_verified === true || claims.email_verified === 'true',
		name: (name ?? email).trim().slice(0, 120)
	};
}

export function assertDomainAllowed(provider: IdentityProvider, email: string) {
	const domain = email.split('@')[1] ?? '';
	if (provider.emailDomains.length === 0 || provider.emailDomains.includes(domain)) return;
	const domains = provider.emailDomains.join(', ');
	throw new SsoError(
		'email_domain_not_allowed',
		provider.organizationName
			? m.err_sso_domain_named({ email, organization: provider.organizationName, domains })
			: m.err_sso_domain({ email, domains })
	);
}

export type AccountOutcome = {
	userId: string;
	name: string;
	how: 'known' | 'linked' | 'provisioned';
};

/**
 * The account of the person the provider vouches for: the one already linked to their subject;
 * else the account with their e-mail, linked only if the provider verified that e-mail; else a
 * new account (just in time), whose password nobody knows.
 */
export async function resolveAccount(
	provider: IdentityProvider,
	subject: string,
	person: Person
): Promise<AccountOutcome> {
	const passwordHash = await hashPassword(randomSecret(32));
	return db().begin(async (tx) => {
		const [known] = await tx<{ id: string; display_name: string }[]>`
			update user_identities i set email = ${person.email}, last_sign_in_at = now()
			from users u
			where i.provider_id = ${provider.id} and i.subject = ${subject} and u.id = i.user_id
			returning u.id, u.display_name`;
		if (known) return { userId: known.id, name: known.display_name, how: 'known' as const };
		const [existing] = await tx<{ id: string; display_name: string; kind: string }[]>`
			select id, display_name, kind from users where lower(email) = ${person.email} for update`;
		if (existing && (!person.verified || existing.kind !== 'person')) {
			throw new SsoError(
				'email_not_verified',
				m.err_sso_email_not_verified({ email: person.email })
			);
		}
		let userId: string;
		let name: string;
		let how: AccountOutcome['how'];
		if (existing) {
			({ id: userId, display_name: name } = existing);
			how = 'linked';
		} else {
			const [created] = await tx<{ id: string }[]>`
				insert into users (email, display_name, password_hash)
				values (${person.email}, ${person.name}, ${passwordHash}) returning id`;
			if (!created) throw new Error('user insert returned no row');
			userId = created.id;
			name = person.name;
			how = 'provisioned';
		}
		await tx`
			insert into user_identities (provider_id, subject, user_id, email)
			values (${provider.id}, ${subject}, ${userId}, ${person.email})`;
		return { userId, name, how };
	});
}
