/**
 * The milestones of an incident: the facts its figures rest on, in the order a night goes
 * through them. Shared by the server and the pages.
 */
export const MILESTONES = [
	'trigger',
	'detected',
	'acknowledged',
	'identified',
	'mitigated',
	'recovered'
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The event kind that records each milestone on the incident's timeline. */
export const MILESTONE_KINDS = {
	trigger: 'milestone.trigger',
	detected: 'milestone.detected',
	acknowledged: 'milestone.acknowledged',
	identified: 'milestone.identified',
	mitigated: 'milestone.mitigated',
	recovered: 'milestone.recovered'
} as const satisfies Record<Milestone, string>;
export type MilestoneKind = (typeof MILESTONE_KINDS)[Milestone];

/** A status an incident moves to that marks a milestone, when that milestone is not set yet. */
export const STATUS_MILESTONES: Partial<Record<string, Milestone>> = {
	identified: 'identified',
	monitoring: 'mitigated',
	resolved: 'recovered'
};

export function isMilestone(value: string): value is Milestone {
	return (MILESTONES as readonly string[]).includes(value);
}

export function milestoneOfKind(kind: string): Milestone | null {
	const found = MILESTONES.find((m) => MILESTONE_KINDS[m] === kind);
	return found ?? null;
}
