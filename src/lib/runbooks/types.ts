/**
 * The shapes of runbook templates and runs shared by the server, the pages and the browser's
 * live updates. Times are ISO strings so a run read from the server and a run patched by
 * socket events look the same.
 */

export const OWNER_SIDES = ['client', 'provider'] as const;
export type OwnerSide = (typeof OWNER_SIDES)[number];

export const STEP_STATES = [
	'pending',
	'ready',
	'in_progress',
	'blocked',
	'done',
	'skipped',
	'failed'
] as const;
export type StepState = (typeof STEP_STATES)[number];

/** Reserved for approvals (issue 5): which role must approve before the step may start. */
export interface ApprovalRequirement {
	role: string;
}

/** One step of a template; `key` is stable across versions and is what dependencies name. */
export interface TemplateStep {
	key: string;
	title: string;
	instructions: string;
	ownerSide: OwnerSide;
	role: string;
	plannedMinutes: number;
	dependsOn: string[];
	itemIds: string[];
	/** When set, the step becomes one run step per inventory item carrying this tag. */
	expandTag: string | null;
	requiresApproval: ApprovalRequirement | null;
}

export interface TemplatePhase {
	title: string;
	steps: TemplateStep[];
}

/** The body of one template version, stored as jsonb. */
export interface TemplateBody {
	phases: TemplatePhase[];
}

export interface StepNote {
	at: string;
	authorId: string | null;
	authorName: string | null;
	text: string;
}

export interface RunStep {
	id: string;
	phase: string;
	position: number;
	key: string;
	serverItemId: string | null;
	serverHostname: string | null;
	title: string;
	instructions: string;
	ownerSide: OwnerSide;
	role: string;
	plannedMinutes: number;
	/** Ids of the run steps this one waits for. */
	dependsOn: string[];
	itemIds: string[];
	state: StepState;
	assigneeId: string | null;
	assigneeName: string | null;
	startedAt: string | null;
	endedAt: string | null;
	blockedReason: string | null;
	skipReason: string | null;
	notes: StepNote[];
	requiresApproval: ApprovalRequirement | null;
	version: number;
	updatedAt: string;
	updatedByName: string | null;
}

export interface Run {
	id: string;
	incidentId: string;
	templateId: string;
	templateName: string;
	templateVersion: number;
	startedAt: string;
	startedByName: string | null;
	steps: RunStep[];
}
