import { describe, expect, it } from 'vitest';
import { logCall, createContact } from '../../src/lib/server/contacts/commands';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import {
	changeIncidentStatus,
	declareIncident,
	setCommander
} from '../../src/lib/server/incidents/commands';
import { listIncidents, readIncident } from '../../src/lib/server/incidents/queries';
import { addNote, pinEvent } from '../../src/lib/server/timeline/commands';
import { listTimeline } from '../../src/lib/server/timeline/queries';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

async function incidentOf(kind: 'merchant' | 'provider' = 'merchant') {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner, kind);
	const { result } = await declareIncident({ actor: owner }, org, {
		title: 'Shop down',
		severity: 'SEV1',
		summary: 'catalogue, payment'
	});
	return { owner, org, incidentId: result.incidentId };
}

describe('incidents', () => {
	it('declaring one creates its stream with incident.declared as event 1 and the declarer as commander', async () => {
		const { owner, incidentId } = await incidentOf();
		const incident = await readIncident(incidentId);
		expect(incident).toMatchObject({
			title: 'Shop down',
			severity: 'SEV1',
			status: 'investigating',
			mode: 'real',
			commanderId: owner.userId,
			lastSeq: 1
		});
		expect((await listEventsAfter(incidentId, 0)).map((e) => e.kind)).toEqual([
			'incident.declared'
		]);
	});

	it('refuses a bad severity and a future detection time by field, and creates nothing', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		const before = await sql()`select count(*)::int as n from incidents`;
		await expect(
			declareIncident({ actor: owner }, org, { title: 'X happened', severity: 'SEV9' })
		).rejects.toMatchObject({
			code: 'invalid',
			fields: { severity: 'Choose a severity from SEV1 to SEV4.' }
		});
		const future = new Date(Date.now() + 3_600_000).toISOString();
		await expect(
			declareIncident({ actor: owner }, org, {
				title: 'X happened',
				severity: 'SEV2',
				detectedAt: future
			})
		).rejects.toMatchObject({
			fields: { detectedAt: 'This time is in the future.' }
		});
		expect(await sql()`select count(*)::int as n from incidents`).toEqual(before);
	});

	it('a viewer cannot declare; an outsider cannot see or change an incident', async () => {
		const { org, incidentId } = await incidentOf();
		const viewer = await addMember(org, 'viewer');
		await expect(
			declareIncident({ actor: viewer }, org, { title: 'Nope nope', severity: 'SEV3' })
		).rejects.toMatchObject({ code: 'forbidden' });
		const outsider = await newUser('Outsider');
		await expect(
			changeIncidentStatus({ actor: outsider }, incidentId, { status: 'identified' })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(addNote({ actor: outsider }, incidentId, { text: 'hi' })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await listIncidents(outsider.userId)).toEqual([]);
	});

	it('moves through the lifecycle, one timeline event per change, and sets resolved-at', async () => {
		const { owner, incidentId } = await incidentOf();
		for (const status of ['identified', 'mitigating', 'monitoring', 'resolved', 'closed']) {
			await changeIncidentStatus({ actor: owner }, incidentId, { status });
		}
		const incident = await readIncident(incidentId);
		expect(incident?.status).toBe('closed');
		expect(incident?.resolvedAt).toBeInstanceOf(Date);
		const changes = (await listEventsAfter(incidentId, 0)).filter(
			(e) => e.kind === 'incident.status_changed'
		);
		expect(changes.map((e) => e.payload.to)).toEqual([
			'identified',
			'mitigating',
			'monitoring',
			'resolved',
			'closed'
		]);
		await expect(
			changeIncidentStatus({ actor: owner }, incidentId, { status: 'mitigating' })
		).rejects.toMatchObject({
			code: 'invalid',
			message: 'An incident cannot go from closed to mitigating.'
		});
	});

	it('a status change on a stale version is refused with the current status', async () => {
		const { owner, org, incidentId } = await incidentOf();
		const responder = await addMember(org, 'responder', 'Marc');
		await changeIncidentStatus({ actor: owner }, incidentId, { status: 'identified', version: 1 });
		await expect(
			changeIncidentStatus({ actor: responder }, incidentId, { status: 'monitoring', version: 1 })
		).rejects.toMatchObject({
			code: 'conflict',
			message: 'The status was changed meanwhile: it is now identified.'
		});
	});

	it('the commander must belong to an organization taking part', async () => {
		const { owner, org, incidentId } = await incidentOf();
		const marc = await addMember(org, 'responder', 'Marc');
		await setCommander({ actor: owner }, incidentId, { userId: marc.userId });
		expect((await readIncident(incidentId))?.commanderName).toBe('Marc');
		const stranger = await newUser();
		await expect(
			setCommander({ actor: owner }, incidentId, { userId: stranger.userId })
		).rejects.toMatchObject({ code: 'invalid' });
	});

	it('lists incidents with filters by status, severity and mode', async () => {
		const { owner, org, incidentId } = await incidentOf();
		const { result: drill } = await declareIncident({ actor: owner }, org, {
			title: 'Rehearsal',
			severity: 'SEV3',
			mode: 'drill'
		});
		const ids = async (filters: object) =>
			(await listIncidents(owner.userId, filters)).map((i) => i.id);
		expect(await ids({ mode: 'drill' })).toEqual([drill.incidentId]);
		expect(await ids({ severity: 'SEV1' })).toEqual([incidentId]);
		expect((await ids({ status: 'open' })).sort()).toEqual([incidentId, drill.incidentId].sort());
		expect(await ids({ status: 'resolved' })).toEqual([]);
	});
});

describe('the timeline', () => {
	it('notes and decisions are appended; a back-dated one needs a reason and sorts by when it happened', async () => {
		const { owner, incidentId } = await incidentOf();
		await addNote({ actor: owner }, incidentId, { text: 'Called the NOC', kind: 'note' });
		const earlier = new Date(Date.now() - 3_600_000).toISOString();
		await expect(
			addNote({ actor: owner }, incidentId, { text: 'Alert fired', occurredAt: earlier })
		).rejects.toMatchObject({
			fields: { backdateReason: 'Say why this is back-dated.' }
		});
		await addNote({ actor: owner }, incidentId, {
			text: 'Alert fired',
			occurredAt: earlier,
			backdateReason: 'from the monitoring log',
			kind: 'decision'
		});
		const timeline = await listTimeline(incidentId);
		expect(timeline.map((e) => e.kind)).toEqual([
			'timeline.decision',
			'incident.declared',
			'timeline.note'
		]);
		expect(timeline[0]?.payload).toMatchObject({
			backdated: true,
			backdateReason: 'from the monitoring log'
		});
		expect(timeline.map((e) => e.seq)).toEqual([3, 1, 2]);
	});

	it('pins a key event, and filters by kind and by actor', async () => {
		const { owner, org, incidentId } = await incidentOf();
		const marc = await addMember(org, 'responder', 'Marc');
		const { result } = await addNote({ actor: marc }, incidentId, { text: 'web03 reinstalled' });
		await pinEvent({ actor: owner }, incidentId, { seq: result.seq, pinned: 'true' });
		const notes = await listTimeline(incidentId, { kind: 'timeline' });
		expect(notes.find((e) => e.seq === result.seq)?.pinned).toBe(true);
		expect((await listTimeline(incidentId, { actorId: marc.userId })).map((e) => e.kind)).toEqual([
			'timeline.note'
		]);
		await expect(
			pinEvent({ actor: owner }, incidentId, { seq: 999, pinned: true })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a viewer reads the timeline but cannot write to it', async () => {
		const { org, incidentId } = await incidentOf();
		const viewer = await addMember(org, 'viewer');
		await expect(addNote({ actor: viewer }, incidentId, { text: 'hello' })).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});

describe('contacts', () => {
	it('an admin keeps contacts; a responder logs a call as a timeline event', async () => {
		const { owner, org, incidentId } = await incidentOf();
		const { result } = await createContact({ actor: owner }, org, {
			providerName: 'Rempart Hosting',
			name: 'NOC 24/7',
			phones: '+33 1 84 00 00 00',
			escalationLevel: 1
		});
		const responder = await addMember(org, 'responder', 'Marc');
		await logCall({ actor: responder }, incidentId, {
			contactId: result.contactId,
			outcome: 'Reached, engineer on the way'
		});
		const [event] = (await listEventsAfter(incidentId, 1)).filter(
			(e) => e.kind === 'contact.called'
		);
		expect(event).toMatchObject({
			actorName: 'Marc',
			payload: {
				name: 'NOC 24/7',
				provider: 'Rempart Hosting',
				outcome: 'Reached, engineer on the way'
			}
		});
	});

	it('refuses a contact without a phone or an email, and bad phone numbers, by field', async () => {
		const owner = await newUser();
		const org = await newOrganization(owner);
		await expect(
			createContact({ actor: owner }, org, { providerName: 'DNS', name: 'Desk' })
		).rejects.toMatchObject({
			fields: { phones: 'Give at least a phone number or an email.' }
		});
		await expect(
			createContact({ actor: owner }, org, { providerName: 'DNS', name: 'Desk', phones: 'call me' })
		).rejects.toMatchObject({
			code: 'invalid'
		});
		const responder = await addMember(org, 'responder');
		await expect(
			createContact({ actor: responder }, org, {
				providerName: 'DNS',
				name: 'Desk',
				email: 'a@b.fr'
			})
		).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('a call to a contact outside the incident is refused', async () => {
		const { owner, incidentId } = await incidentOf();
		const other = await newUser();
		const otherOrg = await newOrganization(other);
		const { result } = await createContact({ actor: other }, otherOrg, {
			providerName: 'X',
			name: 'Y',
			email: 'y@x.fr'
		});
		await expect(
			logCall({ actor: owner }, incidentId, { contactId: result.contactId, outcome: 'hm' })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
