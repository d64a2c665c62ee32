import { describe, expect, it } from 'vitest';
import { clockOf, zoneAbbreviation, zonesDiffer } from '$lib/time/zone';

describe('time zones people read', () => {
	it('names a zone by its short name, which follows summer time', () => {
		expect(zoneAbbreviation('Europe/Paris', 'en', new Date('2026-01-15T12:00:00Z'))).toBe('CET');
		expect(zoneAbbreviation('Europe/Paris', 'en', new Date('2026-07-15T12:00:00Z'))).toBe('CEST');
		expect(zoneAbbreviation('America/New_York', 'en', new Date('2026-01-15T12:00:00Z'))).toBe(
			'GMT-5'
		);
		expect(zoneAbbreviation('Europe/Paris', 'fr', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+1');
	});

	it('tells zones apart by their wall clocks, not their names', () => {
		const at = new Date('2026-01-15T12:00:00Z');
		expect(zonesDiffer('Europe/Paris', 'Europe/Berlin', at)).toBe(false);
		expect(zonesDiffer('Europe/Paris', 'America/New_York', at)).toBe(true);
		expect(zonesDiffer('Europe/London', 'UTC', at)).toBe(false);
		expect(zonesDiffer('Europe/London', 'UTC', new Date('2026-07-15T12:00:00Z'))).toBe(true);
	});

	it("reads the reader's clock choice from its cookie, defaulting to their own zone", () => {
		expect(clockOf('incident')).toBe('incident');
		expect(clockOf('mine')).toBe('mine');
		expect(clockOf(undefined)).toBe('mine');
		expect(clockOf('theirs')).toBe('mine');
	});
});
