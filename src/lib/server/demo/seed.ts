import { db } from '../db/db';
import { createOrganization } from '../organizations/commands';
import { findUserByEmail } from '../users/queries';
import { signUp } from '../users/sign-up';

export const DEMO_PASSWORD = 'nightshift-demo';

export const DEMO_ACCOUNTS = [
	{
		side: 'merchant',
		email: 'claire@petitnuage.example',
		name: 'Claire Martin',
		organization: { name: 'Petit Nuage', kind: 'merchant' as const },
		password: DEMO_PASSWORD
	},
	{
		side: 'hoster',
		email: 'marc@rempart.example',
		name: 'Marc Lefèvre',
		organization: { name: 'Rempart Hosting', kind: 'provider' as const },
		password: DEMO_PASSWORD
	}
];

/**
 * Seeds the demo scenario; idempotent (an account that exists is left alone). Returns whether
 * demo accounts exist afterwards, so the start can print them.
 */
export async function seedDemo(): Promise<boolean> {
	for (const account of DEMO_ACCOUNTS) {
		if (await findUserByEmail(account.email)) continue;
		const { userId } = await signUp({
			email: account.email,
			displayName: account.name,
			password: account.password,
			timezone: 'Europe/Paris'
		});
		await createOrganization(
			{ userId, name: account.name, source: 'manual' },
			account.organization
		);
	}
	const [row] = await db()<{ n: number }[]>`select count(*)::int as n from users`;
	return (row?.n ?? 0) > 0;
}
