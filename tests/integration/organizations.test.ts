import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import type { NewEvent } from '../../src/lib/server/events/append';
import { runCommand } from '../../src/lib/server/events/command';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import {
	changeMemberRole,
	createOrganization,
	removeMember
} from '../../src/lib/server/organizations/commands';
import {
	acceptInvite,
	createInvite,
	revokeInvite
} from '../../src/lib/server/organizations/invites';
import { setPublisher } from '../../src/lib/server/realtime/publish';
import { signUp } from '../../src/lib/server/users/sign-up';
import { newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();
afterEach(() => setPublisher(null));

describe('organizations', () => {
	it('creating one makes its creator owner and appends organization.created as event 1', async () => {
		const owner = await newUser('Claire');
		const published: StreamEvent[] = [];
		setPublisher((e) => published.push(e));
		const { result } = await createOrganization(owner, { name: 'Petit Nuage', kind: 'merchant' });
		const [membership] =
			await sql()`select role from memberships where organization_id = ${result.organizationId}`;
		expect(membership?.role).toBe('owner');
		const events = await listEventsAfter(result.organizationId, 0);
		expect(events.map((e) => [e.seq, e.kind, e.actorName])).toEqual([
			[1, 'organization.created', 'Claire']
		]);
		expect(published).toEqual(events);
	});

	it('refuses a bad kind with a specific message and writes nothing', async () => {
		const owner = await newUser();
		await expect(createOrganization(owner, { name: 'X Corp', kind: 'bank' })).rejects.toMatchObject(
			{
				code: 'invalid',
				fields: { kind: 'Choose merchant or provider.' }
			}
		);
	});
});

describe('invites', () => {
	it('an invite is accepted once, by link, with its role', async () => {
		const owner = await newUser('Owner');
		const org = await newOrganization(owner);
		const invite = await createInvite({ actor: owner }, org, { role: 'responder' });
		const guest = await newUser('Guest');
		await acceptInvite(guest, invite.token ?? '');
		const [row] =
			await sql()`select role from memberships where organization_id = ${org} and user_id = ${guest.userId}`;
		expect(row?.role).toBe('responder');
		const other = await newUser('Other');
		await expect(acceptInvite(other, invite.token ?? '')).rejects.toMatchObject({ code: 'gone' });
		const kinds = (await listEventsAfter(org, 0)).map((e) => e.kind);
		expect(kinds).toEqual(['organization.created', 'invite.created', 'member.joined']);
	});

	it('a new account created with an invite joins in the same transaction, and a used invite creates no account', async () => {
		const owner = await newUser('Owner');
		const org = await newOrganization(owner);
		const invite = await createInvite({ actor: owner }, org, { role: 'responder' });
		const account = (email: string) => ({
			email,
			displayName: 'Invited engineer',
			password: 'night-owl-passphrase',
			timezone: 'Europe/Paris'
		});
		const first = `invited-${randomUUID()}@example.com`;
		const joined = await signUp(account(first), { inviteToken: invite.token ?? '' });
		expect(joined.organizationId).toBe(org);
		const [row] = await sql()`
			select m.role from memberships m join users u on u.id = m.user_id
			where m.organization_id = ${org} and u.email = ${first}`;
		expect(row?.role).toBe('responder');

		const second = `late-${randomUUID()}@example.com`;
		await expect(
			signUp(account(second), { inviteToken: invite.token ?? '' })
		).rejects.toMatchObject({ code: 'gone' });
		const [left] = await sql()`select count(*)::int as n from users where email = ${second}`;
		expect(left?.n).toBe(0);
	});

	it('an expired or revoked invite is refused', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const expired = await createInvite({ actor: owner }, org, { role: 'viewer' });
		await sql()`update invites set expires_at = now() - interval '1 second' where id = ${expired.inviteId}`;
		await expect(acceptInvite(await newUser(), expired.token ?? '')).rejects.toMatchObject({
			message: expect.stringContaining('expired')
		});
		const revoked = await createInvite({ actor: owner }, org, { role: 'viewer' });
		await revokeInvite({ actor: owner }, org, revoked.inviteId);
		await expect(acceptInvite(await newUser(), revoked.token ?? '')).rejects.toMatchObject({
			message: expect.stringContaining('revoked')
		});
	});

	it('only an owner may invite; an outsider learns nothing', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const admin = await newUser();
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${admin.userId}, 'admin')`;
		await expect(createInvite({ actor: admin }, org, { role: 'viewer' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			createInvite({ actor: await newUser() }, org, { role: 'viewer' })
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});

describe('members', () => {
	it('an organization keeps at least one owner', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		await expect(
			changeMemberRole({ actor: owner }, org, { userId: owner.userId, role: 'admin' })
		).rejects.toMatchObject({
			code: 'conflict'
		});
		await expect(
			removeMember({ actor: owner }, org, { userId: owner.userId })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('a role change made on a stale version is refused with what changed', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const member = await newUser('Marc');
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${member.userId}, 'viewer')`;
		await changeMemberRole({ actor: owner }, org, {
			userId: member.userId,
			role: 'responder',
			version: 1
		});
		await expect(
			changeMemberRole({ actor: owner }, org, { userId: member.userId, role: 'admin', version: 1 })
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('now responder')
		});
	});

	it('removing a member appends member.removed', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const member = await newUser('Leaving');
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${member.userId}, 'viewer')`;
		await removeMember({ actor: owner }, org, { userId: member.userId });
		expect((await listEventsAfter(org, 1)).map((e) => e.kind)).toEqual(['member.removed']);
	});
});

describe('the write path', () => {
	it('a retried mutation id returns the first result and appends nothing new', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const member = await newUser();
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${member.userId}, 'viewer')`;
		const mutation = randomUUID();
		const first = await changeMemberRole({ actor: owner, clientMutationId: mutation }, org, {
			userId: member.userId,
			role: 'admin'
		});
		const retry = await changeMemberRole({ actor: owner, clientMutationId: mutation }, org, {
			userId: member.userId,
			role: 'admin'
		});
		expect(retry.replayed).toBe(true);
		expect(retry.result).toEqual(first.result);
		expect(
			(await listEventsAfter(org, 0)).filter((e) => e.kind === 'member.role_changed')
		).toHaveLength(1);
	});

	it('concurrent retries of one mutation apply it once', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const mutation = randomUUID();
		const attempts = await Promise.all(
			[1, 2, 3].map(() =>
				runCommand({ actor: owner, clientMutationId: mutation }, async (_tx, emit) => {
					await emit({ streamId: org, kind: 'test.ping', payload: {} } as unknown as NewEvent);
					return { done: true };
				})
			)
		);
		expect(attempts.filter((a) => !a.replayed)).toHaveLength(1);
		expect(
			(await listEventsAfter(org, 0)).filter((e) => String(e.kind) === 'test.ping')
		).toHaveLength(1);
	});

	it('a command that fails after appending its event leaves neither rows nor event, and publishes nothing', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const published: StreamEvent[] = [];
		setPublisher((e) => published.push(e));
		await expect(
			runCommand({ actor: owner }, async (tx, emit) => {
				await tx`update organizations set name = 'Renamed' where id = ${org}`;
				await emit({ streamId: org, kind: 'test.half_done', payload: {} } as unknown as NewEvent);
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const [row] =
			await sql()`select name, (select last_seq from streams where id = ${org}) as last_seq from organizations where id = ${org}`;
		expect(row?.name).not.toBe('Renamed');
		expect(Number(row?.last_seq)).toBe(1);
		expect(published).toEqual([]);
	});

	it('concurrent commands on one stream get gapless, distinct sequence numbers', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				runCommand({ actor: owner }, async (_tx, emit) => {
					await emit({
						streamId: org,
						kind: 'test.parallel',
						payload: { i }
					} as unknown as NewEvent);
					return {};
				})
			)
		);
		const seqs = (await listEventsAfter(org, 0)).map((e) => e.seq);
		expect(seqs).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
	});

	it('someone else reusing a mutation id is refused', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const mutation = randomUUID();
		await runCommand({ actor: owner, clientMutationId: mutation }, async (_tx, emit) => {
			await emit({ streamId: org, kind: 'test.mine', payload: {} } as unknown as NewEvent);
			return {};
		});
		await expect(
			runCommand({ actor: await newUser(), clientMutationId: mutation }, async () => ({}))
		).rejects.toMatchObject({ code: 'conflict' });
	});
});
