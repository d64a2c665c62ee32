import type { Run, RunStep, TemplateStep } from '../../src/lib/runbooks/types';

export const T0 = Date.parse('2025-11-21T20:00:00Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A run step with sensible defaults; tests override what they are about. */
export function step(id: string, overrides: Partial<RunStep> = {}): RunStep {
	return {
		id,
		phase: 'Phase',
		position: 1,
		key: id,
		serverItemId: null,
		serverHostname: null,
		title: id,
		instructions: '',
		ownerSide: 'provider',
		role: 'engineer',
		plannedMinutes: 10,
		dependsOn: [],
		itemIds: [],
		state: 'pending',
		assigneeId: null,
		assigneeName: null,
		startedAt: null,
		endedAt: null,
		blockedReason: null,
		hold: null,
		skipReason: null,
		notes: [],
		requiresApproval: null,
		approval: null,
		version: 1,
		updatedAt: at(0),
		updatedByName: null,
		...overrides
	};
}

export function run(steps: RunStep[]): Run {
	return {
		id: 'run-1',
		incidentId: 'incident-1',
		templateId: 'template-1',
		templateName: 'Rebuild',
		templateVersion: 1,
		startedAt: at(0),
		startedByName: 'Claire',
		steps
	};
}

export function templateStep(key: string, overrides: Partial<TemplateStep> = {}): TemplateStep {
	return {
		key,
		title: key,
		instructions: '',
		ownerSide: 'provider',
		role: 'engineer',
		plannedMinutes: 30,
		dependsOn: [],
		itemIds: [],
		expandTag: null,
		requiresApproval: null,
		...overrides
	};
}
