import type { MaintenanceStatus } from './maintenance';
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

/** What one update changed of a component (Statuspage's `affected_components`). */
export interface ComponentChange {
	componentId: string;
	name: string;
	from: ComponentState;
	to: ComponentState;
}

export interface PublicUpdate {
	id: string;
	phase: PublicPhase;
	body: string;
	createdAt: Date;
	changes: ComponentChange[];
}

export interface PublicIncident {
	id: string;
	name: string;
	phase: PublicPhase;
	impact: Impact;
	createdAt: Date;
	updatedAt: Date;
	resolvedAt: Date | null;
	/** The public components it affects, by id. */
	componentIds: string[];
	/** Newest first. */
	updates: PublicUpdate[];
}

export interface PublicStatus {
	page: { id: string; slug: string; title: string; updatedAt: Date };
	indicator: Indicator;
	components: PublicComponent[];
	/** Unresolved ones first, then the recent history; newest first in each. */
	incidents: PublicIncident[];
	/** Not completed ones first (soonest first), then the recently completed. */
	maintenances: PublicMaintenance[];
}

/** What the room shows of its public face (the declaring organization's members only). */
export interface RoomPublicStatus {
	slug: string;
	enabled: boolean;
	canPublish: boolean;
	incident: {
		id: string;
		name: string;
		phase: PublicPhase;
		impact: Impact;
		componentIds: string[];
	} | null;
	updates: { id: string; phase: PublicPhase; body: string; createdAt: Date }[];
	components: { id: string; name: string; state: ComponentState }[];
}

export interface PublicMaintenanceUpdate {
	id: string;
	status: MaintenanceStatus;
	body: string;
	createdAt: Date;
}

export interface PublicMaintenance {
	id: string;
	name: string;
	/** As the clock and the admins set it now (see `effectiveMaintenanceStatus`). */
	status: MaintenanceStatus;
	scheduledFor: Date;
	scheduledUntil: Date;
	createdAt: Date;
	updatedAt: Date;
	/** The public components it affects, by id. */
	componentIds: string[];
	/** Newest first. */
	updates: PublicMaintenanceUpdate[];
}
