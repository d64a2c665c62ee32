import { describe, expect, it } from 'vitest';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { revokeIntegration } from '../../src/lib/server/alerts/integrations';
import { listAlertGroups } from '../../src/lib/server/alerts/queries';
import { createItem } from '../../src/lib/server/inventory/commands';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { fixture, newIntegration, post } from './alerts-helpers';
import { newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

async function setting(rules: Record<string, unknown> = {}, kind = 'alertmanager') {
	await resetRateLimits();
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const integration = await newIntegration(owner, org, { kind, name: 'Prometheus', ...rules });
	return { owner, org, integration };
}

async function counts(org: string) {
	const [row] = await sql()<{ groups: number; members: number; incidents: number }[]>`
		select (select count(*)::int from alert_groups where organization_id = ${org}) as groups,
			(select count(*)::int from alerts a join alert_groups g on g.id = a.group_id
				where g.organization_id = ${org}) as members,
			(select count(*)::int from incidents where organization_id = ${org}) as incidents`;
	return row;
}

function withStatus(payload: Record<string, unknown>, status: 'firing' | 'resolved') {
	const alerts = payload.alerts as Record<string, unknown>[];
	return {
		...payload,
		status,
		alerts: alerts.map((a) => ({
			...a,
			status,
			endsAt: status === 'resolved' ? '2023-02-06T13:20:45.828Z' : '0001-01-01T00:00:00Z'
		}))
	};
}

describe('Alertmanager webhook (payload version 4, the documented example)', () => {
	it('the same firing payload posted 10 times yields one group, one member, one incident', async () => {
		const { org, integration, owner } = await setting();
		const answers = await Promise.all(
			Array.from({ length: 10 }, () => post(integration.path, fixture('alertmanager-v4')))
		);
		expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
		expect(await counts(org)).toEqual({ groups: 1, members: 1, incidents: 1 });
		const page = await listAlertGroups(owner, org, {});
		expect(page.items[0]).toMatchObject({
			status: 'firing',
			title: 'BlackBox Probe Failure: https://server.example.org',
			firingCount: 1
		});
		const [incident] = await sql()<{ id: string; severity: string; title: string }[]>`
			select id, severity, title from incidents where organization_id = ${org}`;
		// severity="critical" maps to SEV1.
		expect(incident).toMatchObject({ severity: 'SEV1' });
		const events = await listEventsAfter(incident?.id ?? '', 0);
		expect(events.filter((e) => e.kind === 'alert.firing')).toHaveLength(1);
		expect(events.every((e) => e.source === 'alert')).toBe(true);
		expect(events.every((e) => e.actorName === 'Prometheus')).toBe(true);
	});

	it('a resolved payload closes exactly the matching member, then the group', async () => {
		const { org, integration, owner } = await setting({ action: 'list' });
		const base = fixture('alertmanager-v4');
		const [first] = base.alerts as Record<string, unknown>[];
		const second = {
			...first,
			labels: { ...(first?.labels as object), instance: 'https://other.example.org' },
			fingerprint: '2b41cb82ddb3a32a'
		};
		const two = { ...base, alerts: [first, second] };
		expect((await post(integration.path, two)).status).toBe(202);
		const resolvedOne = {
			...withStatus({ ...base, alerts: [second] }, 'resolved'),
			status: 'firing'
		};
		expect((await post(integration.path, resolvedOne)).status).toBe(202);
		let [group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.status).toBe('firing');
		expect(group?.members.map((m) => [m.fingerprint, m.status])).toEqual([
			['1a30ba71cca2921f', 'firing'],
			['2b41cb82ddb3a32a', 'resolved']
		]);
		await post(integration.path, withStatus(two, 'resolved'));
		[group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.status).toBe('resolved');
		expect(group?.resolvedAt).not.toBeNull();
		expect(await counts(org)).toMatchObject({ groups: 1, members: 2, incidents: 0 });
	});

	it('a truncated payload shows the count', async () => {
		const { org, integration, owner } = await setting({ action: 'list' });
		await post(integration.path, { ...fixture('alertmanager-v4'), truncatedAlerts: 37 });
		const [group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.truncatedAlerts).toBe(37);
	});

	it('a 20-service storm of one outage yields one incident, linking and marking the servers', async () => {
		const { org, integration, owner } = await setting({ serverStatus: 'down' });
		for (let i = 1; i <= 20; i += 1) {
			await createItem({ actor: owner }, org, { hostname: `svc${i}`, status: 'up' });
		}
		const base = fixture('alertmanager-v4');
		const [alert] = base.alerts as Record<string, unknown>[];
		for (let i = 1; i <= 20; i += 1) {
			const labels = { ...(alert?.labels as object), instance: `svc${i}:9100`, service: `svc${i}` };
			const payload = {
				...base,
				groupKey: `{}:{service="svc${i}"}`,
				groupLabels: { service: `svc${i}` },
				commonLabels: labels,
				alerts: [{ ...alert, labels, fingerprint: `fp${i}` }]
			};
			expect((await post(integration.path, payload)).status).toBe(202);
		}
		expect(await counts(org)).toMatchObject({ groups: 20, members: 20, incidents: 1 });
		const [linked] = await sql()<{ n: number; down: number }[]>`
			select count(*)::int as n, count(*) filter (where i.status = 'down')::int as down
			from incident_items ii join inventory_items i on i.id = ii.item_id
			where i.organization_id = ${org}`;
		expect(linked).toEqual({ n: 20, down: 20 });
	});

	it('attaches to the open incident its server is linked to instead of declaring', async () => {
		const { org, integration, owner } = await setting();
		await createItem({ actor: owner }, org, { hostname: 'server', status: 'up' });
		// The first alert declares; a different group naming the same server attaches to it.
		await post(integration.path, fixture('alertmanager-v4'));
		const other = { ...fixture('alertmanager-v4'), groupKey: '{}:{alertname="Other"}' };
		await sql()`update alert_groups set status = 'resolved'`; // outside the storm rule
		const answer = JSON.parse((await post(integration.path, other)).body);
		expect(answer).toMatchObject({ declared: false });
		expect(await counts(org)).toMatchObject({ groups: 2, incidents: 1 });
	});

	it('a malformed payload is refused naming the field and writes nothing', async () => {
		const { org, integration } = await setting();
		const bad = fixture('alertmanager-v4');
		(bad.alerts as Record<string, unknown>[])[0] = { labels: {}, status: 'burning' };
		const answer = await post(integration.path, bad);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).error.fields).toHaveProperty(['alerts.0.status']);
		const wrongVersion = await post(integration.path, {
			...fixture('alertmanager-v4'),
			version: '3'
		});
		expect(JSON.parse(wrongVersion.body).error.fields).toHaveProperty('version');
		const notJson = await post(integration.path, 'not json');
		expect(notJson.status).toBe(400);
		expect(await counts(org)).toEqual({ groups: 0, members: 0, incidents: 0 });
	});

	it('a revoked integration is refused (404), an unknown one too, a missing bearer 401', async () => {
		const { org, integration, owner } = await setting();
		await revokeIntegration({ actor: owner }, org, { integrationId: integration.integrationId });
		expect((await post(integration.path, fixture('alertmanager-v4'))).status).toBe(404);
		expect((await post('/api/v1/ingest/nsi_unknown', fixture('alertmanager-v4'))).status).toBe(404);
		const guarded = await newIntegration(owner, org, {
			kind: 'alertmanager',
			name: 'Guarded',
			withBearer: true
		});
		expect((await post(guarded.path, fixture('alertmanager-v4'))).status).toBe(401);
		expect((await post(guarded.path, fixture('alertmanager-v4'), 'wrong')).status).toBe(401);
		expect(
			(await post(guarded.path, fixture('alertmanager-v4'), guarded.bearer ?? '')).status
		).toBe(202);
	});
});

describe('Grafana webhook (the documented example)', () => {
	it('is one group of two members; a repeat changes nothing', async () => {
		const { org, integration, owner } = await setting({ action: 'list' }, 'grafana');
		expect((await post(integration.path, fixture('grafana'))).status).toBe(202);
		const again = JSON.parse((await post(integration.path, fixture('grafana'))).body);
		expect(again).toMatchObject({ changed: 0, status: 'firing' });
		const [group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.members.map((m) => m.fingerprint).sort()).toEqual([
			'bc97ff14869b13e3',
			'c6eadffa33fcdf37'
		]);
		expect(group?.title).toBe('[FIRING:2]  (blue)');
		// One timeline event per notification and state, listing its alerts.
		const events = (await listEventsAfter(org, 0)).filter((e) => e.kind.startsWith('alert.'));
		expect(
			events.map((e) => [e.kind, e.kind === 'alert.firing' ? e.payload.count : null, e.source])
		).toEqual([['alert.firing', 2, 'alert']]);
	});
});

describe('PagerDuty Events API v2 (the documented examples)', () => {
	it('trigger opens a group per dedup_key, acknowledge and resolve update it; unknown keys are ignored', async () => {
		const { org, integration, owner } = await setting({ action: 'list' }, 'pagerduty');
		const trigger = await post(integration.path, fixture('pagerduty-trigger'));
		expect(trigger.status).toBe(202);
		expect(JSON.parse(trigger.body)).toMatchObject({
			status: 'success',
			message: 'Event processed',
			dedup_key: 'samplekeyhere'
		});
		await post(integration.path, fixture('pagerduty-trigger'));
		// The documented acknowledge and resolve name another key: as PagerDuty, ignored.
		const ignored = JSON.parse((await post(integration.path, fixture('pagerduty-resolve'))).body);
		expect(ignored).toMatchObject({ status: 'success', groupStatus: 'ignored' });
		expect(await counts(org)).toMatchObject({ groups: 1, members: 1 });
		const ack = { ...fixture('pagerduty-acknowledge'), dedup_key: 'samplekeyhere' };
		await post(integration.path, ack);
		let [group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.members[0]?.status).toBe('acknowledged');
		expect(group?.title).toBe('Example alert on host1.example.com');
		const resolve = { ...fixture('pagerduty-resolve'), dedup_key: 'samplekeyhere' };
		await post(integration.path, resolve);
		[group] = (await listAlertGroups(owner, org, {})).items;
		expect(group?.status).toBe('resolved');
	});

	it('a trigger without dedup_key gets one; acknowledge without it is refused naming it', async () => {
		const { integration } = await setting({ action: 'list' }, 'pagerduty');
		const { dedup_key: _, ...withoutKey } = fixture('pagerduty-trigger');
		const answer = JSON.parse((await post(integration.path, withoutKey)).body);
		expect(answer.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
		const { dedup_key: __, ...ack } = fixture('pagerduty-acknowledge');
		const refused = await post(integration.path, ack);
		expect(refused.status).toBe(400);
		expect(JSON.parse(refused.body).error.fields).toHaveProperty('dedup_key');
		const badSeverity = fixture('pagerduty-trigger');
		(badSeverity.payload as Record<string, unknown>).severity = 'fatal';
		const bad = await post(integration.path, badSeverity);
		expect(JSON.parse(bad.body).error.fields).toHaveProperty(['payload.severity']);
	});
});
