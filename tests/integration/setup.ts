import { afterAll, beforeAll, inject } from 'vitest';
import { connect, db, disconnect } from '../../src/lib/server/db/db';
import { createOrganization } from '../../src/lib/server/organizations/commands';
import { signUp } from '../../src/lib/server/users/sign-up';
import type { Actor } from '../../src/lib/server/access/actor';

/** Connects the domain modules to this run's database for the file's tests. */
export function useTestDatabase() {
	beforeAll(() => {
		connect(inject('databaseUrl'), { max: 5 });
	});
	afterAll(async () => {
		await disconnect();
	});
	return () => db();
}

let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
	counter += 1;
	return `${prefix}-${process.pid}-${Date.now()}-${counter}@example.test`;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function newUser(name = 'Test User'): Promise<Actor & { email: string }> {
	const email = uniqueEmail();
	const { userId } = await signUp({
		email,
		displayName: name,
		password: TEST_PASSWORD,
		timezone: 'Europe/Paris'
	});
	return { userId, name, email, address: '127.0.0.1' };
}

export async function newOrganization(owner: Actor, kind: 'merchant' | 'provider' = 'merchant') {
	const { result } = await createOrganization(owner, { name: `Org ${Date.now()}`, kind });
	return result.organizationId;
}

export async function addMember(
	organizationId: string,
	role: 'owner' | 'admin' | 'responder' | 'viewer',
	name = 'Member'
) {
	const user = await newUser(name);
	await db()`insert into memberships (organization_id, user_id, role) values (${organizationId}, ${user.userId}, ${role})`;
	return user;
}
