import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import type { PostmortemFigures } from './report';
import type { EventRef, EventRole, Figure } from './types';

export interface FigureRow {
	key: string;
	label: string;
	/** The value as read: "1 h 05", "+2 h 10", or "—" when it cannot be computed. */
	value: string;
	minutes: number | null;
	explanation: string;
	events: EventRef[];
	missing: string[];
}

export function formatFigure(value: number | null, signed = false): string {
	if (value === null) return '—';
	const text = formatDuration(Math.abs(value));
	if (!signed) return text;
	return Math.round(value) === 0 ? text : `${value > 0 ? '+' : '−'}${text}`;
}

function row(key: string, label: string, figure: Figure, signed = false): FigureRow {
	return {
		key,
		label,
		value: formatFigure(figure.value, signed),
		minutes: figure.value,
		explanation: figure.explanation,
		events: figure.events,
		missing: figure.missing ?? []
	};
}

/** A figure a publication made before it existed does not have (issue 11's milestones). */
function optional(key: string, label: string, figure: Figure | undefined): FigureRow[] {
	return figure ? [row(key, label, figure)] : [];
}

/** What an event was used as, in words. */
export function roleLabel(event: EventRef): string {
	const labels: Record<EventRole, () => string> = {
		impact_start: m.pm_role_impact_start,
		detection: m.pm_role_detection,
		declaration: m.pm_role_declaration,
		resolution: m.pm_role_resolution,
		start: m.pm_role_start,
		first_action: m.pm_role_first_action,
		step_start: m.pm_role_step_start,
		step_end: m.pm_role_step_end,
		status_change: m.pm_role_status_change,
		milestone: m.night_role_milestone
	};
	// A publication keeps the roles it was written with: an unknown one is shown as is.
	const label = labels[event.role]?.() ?? event.role;
	return event.detail ? `${label} (${event.detail})` : label;
}

/** The figures in the order a reader goes through the night, as the page and exports list them. */
export function figureRows(figures: PostmortemFigures): FigureRow[] {
	return [
		row('detect', m.pm_fig_label_detect(), figures.detect),
		row('declare', m.pm_fig_label_declare(), figures.declare),
		...optional('acknowledge', m.night_fig_label_acknowledge(), figures.acknowledge),
		...figures.mobilise.map((f) =>
			row(`mobilise:${f.organizationId}`, m.pm_fig_label_mobilise({ org: f.organizationName }), f)
		),
		...optional('identify', m.night_fig_label_identify(), figures.identify),
		...optional('mitigate', m.night_fig_label_mitigate(), figures.mitigate),
		row('recover', m.pm_fig_label_recover(), figures.recover),
		...optional('impact', m.night_fig_label_impact(), figures.impact),
		row('downtime', m.pm_fig_label_downtime(), figures.downtime),
		row('slippage', m.pm_fig_label_slippage(), figures.slippage, true)
	];
}
