import { describe, expect, it } from 'vitest';
import { looseEvent } from './loose-event';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import { applyToParticipants } from '../../src/lib/incidents/participants';

const event = (kind: string, payload: Record<string, unknown>): StreamEvent =>
	looseEvent({
		streamId: 'i',
		streamKind: 'incident',
		seq: 1,
		kind,
		actorId: null,
		actorName: null,
		source: 'manual',
		occurredAt: '2025-01-01T00:00:00Z',
		recordedAt: '2025-01-01T00:00:00Z',
		payload
	});

const merchant = { id: 'm', name: 'Petit Nuage', kind: 'merchant' };

describe('the organizations taking part, followed live', () => {
	it('adds an organization when the incident is shared with it, once', () => {
		const shared = event('incident.shared', {
			organizationId: 'p',
			name: 'Rempart',
			kind: 'provider'
		});
		const once = applyToParticipants([merchant], shared);
		expect(once).toEqual([merchant, { id: 'p', name: 'Rempart', kind: 'provider' }]);
		expect(applyToParticipants(once, shared)).toBe(once);
	});

	it('removes an organization when it is removed, and ignores other events', () => {
		const both = [merchant, { id: 'p', name: 'Rempart', kind: 'provider' }];
		expect(applyToParticipants(both, event('incident.unshared', { organizationId: 'p' }))).toEqual([
			merchant
		]);
		expect(applyToParticipants(both, event('timeline.note', { organizationId: 'p' }))).toBe(both);
	});
});
