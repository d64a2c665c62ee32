/**
 * The post-mortem as a Markdown document a wiki accepts as is: CommonMark and GFM tables only,
 * no HTML. The timeline chart is a separate SVG download (`chart.svg`, saved under the name
 * `exportName(doc, 'svg')`), referenced once at the very end so it goes beside the file.
 */
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { clock } from './events';
import { keyEventText } from './key-events';
import type { PostmortemDocument } from './document';
import { figureRows } from './rows';
import {
	actionStatusLabel,
	postmortemStatusLabel,
	sectionTitle,
	type SectionKey
} from './sections';

/** A table cell: one line, pipes escaped. */
export function cell(text: string): string {
	return (
		text
			.replace(/\r?\n+/g, ' ')
			.replace(/\|/g, '\\|')
			.trim() || ' '
	);
}

function table(head: string[], rows: string[][]): string {
	return [
		`| ${head.map(cell).join(' | ')} |`,
		`| ${head.map(() => '---').join(' | ')} |`,
		...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
	].join('\n');
}

/** "postmortem-2025-11-21-drill.md": the file names of the export and of its chart. */
export function exportName(doc: PostmortemDocument, extension: 'md' | 'svg'): string {
	const drill = doc.incident.mode === 'drill' ? '-drill' : '';
	return `postmortem-${doc.incident.declaredAt.slice(0, 10)}${drill}.${extension}`;
}

function facts(doc: PostmortemDocument): string {
	const at = (iso: string | null) => (iso ? clock(iso, doc) : '—');
	const status = doc.publication
		? m.pm_md_published({
				version: doc.publication.number,
				when: at(doc.publication.publishedAt)
			})
		: postmortemStatusLabel(doc.status);
	return table(
		[m.pm_md_fact(), m.pm_md_value()],
		[
			[m.pm_md_severity(), doc.incident.severity],
			[m.pm_md_status(), status],
			[m.pm_md_organizations(), doc.incident.organizations.join(', ')],
			[m.pm_md_commander(), doc.incident.commanderName ?? '—'],
			[m.pm_md_detected(), at(doc.incident.detectedAt)],
			[m.pm_md_resolved(), at(doc.incident.resolvedAt)],
			[m.pm_md_timezone(), doc.timezone]
		]
	);
}

function section(doc: PostmortemDocument, key: SectionKey): string {
	const body = doc.sections.find((s) => s.key === key)?.body.trim() ?? '';
	return `## ${sectionTitle(key)}\n\n${body || `_${m.pm_md_empty()}_`}`;
}

function figures(doc: PostmortemDocument): string {
	return [
		`### ${m.pm_figures_title()}`,
		table(
			[m.pm_md_figure(), m.pm_md_value(), m.pm_md_how()],
			figureRows(doc.figures).map((r) => [r.label, r.value, r.explanation])
		),
		`![${m.pm_chart_title()}][timeline-chart]`
	].join('\n\n');
}

function keyEvents(doc: PostmortemDocument): string {
	return [
		`### ${m.pm_key_events_title()}`,
		table(
			['#', m.pm_md_when(), m.pm_md_what(), m.pm_md_who()],
			doc.keyEvents.map((e, i) => [
				String(i + 1),
				clock(e.occurredAt, doc),
				keyEventText(e),
				e.actorName ?? '—'
			])
		)
	].join('\n\n');
}

function steps(doc: PostmortemDocument): string {
	if (doc.figures.steps.length === 0) return '';
	const rows = doc.figures.steps.map((s) => [
		`${s.drove ? '◆ ' : ''}${s.title}`,
		formatDuration(s.plannedMinutes),
		s.actualMinutes === null ? '—' : formatDuration(s.actualMinutes),
		s.deltaMinutes === null
			? '—'
			: `${s.deltaMinutes > 0 ? '+' : s.deltaMinutes < 0 ? '−' : ''}${formatDuration(Math.abs(s.deltaMinutes))}`
	]);
	return [
		`## ${m.pm_steps_title()}`,
		m.pm_steps_legend(),
		table([m.pm_md_step(), m.pm_md_planned(), m.pm_md_actual(), m.pm_md_difference()], rows)
	].join('\n\n');
}

function actionItems(doc: PostmortemDocument): string {
	const rows = doc.actionItems.map((a) => [
		a.title,
		a.ownerName
			? `${a.ownerName}${a.ownerOrganizationName ? ` (${a.ownerOrganizationName})` : ''}`
			: '—',
		a.dueOn,
		actionStatusLabel(a.status)
	]);
	return [
		`## ${m.pm_action_items_title()}`,
		rows.length === 0
			? `_${m.pm_md_empty()}_`
			: table([m.pm_md_action(), m.pm_md_owner(), m.pm_md_due(), m.pm_md_status()], rows)
	].join('\n\n');
}

export function toMarkdown(doc: PostmortemDocument): string {
	const drill = doc.incident.mode === 'drill';
	const title = `# ${drill ? `[${m.drill_label().toUpperCase()}] ` : ''}${m.pm_title({ title: doc.incident.title })}`;
	const parts = [
		title,
		drill ? `> ⚑ **${m.drill_label().toUpperCase()}** — ${m.pm_drill_notice()}` : '',
		facts(doc),
		section(doc, 'summary'),
		section(doc, 'impact'),
		figures(doc),
		section(doc, 'timeline'),
		keyEvents(doc),
		steps(doc),
		section(doc, 'root_cause'),
		section(doc, 'went_well'),
		section(doc, 'went_badly'),
		actionItems(doc),
		`[timeline-chart]: ${exportName(doc, 'svg')}`
	];
	return `${parts.filter(Boolean).join('\n\n')}\n`;
}
