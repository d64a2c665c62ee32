import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { db } from '../../src/lib/server/db/db';
import { setChatUpdates } from '../../src/lib/server/incidents/chat';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { addNote } from '../../src/lib/server/timeline/commands';
import { startWorker, stopWorker } from '../../src/lib/server/queue/queue';
import { TASKS } from '../../src/lib/server/queue/tasks';
import { startOwnWorker } from './outbound/queue';
import {
	createEndpoint,
	readEndpoint,
	redeliver,
	rotateSecret
} from '../../src/lib/server/webhooks/endpoints';
import { startReceiver, until } from './outbound/receivers';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

const env = { ...process.env };
beforeAll(async () => {
	await startOwnWorker(inject('databaseUrl'));
});
afterAll(async () => {
	await stopWorker();
});
beforeEach(() => {
	process.env = { ...env, WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1/32', WEBHOOKS_RETRY_BASE_MS: '50' };
});

async function organizationWithEndpoint(url: string, groups = ['incident']) {
	const owner = await newUser('Claire');
	const organizationId = await newOrganization(owner);
	const endpoint = await createEndpoint({ actor: owner }, organizationId, {
		name: 'Receiver',
		url,
		groups
	});
	if (!endpoint.secret) throw new Error('the new endpoint came without its secret');
	const declare = async (title = 'Shop down') =>
		(await declareIncident({ actor: owner }, organizationId, { title, severity: 'SEV1' })).result
			.incidentId;
	return {
		owner,
		organizationId,
		endpointId: endpoint.endpointId,
		secret: endpoint.secret,
		declare
	};
}

const deliveries = async (endpointId: string) =>
	db()<{ status: string; attempts: number; error: string | null; message_id: string }[]>`
		select status, attempts, error, message_id from webhook_deliveries where endpoint_id = ${endpointId}`;

const settled = (endpointId: string, status: string) =>
	until(
		async () => (await deliveries(endpointId)).find((d) => d.status === status),
		`a ${status} delivery`
	);

/** The three Standard Webhooks headers of a received delivery, as the verifier takes them. */
function signatureHeaders(headers: Record<string, unknown>) {
	return {
		'webhook-id': String(headers['webhook-id']),
		'webhook-timestamp': String(headers['webhook-timestamp']),
		'webhook-signature': String(headers['webhook-signature'])
	};
}

describe('outgoing webhooks (Standard Webhooks 1.0)', () => {
	it('signs every delivery so the reference library verifies it, and refuses a tampered body or an old timestamp', async () => {
		const receiver = await startReceiver();
		const { secret, declare, endpointId } = await organizationWithEndpoint(receiver.url);
		await declare('Payment pages down');
		await settled(endpointId, 'delivered');
		const [request] = receiver.received;
		if (!request) throw new Error('nothing received');
		const headers = signatureHeaders(request.headers);
		const verified = new Webhook(secret).verify(request.body, headers) as {
			type: string;
			data: { id: string; incident: { title: string } };
		};
		expect(verified.type).toBe('incident.declared');
		expect(verified.data.incident.title).toBe('Payment pages down');
		expect(verified.data.id).toBe(headers['webhook-id']);
		expect(() =>
			new Webhook(secret).verify(request.body.replace('Payment', 'Paymant'), headers)
		).toThrow();
		const old = String(Number(headers['webhook-timestamp']) - 3600);
		expect(() =>
			new Webhook(secret).verify(request.body, { ...headers, 'webhook-timestamp': old })
		).toThrow();
		await receiver.close();
	});

	it('signs with both secrets while a rotation overlaps, so the receiver accepts either', async () => {
		const receiver = await startReceiver();
		const {
			owner,
			organizationId,
			endpointId,
			secret: oldSecret,
			declare
		} = await organizationWithEndpoint(receiver.url);
		const { secret: newSecret } = await rotateSecret({ actor: owner }, organizationId, endpointId);
		if (!newSecret) throw new Error('the rotation came without the new secret');
		await declare();
		await settled(endpointId, 'delivered');
		const [request] = receiver.received;
		if (!request) throw new Error('nothing received');
		const headers = signatureHeaders(request.headers);
		expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
		expect(() => new Webhook(oldSecret).verify(request.body, headers)).not.toThrow();
		expect(() => new Webhook(newSecret).verify(request.body, headers)).not.toThrow();
		await receiver.close();
	});

	it('retries a receiver that fails 3 times, then delivers exactly once more, with the same message id', async () => {
		const receiver = await startReceiver((n) => ({
			status: n <= 3 ? 500 : 200,
			body: n <= 3 ? 'down' : 'ok'
		}));
		const { endpointId, declare } = await organizationWithEndpoint(receiver.url);
		await declare();
		const done = await settled(endpointId, 'delivered');
		expect(done.attempts).toBe(4);
		// Nothing more comes: wait for the queue to hold no job for this endpoint any more.
		await until(async () => {
			const [row] = await db()<{ n: number }[]>`
				select count(*)::int as n from graphile_worker.jobs where task_identifier = 'webhook_deliver'`;
			return row?.n === 0;
		}, 'an empty queue');
		expect(receiver.received).toHaveLength(4);
		const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
		expect(ids.size).toBe(1);
		expect(receiver.received.filter((r, i) => i < 3).length).toBe(3);
		await receiver.close();
	});

	it('keeps a delivery committed by an app killed before sending it, and sends it after restart', async () => {
		const receiver = await startReceiver();
		const { owner, organizationId, endpointId } = await organizationWithEndpoint(receiver.url);
		await stopWorker();
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/integration/outbound/commit-and-crash.ts'],
			{
				env: {
					...process.env,
					DATABASE_URL: inject('databaseUrl'),
					CRASH_ORG: organizationId,
					CRASH_USER: owner.userId
				},
				stdio: ['ignore', 'pipe', 'inherit']
			}
		);
		let output = '';
		child.stdout.on('data', (c: Buffer) => (output += c.toString()));
		const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
			child.on('exit', (_c, s) => resolve(s))
		);
		expect(signal).toBe('SIGKILL');
		expect(output).toContain('committed');
		expect(receiver.received).toHaveLength(0);
		await startWorker(inject('databaseUrl'), TASKS, { pollInterval: 100 });
		await settled(endpointId, 'delivered');
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0]?.body).toContain('Declared before the crash');
		await receiver.close();
	}, 60_000);

	it('redelivers from the log under the same message id', async () => {
		const receiver = await startReceiver();
		const { owner, organizationId, endpointId, declare } = await organizationWithEndpoint(
			receiver.url
		);
		await declare('Payment pages down');
		await settled(endpointId, 'delivered');
		const { deliveries: log } = await readEndpoint(owner, organizationId, endpointId);
		const first = log[0];
		if (!first) throw new Error('no delivery in the log');
		// The log says what was sent in words; the ids are only for developers.
		expect(first.summary).toBeTruthy();
		expect(first.summary).not.toContain('evt_');
		expect(first.summary).not.toContain('incident.declared');
		expect(first.incidentTitle).toBe('Payment pages down');
		expect(first.occurredAt).toBeInstanceOf(Date);
		expect(first.messageId).toMatch(/^evt_\d+$/);
		await redeliver({ actor: owner }, organizationId, endpointId, first.id);
		await until(() => receiver.received.length === 2, 'the redelivery');
		expect(receiver.received[1]?.headers['webhook-id']).toBe(
			receiver.received[0]?.headers['webhook-id']
		);
		await receiver.close();
	});
});

describe('the SSRF guard', () => {
	it('refuses loopback, the metadata address and private addresses by default, without connecting', async () => {
		process.env = { ...env, WEBHOOKS_RETRY_BASE_MS: '50' };
		const receiver = await startReceiver();
		for (const url of [
			receiver.url,
			'http://169.254.169.254/latest/meta-data',
			'http://10.1.2.3/hooks',
			'http://[::1]:9/x'
		]) {
			const { endpointId, declare } = await organizationWithEndpoint(url);
			await declare();
			const refused = await settled(endpointId, 'refused');
			expect(refused.error).toMatch(/loopback, private, link-local or metadata/);
		}
		expect(receiver.received).toHaveLength(0);
		await receiver.close();
	});

	it('delivers to a private address when the setting allows it', async () => {
		process.env = { ...env, WEBHOOKS_ALLOW_PRIVATE: 'true' };
		const receiver = await startReceiver();
		const { endpointId, declare } = await organizationWithEndpoint(receiver.url);
		await declare();
		await settled(endpointId, 'delivered');
		expect(receiver.received).toHaveLength(1);
		await receiver.close();
	});

	it('refuses a redirect to a private address, and follows none by default', async () => {
		const receiver = await startReceiver(() => ({
			status: 302,
			headers: { location: 'http://169.254.169.254/latest/meta-data/' }
		}));
		process.env = { ...env, WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1/32', WEBHOOKS_MAX_REDIRECTS: '3' };
		const followed = await organizationWithEndpoint(receiver.url);
		await followed.declare();
		const refused = await settled(followed.endpointId, 'refused');
		expect(refused.error).toMatch(/169\.254\.169\.254/);

		process.env = {
			...env,
			WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1/32',
			WEBHOOKS_RETRY_BASE_MS: '60000'
		};
		const plain = await organizationWithEndpoint(receiver.url);
		await plain.declare();
		const notFollowed = await settled(plain.endpointId, 'retrying');
		expect(notFollowed.error).toMatch(/not followed/);
		await receiver.close();
	});
});

describe('chat and failing endpoints', () => {
	it("posts a room's updates to a chat endpoint only while the room says so, as Slack's {text}", async () => {
		const receiver = await startReceiver();
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const { endpointId } = await createEndpoint({ actor: owner }, organizationId, {
			name: '#ops-shop',
			url: receiver.url,
			flavour: 'chat',
			groups: ['incident', 'timeline']
		});
		const signed = await startReceiver();
		await createEndpoint({ actor: owner }, organizationId, {
			name: 'SIEM',
			url: signed.url,
			groups: ['incident']
		});
		const { result } = await declareIncident({ actor: owner }, organizationId, {
			title: 'Checkout down',
			severity: 'SEV1'
		});
		// The signed endpoint hears the declaration; the chat one does not (not switched on yet).
		await until(() => signed.received.length === 1, 'the signed delivery');
		expect(receiver.received).toHaveLength(0);

		const on = await setChatUpdates({ actor: owner }, result.incidentId, { enabled: 'true' });
		expect(on.result).toEqual({ enabled: true, changed: true });
		await addNote({ actor: owner }, result.incidentId, { text: 'Rempart NOC called back' });
		await settled(endpointId, 'delivered');
		const [message] = receiver.received;
		if (!message) throw new Error('nothing posted');
		const body = JSON.parse(message.body) as { text: string };
		expect(body.text).toContain('Checkout down');
		expect(body.text).toContain('Rempart NOC called back');
		expect(body.text).toContain(`/incidents/${result.incidentId}|`);
		expect(message.headers['webhook-signature']).toBeUndefined();

		await setChatUpdates({ actor: owner }, result.incidentId, { enabled: false });
		const [event] = await db()<{ payload: { enabled: boolean } }[]>`
			select payload from events where stream_id = ${result.incidentId}
				and kind = 'incident.chat_changed' order by seq desc limit 1`;
		expect(event?.payload.enabled).toBe(false);
		await receiver.close();
		await signed.close();
	});

	it('refuses the switch to a viewer', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const viewer = await addMember(organizationId, 'viewer');
		const { result } = await declareIncident({ actor: owner }, organizationId, {
			title: 'Checkout down',
			severity: 'SEV2'
		});
		await expect(
			setChatUpdates({ actor: viewer }, result.incidentId, { enabled: true })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			setChatUpdates({ actor: owner }, result.incidentId, { enabled: 'maybe' })
		).rejects.toMatchObject({ code: 'invalid' });
	});

	it('turns off an endpoint failing for a day (here, WEBHOOKS_GIVE_UP_MS) and tells its admins', async () => {
		process.env = {
			...env,
			WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1/32',
			WEBHOOKS_RETRY_BASE_MS: '50',
			WEBHOOKS_RETRY_MAX_MS: '100',
			WEBHOOKS_GIVE_UP_MS: '400'
		};
		const receiver = await startReceiver(() => ({ status: 503, body: 'maintenance' }));
		const { owner, organizationId, endpointId, declare } = await organizationWithEndpoint(
			receiver.url
		);
		const admin = await addMember(organizationId, 'admin');
		await declare();
		const off = await until(async () => {
			const [row] = await db()<{ enabled: boolean; disabled_reason: string | null }[]>`
				select enabled, disabled_reason from webhook_endpoints where id = ${endpointId}`;
			return row && !row.enabled ? row : null;
		}, 'the endpoint turned off');
		expect(off.disabled_reason).toMatch(/Failing for a day: The receiver answered 503/);
		const { endpoint, deliveries: log } = await readEndpoint(owner, organizationId, endpointId);
		expect(endpoint.enabled).toBe(false);
		expect(log[0]?.status).toBe('failed');
		expect(log[0]?.responseExcerpt).toContain('maintenance');
		const mails = await db()<{ user_id: string; kind: string; subject: string }[]>`
			select user_id, kind, subject from mail_messages where organization_id = ${organizationId}
				and kind = 'webhook_disabled'`;
		expect(mails.map((m) => m.user_id).sort()).toEqual([owner.userId, admin.userId].sort());
		expect(mails[0]?.subject).toContain('Receiver');
		const [event] = await db()<{ kind: string }[]>`
			select kind from events where stream_id = ${organizationId} and kind = 'webhook.disabled'`;
		expect(event?.kind).toBe('webhook.disabled');
		// A redelivery waits until someone turns it on again.
		await expect(
			redeliver({ actor: owner }, organizationId, endpointId, log[0]?.id)
		).rejects.toMatchObject({ code: 'conflict' });
		await receiver.close();
	}, 60_000);
});
