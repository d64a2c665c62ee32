/**
 * The first draft of each section, written from what the incident recorded: people edit it
 * from there. Markdown, in the language of the person who creates the draft.
 */
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { clock } from './events';
import { keyEventText, type KeyEvent } from './key-events';
import type { PostmortemFigures } from './report';
import type { SectionKey } from './sections';
import type { FigureFormat } from './types';

export interface DraftFacts {
	incident: { title: string; severity: string; summary: string; detectedAt: string };
	resolvedAt: string | null;
	affected: { hostname: string; criticality: string }[];
	figures: PostmortemFigures;
	/** Every note, decision, milestone, status change and pinned event (see timelineEntries). */
	timeline: KeyEvent[];
	/** Reasons given when steps were blocked or failed. */
	problems: string[];
}

const minutes = (value: number | null) => (value === null ? '—' : formatDuration(value));

function summary(facts: DraftFacts, format: FigureFormat): string {
	const { incident, resolvedAt, figures } = facts;
	const line = m.pm_draft_summary({
		severity: incident.severity,
		title: incident.title,
		detected: clock(incident.detectedAt, format),
		resolved: resolvedAt ? clock(resolvedAt, format) : '—',
		duration: minutes(figures.recover.value)
	});
	return [incident.summary.trim(), line].filter(Boolean).join('\n\n');
}

function impact(facts: DraftFacts): string {
	const lines = [
		m.pm_draft_impact_downtime({ duration: minutes(facts.figures.downtime.value) }),
		...facts.figures.downtime.byCriticality.map(
			(c) => `- ${c.criticality}: ${formatDuration(c.minutes)}`
		),
		'',
		m.pm_draft_impact_affected(),
		...facts.affected.map((i) => `- ${i.hostname}${i.criticality ? ` (${i.criticality})` : ''}`)
	];
	return lines.join('\n');
}

/** What was recorded, in the order it happened (★ marks the pinned events). */
function timeline(facts: DraftFacts, format: FigureFormat): string {
	return [...facts.timeline]
		.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.seq - b.seq)
		.map(
			(e) =>
				`- **${clock(e.occurredAt, format)}** ${keyEventText(e)}${e.actorName ? ` (${e.actorName})` : ''}`
		)
		.join('\n');
}

function wentWell(facts: DraftFacts): string {
	return facts.figures.steps
		.filter((s) => s.deltaMinutes !== null && s.deltaMinutes < 0 && s.state === 'done')
		.map((s) =>
			m.pm_draft_ahead({
				title: s.title,
				actual: minutes(s.actualMinutes),
				planned: formatDuration(s.plannedMinutes)
			})
		)
		.map((line) => `- ${line}`)
		.join('\n');
}

function wentBadly(facts: DraftFacts): string {
	const late = facts.figures.slippage.drivers.map(
		(d) => `- ${m.pm_draft_drove_delay({ title: d.title, over: formatDuration(d.overMinutes) })}`
	);
	return [...late, ...facts.problems.map((p) => `- ${p}`)].join('\n');
}

export function draftSections(facts: DraftFacts, format: FigureFormat): Record<SectionKey, string> {
	return {
		summary: summary(facts, format),
		impact: impact(facts),
		timeline: timeline(facts, format),
		root_cause: '',
		went_well: wentWell(facts),
		went_badly: wentBadly(facts)
	};
}
