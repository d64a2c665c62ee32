import type { ComponentState, Impact, Indicator, PublicPhase } from './model';

/** What the public status page shows: nothing else of the organization ever reaches it. */
export interface PublicComponent {
	id: string;
	name: string;
	state: ComponentState;
	position: number;
	createdAt: Date;
	updatedAt: Date;
}

export interface PublicUpdate {
	id: string;
	phase: PublicPhase;
	body: string;
	createdAt: Date;
}

export interface PublicIncident {
	id: string;
	name: string;
	phase: PublicPhase;
	impact: Impact;
	createdAt: Date;
	updatedAt: Date;
	resolvedAt: Date | null;
	/** Newest first. */
	updates: PublicUpdate[];
}

export interface PublicStatus {
	page: { id: string; slug: string; title: string; updatedAt: Date };
	indicator: Indicator;
	components: PublicComponent[];
	/** Unresolved ones first, then the recent history; newest first in each. */
	incidents: PublicIncident[];
}

/** What the room shows of its public face (the declaring organization's members only). */
export interface RoomPublicStatus {
	slug: string;
	enabled: boolean;
	canPublish: boolean;
	incident: { id: string; name: string; phase: PublicPhase; impact: Impact } | null;
	updates: { id: string; phase: PublicPhase; body: string; createdAt: Date }[];
	components: { id: string; name: string; state: ComponentState }[];
}
