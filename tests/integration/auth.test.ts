import { describe, expect, it } from 'vitest';
import {
	completePasswordReset,
	issuePasswordReset
} from '../../src/lib/server/auth/password-reset';
import { MAX_FAILURES_PER_ACCOUNT_ADDRESS } from '../../src/lib/server/auth/rate-limit';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { signUp } from '../../src/lib/server/users/sign-up';
import { changePassword } from '../../src/lib/server/users/account';
import { newOrganization, newUser, TEST_PASSWORD, uniqueEmail, useTestDatabase } from './setup';

const WRONG_CREDENTIALS = 'Wrong email or password.';

const sql = useTestDatabase();
let addressCounter = 0;
const freshAddress = () =>
	`10.9.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`;

describe('sign-up and sign-in', () => {
	it('signs up with an argon2id hash and signs in with the same password', async () => {
		const user = await newUser();
		const [row] = await sql()<
			{ password_hash: string }[]
		>`select password_hash from users where id = ${user.userId}`;
		expect(row?.password_hash).toMatch(/^\$argon2id\$/);
		const session = await signIn(
			{ email: user.email.toUpperCase(), password: TEST_PASSWORD },
			{ address: freshAddress() }
		);
		expect(session.userId).toBe(user.userId);
	});

	it('refuses a second account with the same email, whatever its case', async () => {
		const email = uniqueEmail();
		await signUp({ email, displayName: 'A', password: TEST_PASSWORD });
		await expect(
			signUp({ email: email.toUpperCase(), displayName: 'B', password: TEST_PASSWORD })
		).rejects.toMatchObject({
			code: 'conflict'
		});
	});

	it('names each invalid sign-up field and writes nothing', async () => {
		const before = await sql()`select count(*)::int as n from users`;
		await expect(
			signUp({ email: 'not-an-email', displayName: '', password: 'short' })
		).rejects.toMatchObject({
			code: 'invalid',
			fields: {
				email: expect.stringContaining('valid email'),
				displayName: expect.any(String),
				password: expect.stringContaining('10 characters')
			}
		});
		expect(await sql()`select count(*)::int as n from users`).toEqual(before);
	});

	it('gives the same message for an unknown email and a wrong password', async () => {
		const user = await newUser();
		const address = freshAddress();
		const wrong = signIn({ email: user.email, password: 'wrong password!' }, { address });
		await expect(wrong).rejects.toMatchObject({
			code: 'unauthenticated',
			message: WRONG_CREDENTIALS
		});
		const unknown = signIn(
			{ email: uniqueEmail('nobody'), password: 'wrong password!' },
			{ address }
		);
		await expect(unknown).rejects.toMatchObject({
			code: 'unauthenticated',
			message: WRONG_CREDENTIALS
		});
	});

	it('rate-limits an account from one address, but not the same account from another', async () => {
		const user = await newUser();
		const attacker = freshAddress();
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_ADDRESS; i++) {
			await signIn({ email: user.email, password: 'guess ' + i }, { address: attacker }).catch(
				() => undefined
			);
		}
		await expect(
			signIn({ email: user.email, password: TEST_PASSWORD }, { address: attacker })
		).rejects.toMatchObject({
			code: 'rate_limited',
			message: expect.stringMatching(/Retry in 1[45] minutes/)
		});
		const ownLaptop = await signIn(
			{ email: user.email, password: TEST_PASSWORD },
			{ address: freshAddress() }
		);
		expect(ownLaptop.userId).toBe(user.userId);
	});
});

describe('passwords', () => {
	it('a reset link issued by an admin works once and ends every session of that person', async () => {
		const owner = await newUser('Owner');
		const org = await newOrganization(owner);
		const member = await newUser('Member');
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${member.userId}, 'responder')`;
		const { token: sessionToken } = await signIn(
			{ email: member.email, password: TEST_PASSWORD },
			{ address: freshAddress() }
		);

		const reset = await issuePasswordReset({ actor: owner }, org, member.userId);
		expect(reset.token).toBeTruthy();
		await completePasswordReset(reset.token ?? '', { password: 'a brand new password' });
		expect(await validateSessionToken(sessionToken)).toBeNull();
		await expect(
			completePasswordReset(reset.token ?? '', { password: 'another new password' })
		).rejects.toMatchObject({
			code: 'gone'
		});
		const again = await signIn(
			{ email: member.email, password: 'a brand new password' },
			{ address: freshAddress() }
		);
		expect(again.userId).toBe(member.userId);
	});

	it('a responder cannot issue a reset link', async () => {
		const owner = await newUser('Owner');
		const org = await newOrganization(owner);
		const responder = await newUser('Responder');
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${responder.userId}, 'responder')`;
		await expect(issuePasswordReset({ actor: responder }, org, owner.userId)).rejects.toMatchObject(
			{ code: 'forbidden' }
		);
	});

	it('changing a password ends the other sessions but keeps this one', async () => {
		const user = await newUser();
		const here = await signIn(
			{ email: user.email, password: TEST_PASSWORD },
			{ address: freshAddress() }
		);
		const elsewhere = await signIn(
			{ email: user.email, password: TEST_PASSWORD },
			{ address: freshAddress() }
		);
		await changePassword(user.userId, here.session.id, {
			currentPassword: TEST_PASSWORD,
			password: 'changed password 1'
		});
		expect(await validateSessionToken(here.token)).not.toBeNull();
		expect(await validateSessionToken(elsewhere.token)).toBeNull();
	});
});
