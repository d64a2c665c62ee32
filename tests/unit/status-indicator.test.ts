import { describe, expect, it } from 'vitest';
import { pageIndicator } from '../../src/lib/status/model';

describe('the status page indicator', () => {
	it('is none when everything is operational and nothing is open', () => {
		expect(pageIndicator([{ state: 'operational' }], [])).toBe('none');
	});

	it('takes the worst of the components and the unresolved incidents', () => {
		expect(pageIndicator([{ state: 'degraded_performance' }], [])).toBe('minor');
		expect(pageIndicator([{ state: 'partial_outage' }], [{ impact: 'minor' }])).toBe('major');
		expect(pageIndicator([{ state: 'operational' }], [{ impact: 'critical' }])).toBe('critical');
		expect(pageIndicator([{ state: 'major_outage' }], [{ impact: 'none' }])).toBe('critical');
	});

	it('says maintenance only when nothing is worse', () => {
		expect(pageIndicator([{ state: 'under_maintenance' }], [])).toBe('maintenance');
		expect(
			pageIndicator([{ state: 'under_maintenance' }, { state: 'degraded_performance' }], [])
		).toBe('minor');
	});
});
