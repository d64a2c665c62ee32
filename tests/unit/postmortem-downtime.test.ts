import { describe, expect, it } from 'vitest';
import { criticalDowntime, criticalItems, union } from '../../src/lib/postmortems/downtime';
import type { FigureItem } from '../../src/lib/postmortems/types';
import { at, figureInput, FORMAT, T0, timeline } from './postmortem-fixtures';

const service = (id: string, criticality: string): FigureItem => ({
	id,
	hostname: id,
	kind: 'service',
	criticality
});
const server = (id: string, criticality = ''): FigureItem => ({
	id,
	hostname: id,
	kind: 'server',
	criticality
});
const change = (itemId: string, from: string, to: string) => ({
	itemId,
	hostname: itemId,
	from,
	to
});

describe('downtime of the critical services', () => {
	it('counts a service already down from the start of the impact until it is back up', () => {
		const { events, add } = timeline();
		add('timeline.note', -25, { text: 'Power event' }, { recorded: 30 });
		add('incident.declared', 8);
		add('inventory.status_changed', 600, change('payment', 'down', 'up'));
		const figure = criticalDowntime(
			figureInput({ events, items: [service('payment', 'payment')] }),
			FORMAT
		);
		expect(figure.value).toBe(625);
		expect(figure.items[0]?.intervals).toEqual([
			{ start: T0 - 25 * 60_000, end: T0 + 600 * 60_000 }
		]);
		expect(figure.explanation).toContain('payment (payment)');
	});

	it('counts two services down at the same time once, and each class apart', () => {
		const { events, add } = timeline();
		add('inventory.status_changed', 10, change('payment', 'up', 'down'));
		add('inventory.status_changed', 20, change('catalogue', 'up', 'rebuilding'));
		add('inventory.status_changed', 100, change('payment', 'down', 'up'));
		add('inventory.status_changed', 130, change('catalogue', 'rebuilding', 'degraded'));
		const figure = criticalDowntime(
			figureInput({
				events,
				items: [service('payment', 'payment'), service('catalogue', 'catalogue')]
			}),
			FORMAT
		);
		// 10 → 130: the union of 10–100 and 20–130; degraded is impaired but serving.
		expect(figure.value).toBe(120);
		expect(figure.byCriticality).toEqual([
			{ criticality: 'payment', minutes: 90 },
			{ criticality: 'catalogue', minutes: 110 }
		]);
	});

	it('counts a service still down at the resolution until the resolution, whatever the event order', () => {
		const { events, add } = timeline();
		add('inventory.status_changed', 30, change('payment', 'up', 'down'));
		add('incident.status_changed', 200, { from: 'monitoring', to: 'resolved' });
		add('inventory.status_changed', 90, change('payment', 'down', 'rebuilding'), { recorded: 150 });
		const figure = criticalDowntime(
			figureInput({ events: [...events].reverse(), items: [service('payment', 'payment')] }),
			FORMAT
		);
		expect(figure.value).toBe(170);
	});

	it('counts servers only when no critical service is affected', () => {
		const items = [server('db01', 'payment'), server('web01'), service('payment', 'payment')];
		expect(criticalItems(items).map((i) => i.id)).toEqual(['payment']);
		expect(criticalItems([server('db01', 'payment'), server('web01')]).map((i) => i.id)).toEqual([
			'db01'
		]);
	});

	it('says why it cannot be computed', () => {
		const none = criticalDowntime(figureInput({ items: [server('web01')] }), FORMAT);
		expect(none.value).toBeNull();
		expect(none.explanation).toMatch(/criticality/);
		const quiet = criticalDowntime(figureInput({ items: [service('payment', 'payment')] }), FORMAT);
		expect(quiet.value).toBeNull();
		expect(quiet.explanation).toMatch(/No status change/);
	});

	it('merges overlapping and touching intervals', () => {
		expect(
			union([
				{ start: 5, end: 10 },
				{ start: 0, end: 3 },
				{ start: 10, end: 12 },
				{ start: 8, end: 9 }
			])
		).toEqual([
			{ start: 0, end: 3 },
			{ start: 5, end: 12 }
		]);
	});

	it('uses the detection as the start when the impact start is unknown', () => {
		const { events, add } = timeline();
		add('inventory.status_changed', 45, change('payment', 'down', 'up'));
		const figure = criticalDowntime(
			figureInput({ events, items: [service('payment', 'payment')] }),
			FORMAT
		);
		expect(figure.value).toBe(45);
		expect(figure.items[0]?.intervals[0]?.start).toBe(Date.parse(at(0)));
	});
});
