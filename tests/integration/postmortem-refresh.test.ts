import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { db } from '../../src/lib/server/db/db';
import { call } from './harness/dispatch';
import { endpointHandler, type Handler } from './harness/routes';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

const DECLARE = endpointHandler('POST', '/api/v1/orgs/[id=uuid]/incidents');
const STATUS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/status');
const MILESTONES = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/milestones');
const NOTES = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/notes');
const FIGURES = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/figures');
const POSTMORTEM = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/postmortem');
const MARKDOWN = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/postmortem');
const SECTIONS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/postmortem/sections');
const PREVIEW = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/postmortem/refresh');
const REFRESH = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/postmortem/refresh');
const MOVE = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/postmortem/status');

/**
 * A published outage written up years later (times UTC, June 2019): impact from 04:52,
 * detected 05:15, acknowledged 05:19, declared 05:21, cause identified 08:40, mitigated 19:05,
 * recovered and resolved 22:23 — 17 h 08 min from detection to recovery.
 */
const NIGHT = {
	trigger: '2019-06-24T04:52:00Z',
	detected: '2019-06-24T05:15:00Z',
	acknowledged: '2019-06-24T05:19:00Z',
	declared: '2019-06-24T05:21:00Z',
	identified: '2019-06-24T08:40:00Z',
	monitoring: '2019-06-24T19:10:00Z',
	mitigated: '2019-06-24T19:05:00Z',
	recovered: '2019-06-24T22:23:00Z'
};
/** Counted by hand from the times above, in seconds. */
const HAND_COUNT = {
	detect: 23 * 60,
	acknowledge: 4 * 60,
	identify: (3 * 60 + 25) * 60,
	mitigate: (13 * 60 + 50) * 60,
	recover: (17 * 60 + 8) * 60,
	impact: (17 * 60 + 31) * 60
};
const REPORT = 'From the public report';
const NOTES_TEXT = [
	{ text: 'Checkout errors reported by customers on social media', at: '2019-06-24T05:02:00Z' },
	{ text: 'Route leak from a transit provider suspected', at: '2019-06-24T07:30:00Z' }
];
const DECISION = { text: 'Fail traffic over to the second region', at: '2019-06-24T09:15:00Z' };
const LATE_NOTE = {
	text: 'Upstream filters installed by the transit provider',
	at: '2019-06-24T18:40:00Z'
};

async function post(handler: Handler, id: string, json: object, bearer: string) {
	const answer = await call(handler, { params: { id }, json }, { bearer });
	expect(answer.status, answer.body).toBeLessThan(300);
	return JSON.parse(answer.body);
}

async function lastSeq(id: string): Promise<number> {
	const [row] = await db()<{ last_seq: string }[]>`select last_seq from streams where id = ${id}`;
	return Number(row?.last_seq);
}

async function section(id: string, key: string) {
	const [row] = await db()<{ body: string; version: number }[]>`
		select body, version from postmortem_sections where incident_id = ${id} and key = ${key}`;
	return row ?? { body: '', version: 0 };
}

/** The whole night written afterwards through the API, in the order a write-up gets typed. */
async function writeNight() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const { token } = await createApiToken({ actor: owner }, org, {
		name: 'Write-up script',
		role: 'responder'
	});
	const bearer = token ?? '';
	const declared = await call(
		DECLARE,
		{
			params: { id: org },
			json: {
				title: 'Checkout down for most of a day',
				severity: 'SEV1',
				detectedAt: NIGHT.detected,
				declaredAt: NIGHT.declared,
				milestones: { trigger: NIGHT.trigger, acknowledged: NIGHT.acknowledged }
			}
		},
		{ bearer }
	);
	expect(declared.status, declared.body).toBe(201);
	const id: string = JSON.parse(declared.body).incidentId;
	for (const note of NOTES_TEXT)
		await post(NOTES, id, { text: note.text, occurredAt: note.at, backdateReason: REPORT }, bearer);
	await post(
		NOTES,
		id,
		{ text: DECISION.text, kind: 'decision', occurredAt: DECISION.at, backdateReason: REPORT },
		bearer
	);
	for (const milestone of ['identified', 'mitigated'] as const)
		await post(MILESTONES, id, { milestone, occurredAt: NIGHT[milestone], reason: REPORT }, bearer);
	for (const [status, occurredAt] of [
		['identified', NIGHT.identified],
		['monitoring', NIGHT.monitoring],
		['resolved', NIGHT.recovered]
	] as const)
		await post(STATUS, id, { status, occurredAt, reason: REPORT }, bearer);
	return { id, bearer };
}

describe('the post-mortem of a night written afterwards follows the record', () => {
	it('lists every note, decision, milestone and status change; a refresh adds a later note and keeps what people wrote', async () => {
		const { id, bearer } = await writeNight();

		// The figures are the hand count, in the API and in the post-mortem's words.
		const figures: { key: string; seconds: number | null }[] = JSON.parse(
			(await call(FIGURES, { params: { id } }, { bearer })).body
		).figures;
		expect(Object.fromEntries(figures.map((f) => [f.key, f.seconds]))).toMatchObject(HAND_COUNT);

		await post(POSTMORTEM, id, {}, bearer);
		const recorded = await db()<{ kind: string }[]>`
			select kind from events where stream_id = ${id}
				and (kind in ('timeline.note', 'timeline.decision', 'incident.declared',
					'incident.status_changed') or kind like 'milestone.%')`;
		// 2 notes, 1 decision, declaration, 3 status changes, 6 milestones (recovered by the resolution).
		expect(recorded.length).toBe(13);
		const timeline = (await section(id, 'timeline')).body.split('\n');
		expect(timeline.length).toBe(recorded.length);
		for (const text of [...NOTES_TEXT.map((n) => n.text), DECISION.text])
			expect(timeline.filter((l) => l.includes(text)).length).toBe(1);
		// In the order things happened, each dated with its year (2019 is not this year), in the
		// incident's zone (Paris, UTC+2 in June: the night ends past midnight).
		expect(timeline.every((l) => /^- \*\*2[45] Jun 2019, \d\d:\d\d\*\* /.test(l))).toBe(true);
		expect(timeline.map((l) => l.slice(4, 22))).toEqual([
			'24 Jun 2019, 06:52',
			'24 Jun 2019, 07:02',
			'24 Jun 2019, 07:15',
			'24 Jun 2019, 07:19',
			'24 Jun 2019, 07:21',
			'24 Jun 2019, 09:30',
			'24 Jun 2019, 10:40',
			'24 Jun 2019, 10:40',
			'24 Jun 2019, 11:15',
			'24 Jun 2019, 21:05',
			'24 Jun 2019, 21:10',
			'25 Jun 2019, 00:23',
			'25 Jun 2019, 00:23'
		]);
		const markdown: string = JSON.parse(
			(await call(MARKDOWN, { params: { id } }, { bearer })).body
		).markdown;
		expect(markdown).toContain('17 h 08 min');

		// Fresh from the record: nothing to refresh.
		const idle = JSON.parse((await call(PREVIEW, { params: { id } }, { bearer })).body);
		expect(idle).toMatchObject({ added: 0, removed: 0, changed: 0, kept: 0, changes: [] });

		// People write: a line of their own in the timeline, the summary reworded, the cause.
		const own = 'Timeline rebuilt from the provider status page and our chat log.';
		const timelineBody = [own, ...timeline].join('\n');
		await post(
			SECTIONS,
			id,
			{ key: 'timeline', body: timelineBody, baseVersion: (await section(id, 'timeline')).version },
			bearer
		);
		const summary = 'A route leak took checkout down for 17 hours; we were slow to fail over.';
		await post(
			SECTIONS,
			id,
			{ key: 'summary', body: summary, baseVersion: (await section(id, 'summary')).version },
			bearer
		);
		const cause = 'A transit provider accepted a leaked route.';
		await post(SECTIONS, id, { key: 'root_cause', body: cause, baseVersion: 1 }, bearer);

		// A note found later, written at its true time.
		await post(
			NOTES,
			id,
			{ text: LATE_NOTE.text, occurredAt: LATE_NOTE.at, backdateReason: REPORT },
			bearer
		);

		const before = await lastSeq(id);
		const preview = JSON.parse((await call(PREVIEW, { params: { id } }, { bearer })).body);
		expect(preview).toMatchObject({ added: 1, removed: 0, changed: 0, kept: 0 });
		expect(preview.changes).toEqual([
			{
				section: 'timeline',
				kind: 'added',
				text: expect.stringContaining(LATE_NOTE.text),
				before: null
			}
		]);
		expect(await lastSeq(id)).toBe(before);

		const applied = await post(REFRESH, id, {}, bearer);
		expect(applied).toMatchObject({ added: 1, removed: 0, changed: 0, kept: 0 });
		const refreshed = (await section(id, 'timeline')).body.split('\n');
		expect(refreshed[0]).toBe(own);
		expect(refreshed.length).toBe(timeline.length + 2);
		const late = refreshed.findIndex((l) => l.includes(LATE_NOTE.text));
		// Between the decision (11:15 Paris) and the mitigation (21:05), where it happened.
		expect(refreshed[late - 1]).toContain(DECISION.text);
		expect(refreshed[late + 1]).toContain('21:05** Milestone: Mitigated');
		expect((await section(id, 'summary')).body).toBe(summary);
		expect((await section(id, 'root_cause')).body).toBe(cause);
		const events = await db()<{ kind: string; payload: { added: number } }[]>`
			select kind, payload from events where stream_id = ${id} and seq > ${before}`;
		expect(events.map((e) => [e.kind, e.payload.added])).toEqual([['postmortem.refreshed', 1]]);

		// A second refresh changes nothing and writes nothing.
		const again = await post(REFRESH, id, {}, bearer);
		expect(again).toMatchObject({ added: 0, removed: 0, changed: 0, kept: 0 });
		expect(await lastSeq(id)).toBe(before + 1);
	});

	it('refuses to refresh a published post-mortem, with nothing written', async () => {
		const { id, bearer } = await writeNight();
		await post(POSTMORTEM, id, {}, bearer);
		await post(MOVE, id, { to: 'in_review' }, bearer);
		await post(MOVE, id, { to: 'published' }, bearer);
		await post(
			NOTES,
			id,
			{ text: LATE_NOTE.text, occurredAt: LATE_NOTE.at, backdateReason: REPORT },
			bearer
		);
		const before = await lastSeq(id);
		const refused = await call(REFRESH, { params: { id }, json: {} }, { bearer });
		expect(refused.status).toBe(409);
		expect(await lastSeq(id)).toBe(before);
	});
});
