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

/** The roles that may be asked to approve a step (viewers read, they do not decide). */
export const APPROVER_ROLES = ['responder', 'admin', 'owner'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/**
 * A step that may start only once someone holding `role` (or above) in the named organization
 * has approved it: "open the firewall" needs an admin of the merchant. Run steps also carry
 * the organization's name, copied when the run starts.
 */
export interface ApprovalRequirement {
	organizationId: string;
	role: ApproverRole;
	organizationName?: string;
}

export const APPROVAL_STATES = ['pending', 'approved', 'vetoed'] as const;
/** pending: asked and not yet decided; vetoed: refused, with a reason (it may be asked again). */
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export interface StepApproval {
	state: ApprovalState;
	requestedByName: string | null;
	requestedAt: string | null;
	decidedByName: string | null;
	decidedAt: string | null;
	reason: string | null;
}

/** What a step asks of whom, the same in a template and in a run. */
export interface StepWork {
	key: string;
	title: string;
	instructions: string;
	ownerSide: OwnerSide;
	role: string;
	plannedMinutes: number;
	/** What this step waits for: template keys, expanded refs or run step ids. */
	dependsOn: string[];
	itemIds: string[];
	requiresApproval: ApprovalRequirement | null;
}

/** Where a step of a run stands: its phase, its place, and the server it was expanded for. */
export interface StepPlace {
	phase: string;
	position: number;
	serverItemId: string | null;
	serverHostname: string | null;
}

/** One step of a template; `key` is stable across versions and is what dependencies name. */
export interface TemplateStep extends StepWork {
	/** When set, the step becomes one run step per inventory item carrying this tag. */
	expandTag: string | null;
}

/**
 * A template step as the editor's fields hold it, before the schema reads it: every value as
 * typed (the approval aside: the form and the browser's working copy each keep theirs).
 */
export interface TypedStep {
	key: string;
	title: string;
	instructions: string;
	ownerSide: string;
	role: string;
	plannedMinutes: string;
	dependsOn: string[];
	itemIds: string[];
	expandTag: string;
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

/** Who put a blocked step on hold, and when. */
export interface StepHold {
	byId: string | null;
	byName: string | null;
	at: string;
}

export interface RunStep extends StepWork, StepPlace {
	id: string;
	state: StepState;
	assigneeId: string | null;
	assigneeName: string | null;
	startedAt: string | null;
	endedAt: string | null;
	blockedReason: string | null;
	/** Set while the step is blocked. */
	hold: StepHold | null;
	skipReason: string | null;
	notes: StepNote[];
	/** Null until an approval is asked for. */
	approval: StepApproval | null;
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
