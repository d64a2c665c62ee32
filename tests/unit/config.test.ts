import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import { hit, limitsFrom } from '../../src/lib/server/access/rate-limits';

describe('rate-limit settings', () => {
	it('default to 600 API and 6000 alert requests a minute', () => {
		const config = readConfig({});
		expect(config.API_RATE_LIMIT).toBe(600);
		expect(config.ALERT_RATE_LIMIT).toBe(6000);
	});

	it('stop the server with the variable named when not a whole number', () => {
		for (const value of ['abc', '', '-1', '1.5', '1e3', '10000000000'])
			expect(() => readConfig({ API_RATE_LIMIT: value }), value).toThrow(/API_RATE_LIMIT/);
		expect(() => readConfig({ ALERT_RATE_LIMIT: 'lots' })).toThrow(/ALERT_RATE_LIMIT/);
	});

	it('0 switches a limit off instead of refusing every call', () => {
		const config = readConfig({ API_RATE_LIMIT: '0', ALERT_RATE_LIMIT: '25' });
		expect(limitsFrom(config).api.max).toBe(0);
		expect(limitsFrom(config).ingest.max).toBe(25);
	});

	it('a limit that is off counts nothing (no database needed)', async () => {
		expect(await hit('api:anyone', { max: 0, windowMs: 60_000 })).toBeNull();
	});
});
