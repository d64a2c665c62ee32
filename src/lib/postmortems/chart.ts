/**
 * The night as a picture: one standalone SVG (status phases, key events, and each runbook
 * step's planned and actual bars) drawn from the post-mortem's figures. The same string goes
 * into the page, the printable page and the Markdown export, so all three show one picture.
 * Colours read the app's CSS variables and fall back to a light print palette elsewhere; each
 * colour comes with a word (phase names, "+40 min").
 */
import { statusLabel } from '$lib/format/incident';
import { m } from '$lib/paraglide/messages';
import { formatClock, formatHourMinute, formatMinutes } from '$lib/runbooks/format';
import { MINUTE } from './events';
import type { KeyEvent } from './key-events';
import type { StepVariance } from './slippage';

export interface ChartInput {
	detectedAt: string;
	resolvedAt: string | null;
	impactStart: string | null;
	now: number;
	/** Status changes in the order they happened. */
	statusChanges: { occurredAt: string; to: string }[];
	keyEvents: KeyEvent[];
	steps: StepVariance[];
	drill: boolean;
	timezone: string;
	locale: string;
}

const WIDTH = 960;
const LABEL = 230;
const RIGHT = 70;
const AXIS = 30;
const BAND = 24;
const ROW = 18;
const TICKS = [15, 30, 60, 120, 180, 360, 720, 1440, 2880];
const PHASE_COLOURS: Record<string, string> = {
	undetected: '#8d96a0',
	investigating: '#d9534f',
	identified: '#e08a1e',
	mitigating: '#d4a017',
	monitoring: '#3f86d6',
	resolved: '#2e9d63',
	closed: '#2e9d63'
};

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const STYLE = `
.pmc-text{fill:var(--text,#14191f);font:11px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
.pmc-dim{fill:var(--text-dim,#55606c)}
.pmc-grid{stroke:var(--border,#d3d8de);stroke-width:.5}
.pmc-planned{fill:none;stroke:var(--text-dim,#55606c);stroke-width:1}
.pmc-actual{fill:var(--ok,#17794a)}
.pmc-running{fill:var(--accent,#9a6400)}
.pmc-late{fill:var(--danger,#b3261e)}
.pmc-late-text{fill:var(--danger,#b3261e);font-weight:600}
.pmc-phase-text{fill:#111;font-weight:600}
.pmc-drill{fill:#b58900;font-weight:700;letter-spacing:.08em}`;

interface Scale {
	start: number;
	end: number;
	x: (time: number) => number;
}

function scaleOf(input: ChartInput): Scale {
	const times = [
		Date.parse(input.detectedAt),
		input.impactStart ? Date.parse(input.impactStart) : Infinity,
		input.resolvedAt ? Date.parse(input.resolvedAt) : input.now,
		...input.steps.flatMap((s) => [s.plannedStart, s.plannedEnd, s.actualStart ?? Infinity]),
		...input.steps.map((s) => s.actualEnd ?? -Infinity)
	].filter(Number.isFinite);
	const start = Math.min(...times);
	const end = Math.max(start + 30 * MINUTE, ...times);
	const x = (time: number) => LABEL + ((time - start) / (end - start)) * (WIDTH - LABEL - RIGHT);
	return { start, end, x };
}

function axis(scale: Scale, input: ChartInput, bottom: number): string {
	const span = scale.end - scale.start;
	const step = (TICKS.find((t) => span / (t * MINUTE) <= 9) ?? 2880) * MINUTE;
	const first = Math.ceil(scale.start / step) * step;
	const parts: string[] = [];
	let lastDay = '';
	for (let t = first; t <= scale.end; t += step) {
		const day = formatClock(t, input.timezone, input.locale).split(' ')[0] ?? '';
		const label =
			day !== lastDay
				? formatClock(t, input.timezone, input.locale)
				: formatHourMinute(t, input.timezone, input.locale);
		lastDay = day;
		const x = scale.x(t).toFixed(1);
		parts.push(
			`<line class="pmc-grid" x1="${x}" x2="${x}" y1="${AXIS - 6}" y2="${bottom}"/>`,
			`<text class="pmc-text pmc-dim" x="${x}" y="${AXIS - 10}" text-anchor="middle">${escapeXml(label)}</text>`
		);
	}
	return parts.join('');
}

function phases(scale: Scale, input: ChartInput, top: number): string {
	const segments: { from: number; to: number; status: string; label: string }[] = [];
	const detected = Date.parse(input.detectedAt);
	if (input.impactStart && Date.parse(input.impactStart) < detected) {
		segments.push({
			from: Date.parse(input.impactStart),
			to: detected,
			status: 'undetected',
			label: m.pm_chart_undetected()
		});
	}
	let status = 'investigating';
	let from = detected;
	for (const change of input.statusChanges) {
		const at = Date.parse(change.occurredAt);
		if (at > from) segments.push({ from, to: at, status, label: statusLabel(status) });
		[status, from] = [change.to, Math.max(from, at)];
	}
	segments.push({ from, to: scale.end, status, label: statusLabel(status) });
	return segments
		.map((s) => {
			const x = scale.x(s.from);
			const width = Math.max(1, scale.x(s.to) - x);
			const text =
				width > s.label.length * 6.4 + 6
					? `<text class="pmc-text pmc-phase-text" x="${(x + 4).toFixed(1)}" y="${top + 16}">${escapeXml(s.label)}</text>`
					: '';
			return `<g><title>${escapeXml(s.label)}</title><rect x="${x.toFixed(1)}" y="${top + 2}" width="${width.toFixed(1)}" height="${BAND - 4}" fill="${PHASE_COLOURS[s.status] ?? '#8d96a0'}"/>${text}</g>`;
		})
		.join('');
}

function markers(scale: Scale, input: ChartInput, top: number): string {
	return input.keyEvents
		.map((e, i) => {
			const x = scale.x(Date.parse(e.occurredAt));
			const y = top + (i % 2 === 0 ? 8 : 17);
			const when = formatHourMinute(e.occurredAt, input.timezone, input.locale);
			return `<g><title>${escapeXml(`${i + 1}. ${when} ${e.text}`)}</title><path d="M${x.toFixed(1)} ${y - 5}l4 5-4 5-4-5z" class="pmc-late"/><text class="pmc-text" x="${(x + 6).toFixed(1)}" y="${y + 4}">${i + 1}</text></g>`;
		})
		.join('');
}

function stepRow(scale: Scale, input: ChartInput, step: StepVariance, top: number): string {
	const hm = (t: number) => formatHourMinute(t, input.timezone, input.locale);
	const title = step.title.length > 34 ? `${step.title.slice(0, 33)}…` : step.title;
	const late = (step.deltaMinutes ?? 0) >= 1;
	const planned = `<rect class="pmc-planned" x="${scale.x(step.plannedStart).toFixed(1)}" y="${top + 2}" width="${Math.max(1, scale.x(step.plannedEnd) - scale.x(step.plannedStart)).toFixed(1)}" height="5"/>`;
	let actual = '';
	let tip: string = m.pm_chart_step_planned({
		title: step.title,
		from: hm(step.plannedStart),
		to: hm(step.plannedEnd),
		minutes: formatMinutes(step.plannedMinutes)
	});
	if (step.actualStart !== null && step.actualEnd !== null) {
		const running = step.state === 'in_progress' || step.state === 'blocked';
		const cls = late ? 'pmc-late' : running ? 'pmc-running' : 'pmc-actual';
		const x = scale.x(step.actualStart);
		const end = scale.x(step.actualEnd);
		actual = `<rect class="${cls}" x="${x.toFixed(1)}" y="${top + 9}" width="${Math.max(2, end - x).toFixed(1)}" height="7"/>`;
		if (late) {
			actual += `<text class="pmc-text pmc-late-text" x="${(Math.max(end, x + 2) + 4).toFixed(1)}" y="${top + 15}">+${escapeXml(formatMinutes(step.deltaMinutes ?? 0))}</text>`;
		}
		tip += ` · ${m.pm_chart_step_actual({ from: hm(step.actualStart), to: hm(step.actualEnd), minutes: formatMinutes(step.actualMinutes ?? 0) })}`;
	}
	const label = `${step.drove ? '◆ ' : ''}${title}`;
	return `<g><title>${escapeXml(tip)}</title><text class="pmc-text" x="${LABEL - 8}" y="${top + 13}" text-anchor="end">${escapeXml(label)}</text>${planned}${actual}</g>`;
}

const LEGEND_TEXT = [m.pm_chart_planned, m.pm_chart_actual, m.pm_chart_late, m.pm_chart_drove];

function legend(top: number): string {
	const items = [
		`<rect class="pmc-planned" x="0" y="3" width="22" height="5"/><text class="pmc-text" x="28" y="10">${escapeXml(m.pm_chart_planned())}</text>`,
		`<rect class="pmc-actual" x="0" y="2" width="22" height="7"/><text class="pmc-text" x="28" y="10">${escapeXml(m.pm_chart_actual())}</text>`,
		`<rect class="pmc-late" x="0" y="2" width="22" height="7"/><text class="pmc-text" x="28" y="10">${escapeXml(m.pm_chart_late())}</text>`,
		`<text class="pmc-text" x="0" y="10">◆ ${escapeXml(m.pm_chart_drove())}</text>`
	];
	// Each entry placed after the previous one's text (about 6.5 units per character).
	let x = LABEL;
	return items
		.map((item, i) => {
			const at = x;
			x += 48 + (LEGEND_TEXT[i]?.() ?? '').length * 6.5;
			return `<g transform="translate(${at} ${top})">${item}</g>`;
		})
		.join('');
}

export function timelineChartSvg(input: ChartInput): string {
	const scale = scaleOf(input);
	const bandTop = AXIS;
	const eventsTop = AXIS + BAND;
	const stepsTop = eventsTop + BAND + 4;
	const bottom = stepsTop + input.steps.length * ROW;
	const height = bottom + 30;
	const heading = (text: string, y: number) =>
		`<text class="pmc-text pmc-dim" x="${LABEL - 8}" y="${y}" text-anchor="end">${escapeXml(text)}</text>`;
	const drill = input.drill
		? `<text class="pmc-text pmc-drill" x="${WIDTH - 6}" y="14" text-anchor="end">⚑ ${escapeXml(m.drill_label().toUpperCase())}</text>`
		: '';
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(m.pm_chart_title())}">`,
		`<title>${escapeXml(m.pm_chart_title())}</title><style>${STYLE}</style>`,
		axis(scale, input, bottom),
		heading(m.pm_chart_status(), bandTop + 16),
		phases(scale, input, bandTop),
		heading(m.pm_chart_key_events(), eventsTop + 16),
		markers(scale, input, eventsTop),
		input.steps.map((s, i) => stepRow(scale, input, s, stepsTop + i * ROW)).join(''),
		legend(bottom + 10),
		drill,
		'</svg>'
	].join('');
}
