/**
 * What the post-mortem figures are computed from: a plain copy of what the incident recorded
 * (its timeline, runbook steps, affected items and who belongs where), so every figure is a
 * pure function that can be tested on hand-made timelines. Times are ISO strings.
 */
import type { EventKind, EventOf } from '$lib/events/payloads';
import type { StepState } from '$lib/runbooks/types';

/** One event of the incident's timeline, typed by its kind like every stream event. */
export type FigureEvent<K extends EventKind = EventKind> = EventOf<
	{
		seq: number;
		occurredAt: string;
		recordedAt?: string;
		actorId: string | null;
		actorName: string | null;
		pinned: boolean;
	},
	K
>;

export interface FigureStep {
	id: string;
	key: string;
	title: string;
	phase: string;
	position: number;
	state: StepState;
	plannedMinutes: number;
	startedAt: string | null;
	endedAt: string | null;
	dependsOn: string[];
	serverHostname: string | null;
}

export interface FigureItem {
	id: string;
	hostname: string;
	kind: 'server' | 'service';
	criticality: string;
}

export interface FigureOrganization {
	id: string;
	name: string;
	kind: string;
}

export interface FigureInput {
	incident: {
		detectedAt: string;
		declaredAt: string;
		resolvedAt: string | null;
		/** The organization that declared the incident. */
		organizationId: string;
	};
	/** The incident's timeline, in any order: the figures sort by occurred-at themselves. */
	events: FigureEvent[];
	run: { startedAt: string; steps: FigureStep[] } | null;
	items: FigureItem[];
	organizations: FigureOrganization[];
	members: { userId: string; organizationId: string }[];
	/** Provider contact id → the organization it belongs to on Nightshift, when it does. */
	contactOrganizations: Record<string, string>;
	/** The clock for anything still running. */
	now: number;
}

export type EventRole =
	| 'impact_start'
	| 'detection'
	| 'declaration'
	| 'resolution'
	| 'start'
	| 'first_action'
	| 'step_start'
	| 'step_end'
	| 'status_change'
	| 'milestone';

/** An event a figure was computed from, as the explanation names it. */
export interface EventRef {
	seq: number;
	kind: string;
	/**
	 * What happened, in words (the timeline's line for it). Publications stored before it
	 * existed lack it: they show the event's number, time and role only.
	 */
	text?: string;
	occurredAt: string;
	/** What the event was used as. */
	role: EventRole;
	/** For a status change: which item, and to what. */
	detail?: string;
}

/** One figure: its value in minutes (null when it cannot be computed), how, and from what. */
export interface Figure {
	value: number | null;
	explanation: string;
	events: EventRef[];
	/** The milestones to set before it can be computed (figures that rest on milestones). */
	missing?: string[];
}

/** How explanations show times: the reader's zone and language. */
export interface FigureFormat {
	timezone: string;
	locale: string;
	/** Dates carry their year even in the current year: the incident spans years. */
	withYear?: boolean;
	/** The reader's clock, which decides whether a date needs its year. */
	now?: number;
}
