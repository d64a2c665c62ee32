import { describe, expect, it } from 'vitest';
import { matchesFilter, nowView } from '../../src/lib/runbooks/now';
import type { RunStep } from '../../src/lib/runbooks/types';
import { step as fixtureStep } from './runbooks-fixtures';

const NOW = Date.parse('2026-11-28T03:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const step = (id: string, position: number, over: Partial<RunStep> = {}): RunStep =>
	fixtureStep(id, { phase: 'Rebuild', title: `Step ${id}`, plannedMinutes: 30, position, ...over });
const marc = { userId: 'marc', side: 'provider' as const };

describe('the now strip', () => {
	const steps = [
		step('done', 1, { state: 'done', startedAt: ago(90), endedAt: ago(60) }),
		step('late', 2, { state: 'in_progress', startedAt: ago(45), assigneeId: 'marc' }),
		step('running', 3, { state: 'in_progress', startedAt: ago(10), assigneeId: 'claire' }),
		step('held', 4, { state: 'blocked', startedAt: ago(20), blockedReason: 'waiting for PSP' }),
		step('mine', 5, { state: 'ready', assigneeId: 'marc' }),
		step('side', 6, { state: 'ready' }),
		step('client', 7, { state: 'ready', ownerSide: 'client' }),
		step('taken', 8, { state: 'ready', assigneeId: 'claire' })
	];

	it('lists blocked, late, in progress and ready-for-me steps, a late step only once', () => {
		const view = nowView(steps, marc, NOW);
		expect(view.blocked.map((s) => s.id)).toEqual(['held']);
		expect(view.late.map((s) => s.id)).toEqual(['late']);
		expect(view.inProgress.map((s) => s.id)).toEqual(['running']);
		expect(view.readyForMe.map((s) => s.id)).toEqual(['mine', 'side']);
	});

	it('filters the runbook by mine, my side, late and blocked', () => {
		const ids = (filter: Parameters<typeof matchesFilter>[1]) =>
			steps.filter((s) => matchesFilter(s, filter, marc, NOW)).map((s) => s.id);
		expect(ids('all')).toHaveLength(steps.length);
		expect(ids('mine')).toEqual(['late', 'mine']);
		expect(ids('side')).not.toContain('client');
		expect(ids('late')).toEqual(['late']);
		expect(ids('blocked')).toEqual(['held']);
	});
});
