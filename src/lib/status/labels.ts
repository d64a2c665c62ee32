import { m } from '$lib/paraglide/messages';
import type { MaintenanceStatus } from './maintenance';
import type { ComponentState, Impact, Indicator, PublicPhase } from './model';

/** The words of the status page (colour always comes with one of these and an icon). */
export const stateLabel = (state: ComponentState): string =>
	({
		operational: m.status_state_operational(),
		degraded_performance: m.status_state_degraded_performance(),
		partial_outage: m.status_state_partial_outage(),
		major_outage: m.status_state_major_outage(),
		under_maintenance: m.status_state_under_maintenance()
	})[state];

export const phaseLabel = (phase: PublicPhase): string =>
	({
		investigating: m.status_phase_investigating(),
		identified: m.status_phase_identified(),
		monitoring: m.status_phase_monitoring(),
		resolved: m.status_phase_resolved()
	})[phase];

export const maintenanceStatusLabel = (status: MaintenanceStatus): string =>
	({
		scheduled: m.status_maintenance_scheduled(),
		in_progress: m.status_maintenance_in_progress(),
		verifying: m.status_maintenance_verifying(),
		completed: m.status_maintenance_completed()
	})[status];

export const impactLabel = (impact: Impact): string =>
	({
		none: m.status_impact_none(),
		minor: m.status_impact_minor(),
		major: m.status_impact_major(),
		critical: m.status_impact_critical()
	})[impact];

export const indicatorLabel = (indicator: Indicator): string =>
	({
		none: m.status_indicator_none(),
		minor: m.status_indicator_minor(),
		major: m.status_indicator_major(),
		critical: m.status_indicator_critical(),
		maintenance: m.status_indicator_maintenance()
	})[indicator];

export const STATE_ICONS: Record<ComponentState, string> = {
	operational: '✓',
	degraded_performance: '◐',
	partial_outage: '▲',
	major_outage: '✕',
	under_maintenance: '⚙'
};

export const INDICATOR_ICONS: Record<Indicator, string> = {
	none: '✓',
	minor: '◐',
	major: '▲',
	critical: '✕',
	maintenance: '⚙'
};

/** A tone per state for the page's colours: ok, warn or danger. */
export const toneOf = (value: ComponentState | Indicator): 'ok' | 'warn' | 'danger' | 'info' =>
	value === 'operational' || value === 'none'
		? 'ok'
		: value === 'under_maintenance' || value === 'maintenance'
			? 'info'
			: value === 'degraded_performance' || value === 'minor'
				? 'warn'
				: 'danger';
