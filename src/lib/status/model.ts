/**
 * The public status page's vocabulary, in Atlassian Statuspage's terms (its JSON is read by
 * tools that know that shape): the state of a component, the phase of a public incident, its
 * impact, and the page's overall indicator derived from them.
 */

export const COMPONENT_STATES = [
	'operational',
	'degraded_performance',
	'partial_outage',
	'major_outage',
	'under_maintenance'
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const PUBLIC_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicPhase = (typeof PUBLIC_PHASES)[number];

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** Statuspage's overall indicator; `maintenance` only while a component is under maintenance. */
export type Indicator = Impact | 'maintenance';

const COMPONENT_IMPACT: Record<ComponentState, Impact> = {
	operational: 'none',
	degraded_performance: 'minor',
	partial_outage: 'major',
	major_outage: 'critical',
	under_maintenance: 'none'
};

const rank = (impact: Impact) => IMPACTS.indexOf(impact);

/**
 * The page's indicator: the worst of its components' states and of the impacts of its
 * unresolved incidents; with nothing wrong but a component under maintenance, `maintenance`.
 */
export function pageIndicator(
	components: { state: ComponentState }[],
	unresolved: { impact: Impact }[]
): Indicator {
	let worst: Impact = 'none';
	for (const impact of [
		...components.map((c) => COMPONENT_IMPACT[c.state]),
		...unresolved.map((i) => i.impact)
	]) {
		if (rank(impact) > rank(worst)) worst = impact;
	}
	if (worst === 'none' && components.some((c) => c.state === 'under_maintenance')) {
		return 'maintenance';
	}
	return worst;
}

/** Statuspage's own descriptions of each indicator (its JSON is in English for machines). */
export const INDICATOR_DESCRIPTIONS: Record<Indicator, string> = {
	none: 'All Systems Operational',
	minor: 'Minor Service Outage',
	major: 'Partial System Outage',
	critical: 'Major Service Outage',
	maintenance: 'Service Under Maintenance'
};

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
