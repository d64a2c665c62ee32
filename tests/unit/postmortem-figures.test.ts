import { describe, expect, it } from 'vitest';
import {
	timeToDeclare,
	timeToDetect,
	timeToMobilise,
	timeToRecover
} from '../../src/lib/postmortems/figures';
import {
	at,
	CLAIRE,
	figureInput,
	FORMAT,
	HOSTER,
	MARC,
	MERCHANT,
	timeline
} from './postmortem-fixtures';

describe('time to detect', () => {
	it('runs from the earliest back-dated event before detection to the detection', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, { detectedAt: at(0) });
		const start = add(
			'timeline.note',
			-25,
			{ text: 'Power event at PAR2', backdated: true },
			{ recorded: 40 }
		);
		const figure = timeToDetect(figureInput({ events }), FORMAT);
		expect(figure.value).toBe(25);
		expect(figure.events.map((e) => e.seq)).toEqual([start.seq, 1]);
		expect(figure.explanation).toContain(`#${start.seq}`);
		expect(figure.explanation).toContain('Power event at PAR2');
	});

	it('takes the earliest occurrence, not the first one typed, among out-of-order entries', () => {
		const { events, add } = timeline();
		add('incident.declared', 8);
		add('timeline.note', -10, { text: 'Alert fired' }, { recorded: 30 });
		const earliest = add('timeline.note', -42, { text: 'UPS alarm' }, { recorded: 90 });
		const figure = timeToDetect(figureInput({ events: [...events].reverse() }), FORMAT);
		expect(figure.value).toBe(42);
		expect(figure.events[0]?.seq).toBe(earliest.seq);
	});

	it('is unknown, and says why, when nothing was recorded before detection', () => {
		const { events, add } = timeline();
		add('incident.declared', 8);
		add('timeline.note', 20, { text: 'Calling the NOC' });
		const figure = timeToDetect(figureInput({ events }), FORMAT);
		expect(figure.value).toBeNull();
		expect(figure.explanation).toMatch(/start of the impact is unknown/);
	});
});

describe('time to declare', () => {
	it('runs from detection to the declaration event', () => {
		const { events, add } = timeline();
		const declared = add('incident.declared', 8);
		const figure = timeToDeclare(figureInput({ events }), FORMAT);
		expect(figure.value).toBe(8);
		expect(figure.events).toEqual([expect.objectContaining({ seq: declared.seq })]);
	});
});

describe('time to recover', () => {
	it('runs from detection to the resolution', () => {
		const { events, add } = timeline();
		add('incident.declared', 8);
		const resolved = add('incident.status_changed', 600, { from: 'monitoring', to: 'resolved' });
		const figure = timeToRecover(figureInput({ events }), FORMAT);
		expect(figure.value).toBe(600);
		expect(figure.events.at(-1)?.seq).toBe(resolved.seq);
	});

	it('counts the last resolution when the incident was reopened, in any event order', () => {
		const { events, add } = timeline();
		add('incident.declared', 8);
		add('incident.status_changed', 300, { from: 'monitoring', to: 'resolved' });
		add('incident.status_changed', 320, { from: 'resolved', to: 'mitigating' });
		const last = add('incident.status_changed', 500, { from: 'mitigating', to: 'resolved' });
		add('incident.status_changed', 900, { from: 'resolved', to: 'closed' });
		const figure = timeToRecover(figureInput({ events: [...events].reverse() }), FORMAT);
		expect(figure.value).toBe(500);
		expect(figure.events.at(-1)?.seq).toBe(last.seq);
		expect(figure.explanation).toMatch(/reopened/);
	});

	it('is not measured while the incident is open', () => {
		const { events, add } = timeline();
		add('incident.declared', 8);
		add('incident.status_changed', 300, { from: 'investigating', to: 'mitigating' });
		expect(timeToRecover(figureInput({ events }), FORMAT).value).toBeNull();
	});
});

describe('time to mobilise the provider', () => {
	const hoster = (input: ReturnType<typeof figureInput>) =>
		timeToMobilise(input, FORMAT).find((f) => f.organizationId === HOSTER);

	it('runs from the first call logged to the provider to its first action', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, {}, { actor: CLAIRE });
		add('incident.shared', 9, { organizationId: HOSTER }, { actor: CLAIRE });
		const call = add('contact.called', 13, { contactId: 'contact-noc', name: 'Rempart NOC' });
		const action = add('step.started', 18, { stepId: 's1', title: 'Mobilise' }, { actor: MARC });
		const figure = hoster(figureInput({ events }));
		expect(figure?.value).toBe(5);
		expect(figure?.startKind).toBe('call');
		expect(figure?.events.map((e) => e.seq)).toEqual([call.seq, action.seq]);
	});

	it('uses when a late-logged call happened, not when it was typed', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, {}, { actor: CLAIRE });
		add('step.started', 18, { stepId: 's1' }, { actor: MARC });
		add('contact.called', 10, { contactId: 'contact-noc' }, { recorded: 60, actor: CLAIRE });
		expect(hoster(figureInput({ events }))?.value).toBe(8);
	});

	it('counts no wait when the provider acted before the first call', () => {
		const { events, add } = timeline();
		add('step.started', 5, { stepId: 's1', title: 'Mobilise' }, { actor: MARC });
		add('contact.called', 13, { contactId: 'contact-noc' }, { actor: CLAIRE });
		const figure = hoster(figureInput({ events }));
		expect(figure?.value).toBe(0);
		expect(figure?.explanation).toMatch(/before/);
	});

	it('starts from the invitation when no call was logged, and finds a contact by provider name', () => {
		const { events, add } = timeline();
		add('incident.shared', 9, { organizationId: HOSTER }, { actor: CLAIRE });
		add('timeline.note', 30, { text: 'On my way' }, { actor: MARC });
		expect(hoster(figureInput({ events }))?.value).toBe(21);

		const named = timeline();
		named.add('contact.called', 12, { contactId: 'unknown', provider: 'rempart hosting' });
		named.add('timeline.note', 30, { text: 'On my way' }, { actor: MARC });
		expect(hoster(figureInput({ events: named.events }))?.startKind).toBe('call');
		expect(hoster(figureInput({ events: named.events }))?.value).toBe(18);
	});

	it('does not count someone of the declaring organization as the provider', () => {
		const { events, add } = timeline();
		add('contact.called', 13, { contactId: 'contact-noc' }, { actor: CLAIRE });
		add('timeline.note', 14, { text: 'Still waiting' }, { actor: CLAIRE });
		const input = figureInput({
			events,
			members: [
				{ userId: CLAIRE, organizationId: MERCHANT },
				{ userId: CLAIRE, organizationId: HOSTER }
			]
		});
		const figure = hoster(input);
		expect(figure?.value).toBeNull();
		expect(figure?.explanation).toMatch(/nobody from it has acted/);
	});

	it('measures the declaring organization from the declaration to its first step started', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, {}, { actor: CLAIRE });
		add('timeline.note', 9, { text: 'Room open' }, { actor: CLAIRE });
		add('step.started', 15, { stepId: 's1' }, { actor: CLAIRE });
		const merchant = timeToMobilise(figureInput({ events }), FORMAT).find(
			(f) => f.organizationId === MERCHANT
		);
		expect(merchant?.value).toBe(7);
		expect(merchant?.startKind).toBe('declaration');
	});
});
