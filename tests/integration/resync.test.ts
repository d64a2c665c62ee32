import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as EVENTS } from '../../src/routes/api/v1/streams/[id=uuid]/events/+server';
import { POST as NOTE } from '../../src/routes/api/v1/incidents/[id=uuid]/notes/+server';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { addNote } from '../../src/lib/server/timeline/commands';
import { newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();
type User = { userId: string; name: string };

function locals(user: User | null) {
	return {
		user: user && {
			id: user.userId,
			email: 'x@example.test',
			displayName: user.name,
			timezone: 'UTC',
			locale: 'en'
		}
	};
}

async function eventsAfter(user: User | null, streamId: string, after: string) {
	const event = {
		locals: locals(user),
		params: { id: streamId },
		url: new URL(`http://localhost/?after=${after}`)
	};
	return EVENTS(event as unknown as Parameters<typeof EVENTS>[0]);
}

async function postNote(user: User | null, incidentId: string, body: unknown) {
	const event = {
		locals: locals(user),
		params: { id: incidentId },
		request: new Request('http://localhost/api', {
			method: 'POST',
			body: typeof body === 'string' ? body : JSON.stringify(body)
		}),
		getClientAddress: () => '127.0.0.1'
	};
	return NOTE(event as unknown as Parameters<typeof NOTE>[0]);
}

async function incident() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const { result } = await declareIncident({ actor: owner }, org, {
		title: 'Resync test',
		severity: 'SEV2'
	});
	return { owner, incidentId: result.incidentId };
}

describe('resync by sequence number', () => {
	it('returns exactly the events after the given sequence number, in order, from PostgreSQL', async () => {
		const { owner, incidentId } = await incident();
		for (const text of ['one', 'two', 'three'])
			await addNote({ actor: owner }, incidentId, { text });
		const response = await eventsAfter(owner, incidentId, '2');
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			events: { seq: number; payload: { text?: string } }[];
			latestSeq: number;
		};
		expect(body.latestSeq).toBe(4);
		expect(body.events.map((e) => [e.seq, e.payload.text])).toEqual([
			[3, 'two'],
			[4, 'three']
		]);
	});

	it('refuses someone outside the incident, even with its exact id', async () => {
		const { incidentId } = await incident();
		expect((await eventsAfter(await newUser('Outsider'), incidentId, '0')).status).toBe(404);
		expect((await eventsAfter(null, incidentId, '0')).status).toBe(401);
	});

	it('refuses a negative or non-numeric sequence number clearly', async () => {
		const { owner, incidentId } = await incident();
		const response = await eventsAfter(owner, incidentId, '-3');
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: { code: 'invalid' } });
	});
});

describe('mutations applied exactly once', () => {
	it('a note retried with the same client mutation id is applied once and answers the first result', async () => {
		const { owner, incidentId } = await incident();
		const body = { text: 'Sent twice over a flaky link', clientMutationId: randomUUID() };
		const first = await postNote(owner, incidentId, body);
		const retry = await postNote(owner, incidentId, body);
		expect(first.status).toBe(201);
		expect(retry.status).toBe(200);
		expect(await retry.json()).toMatchObject({ seq: 2, replayed: true });
		const [row] = await sql()<{ n: number }[]>`
			select count(*)::int as n from events where stream_id = ${incidentId} and kind = 'timeline.note'`;
		expect(row?.n).toBe(1);
	});

	it('a malformed mutation id or body is refused with a clear message and writes nothing', async () => {
		const { owner, incidentId } = await incident();
		const bad = await postNote(owner, incidentId, { text: 'x', clientMutationId: 'not-a-uuid' });
		expect(bad.status).toBe(400);
		const notJson = await postNote(owner, incidentId, '{not json');
		expect(notJson.status).toBe(400);
		expect(await notJson.json()).toMatchObject({
			error: { message: 'The request body must be JSON.' }
		});
		const [row] = await sql()<
			{ n: number }[]
		>`select last_seq::int as n from streams where id = ${incidentId}`;
		expect(row?.n).toBe(1);
	});
});
