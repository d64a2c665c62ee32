/**
 * The post-mortem as a print-ready HTML page: one self-contained document (its own styles, the
 * chart inline) laid out for A4, so printing it or saving it as PDF gives a document, not a
 * web page. A drill says so at the top of every printed page.
 */
import { m } from '$lib/paraglide/messages';
import { renderMarkdown } from '$lib/runbooks/markdown';
import { formatMinutes } from '$lib/runbooks/format';
import { escapeXml as esc } from './chart';
import type { PostmortemDocument } from './document';
import { clock } from './events';
import { figureRows } from './rows';
import {
	actionStatusLabel,
	postmortemStatusLabel,
	sectionTitle,
	type SectionKey
} from './sections';

const CSS = `
@page { size: A4; margin: 18mm 16mm 18mm; @bottom-right { content: counter(page) " / " counter(pages); font: 9pt system-ui, sans-serif; color: #666; } }
* { box-sizing: border-box; }
html { background: #fff; color: #14191f; }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; font: 10.5pt/1.45 Georgia, 'Times New Roman', serif; }
h1, h2, h3, th, .facts, .tools, .drill { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }
h1 { font-size: 19pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 8mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef0f3; font-size: 9pt; }
tr { break-inside: avoid; }
td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.facts td:first-child { width: 32%; color: #444; }
.how { color: #444; font-size: 8.8pt; }
figure { margin: 3mm 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #555; }
.drill { border: 2px dashed #b58900; color: #7a5c00; padding: 2mm 3mm; font-weight: 700; margin-bottom: 4mm; }
.late { color: #b3261e; font-weight: 600; }
.empty { color: #777; font-style: italic; }
.tools { margin-bottom: 6mm; display: flex; gap: 4mm; }
.tools a, .tools span { font: 10pt system-ui, sans-serif; }
@media print { .tools { display: none; } body { padding: 0; max-width: none; } }`;

const DRILL_PAGE_CSS = `@page { @top-center { content: "⚑ DRILL"; font: 700 9pt system-ui, sans-serif; color: #7a5c00; } }`;

function table(head: string[], rows: string[][], classes: string[] = []): string {
	const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows
		.map(
			(r) =>
				`<tr>${r.map((c, i) => `<td${classes[i] ? ` class="${classes[i]}"` : ''}>${c}</td>`).join('')}</tr>`
		)
		.join('');
	return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function section(doc: PostmortemDocument, key: SectionKey): string {
	const body = doc.sections.find((s) => s.key === key)?.body.trim() ?? '';
	return `<section><h2>${esc(sectionTitle(key))}</h2>${body ? renderMarkdown(body) : `<p class="empty">${esc(m.pm_md_empty())}</p>`}</section>`;
}

function facts(doc: PostmortemDocument): string {
	const at = (iso: string | null) => esc(iso ? clock(iso, doc) : '—');
	const status = doc.publication
		? m.pm_md_published({
				version: doc.publication.number,
				when: clock(doc.publication.publishedAt, doc)
			})
		: postmortemStatusLabel(doc.status);
	const rows = [
		[m.pm_md_severity(), esc(doc.incident.severity)],
		[m.pm_md_status(), esc(status)],
		[m.pm_md_organizations(), esc(doc.incident.organizations.join(', '))],
		[m.pm_md_commander(), esc(doc.incident.commanderName ?? '—')],
		[m.pm_md_detected(), at(doc.incident.detectedAt)],
		[m.pm_md_resolved(), at(doc.incident.resolvedAt)],
		[m.pm_md_timezone(), esc(doc.timezone)]
	].map(([k, v]) => [esc(k ?? ''), v ?? '']);
	return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

function figures(doc: PostmortemDocument): string {
	const rows = figureRows(doc.figures).map((r) => [
		esc(r.label),
		esc(r.value),
		`<span class="how">${esc(r.explanation)}</span>`
	]);
	return `<h3>${esc(m.pm_figures_title())}</h3>${table([m.pm_md_figure(), m.pm_md_value(), m.pm_md_how()], rows, ['', 'num', ''])}
<figure>${doc.chartSvg}<figcaption>${esc(m.pm_chart_title())}</figcaption></figure>`;
}

function keyEvents(doc: PostmortemDocument): string {
	const rows = doc.keyEvents.map((e, i) => [
		String(i + 1),
		esc(clock(e.occurredAt, doc)),
		`${e.reason === 'pinned' ? '★ ' : ''}${esc(e.text)}`,
		esc(e.actorName ?? '—')
	]);
	return `<h3>${esc(m.pm_key_events_title())}</h3>${table(['#', m.pm_md_when(), m.pm_md_what(), m.pm_md_who()], rows, ['num', 'num'])}`;
}

function steps(doc: PostmortemDocument): string {
	if (doc.figures.steps.length === 0) return '';
	const rows = doc.figures.steps.map((s) => {
		const delta = s.deltaMinutes;
		const text =
			delta === null
				? '—'
				: `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${formatMinutes(Math.abs(delta))}`;
		return [
			`${s.drove ? '◆ ' : ''}${esc(s.title)}`,
			esc(formatMinutes(s.plannedMinutes)),
			esc(s.actualMinutes === null ? '—' : formatMinutes(s.actualMinutes)),
			delta !== null && delta >= 1 ? `<span class="late">${esc(text)}</span>` : esc(text)
		];
	});
	return `<section><h2>${esc(m.pm_steps_title())}</h2><p class="how">${esc(m.pm_steps_legend())}</p>${table([m.pm_md_step(), m.pm_md_planned(), m.pm_md_actual(), m.pm_md_difference()], rows, ['', 'num', 'num', 'num'])}</section>`;
}

function actionItems(doc: PostmortemDocument): string {
	const rows = doc.actionItems.map((a) => [
		esc(a.title),
		esc(
			a.ownerName
				? `${a.ownerName}${a.ownerOrganizationName ? ` (${a.ownerOrganizationName})` : ''}`
				: '—'
		),
		esc(a.dueOn),
		esc(actionStatusLabel(a.status))
	]);
	const body =
		rows.length === 0
			? `<p class="empty">${esc(m.pm_md_empty())}</p>`
			: table([m.pm_md_action(), m.pm_md_owner(), m.pm_md_due(), m.pm_md_status()], rows, [
					'',
					'',
					'num',
					''
				]);
	return `<section><h2>${esc(m.pm_action_items_title())}</h2>${body}</section>`;
}

export function toPrintHtml(doc: PostmortemDocument, backHref: string): string {
	const drill = doc.incident.mode === 'drill';
	const title = m.pm_title({ title: doc.incident.title });
	return `<!doctype html>
<html lang="${esc(doc.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${drill ? `[${m.drill_label()}] ` : ''}${title}`)}</title>
<style>${CSS}${drill ? DRILL_PAGE_CSS : ''}</style></head>
<body>
<div class="tools"><a href="${esc(backHref)}">${esc(m.pm_print_back())}</a><span>${esc(m.pm_print_now())}</span></div>
${drill ? `<div class="drill">⚑ ${esc(m.drill_label().toUpperCase())} — ${esc(m.pm_drill_notice())}</div>` : ''}
<h1>${esc(title)}</h1>
${facts(doc)}
${section(doc, 'summary')}
<section><h2>${esc(m.pm_section_impact())}</h2>${renderBody(doc, 'impact')}${figures(doc)}</section>
<section><h2>${esc(m.pm_section_timeline())}</h2>${renderBody(doc, 'timeline')}${keyEvents(doc)}</section>
${steps(doc)}
${section(doc, 'root_cause')}
${section(doc, 'went_well')}
${section(doc, 'went_badly')}
${actionItems(doc)}
</body></html>`;
}

function renderBody(doc: PostmortemDocument, key: SectionKey): string {
	const body = doc.sections.find((s) => s.key === key)?.body.trim() ?? '';
	return body ? renderMarkdown(body) : '';
}
