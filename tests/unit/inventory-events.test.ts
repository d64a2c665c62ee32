import { describe, expect, it } from 'vitest';
import { looseEvent } from './loose-event';
import { describeInventoryEvent } from '../../src/lib/inventory/events';
import type { StreamEvent } from '../../src/lib/realtime/protocol';

function event(kind: string, payload: Record<string, unknown>): StreamEvent {
	return looseEvent({
		streamId: 'incident-1',
		streamKind: 'incident',
		seq: 3,
		kind,
		actorId: 'u1',
		actorName: 'Marc',
		source: 'manual',
		occurredAt: '2025-11-21T23:41:00Z',
		recordedAt: '2025-11-21T23:41:00Z',
		payload
	});
}

describe('inventory event lines', () => {
	it('says what a status change did, with its reason when given', () => {
		const change = { itemId: 'i', hostname: 'web03', from: 'down', to: 'rebuilding' };
		expect(describeInventoryEvent(event('inventory.status_changed', change))).toBe(
			'web03: down → rebuilding'
		);
		expect(
			describeInventoryEvent(event('inventory.status_changed', { ...change, reason: 'reinstall' }))
		).toBe('web03: down → rebuilding (reinstall)');
	});

	it('counts an import and names the fields of an edit', () => {
		expect(describeInventoryEvent(event('inventory.imported', { created: 7, updated: 2 }))).toBe(
			'Inventory import: 7 created, 2 updated'
		);
		expect(
			describeInventoryEvent(
				event('inventory.updated', { hostname: 'db01', changed: ['role', 'tags'] })
			)
		).toBe('db01 edited: role, tags');
	});

	it('leaves other events to their own module', () => {
		expect(describeInventoryEvent(event('step.completed', {}))).toBeNull();
	});
});
