/**
 * The trend of a template's drills in SVG: one bar per drill (its total duration, written on
 * it), oldest first, this drill marked in words, and the plan as a dashed line with its value.
 */
import { m } from '$lib/paraglide/messages';
import { escapeXml } from '$lib/postmortems/chart';
import { formatMinutes } from '$lib/runbooks/format';
import type { DrillTotals } from './scorecard';

const WIDTH = 640;
const HEIGHT = 240;
const TOP = 28;
const BOTTOM = 44;
const LEFT = 16;

function shortDate(iso: string, timeZone: string, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		timeZone,
		day: '2-digit',
		month: 'short',
		year: '2-digit'
	}).format(new Date(iso));
}

export function trendChartSvg(
	drills: readonly DrillTotals[],
	currentId: string,
	format: { timezone: string; locale: string }
): string {
	const shown = drills.filter((d) => d.actualMinutes !== null);
	const plan = Math.max(0, ...drills.map((d) => d.plannedMinutes ?? 0));
	const top = Math.max(plan, ...shown.map((d) => d.actualMinutes ?? 0), 60) * 1.15;
	const y = (minutes: number) => TOP + (1 - minutes / top) * (HEIGHT - TOP - BOTTOM);
	const slot = (WIDTH - LEFT * 2) / Math.max(shown.length, 1);
	const bar = Math.min(70, slot * 0.6);
	const bars = shown.map((d, i) => {
		const minutes = d.actualMinutes ?? 0;
		const x = LEFT + i * slot + (slot - bar) / 2;
		const current = d.incidentId === currentId;
		const over = plan > 0 && minutes > plan;
		const state = !d.finished
			? ` (${m.drill_trend_running()})`
			: over
				? ` (${m.drill_trend_over({ duration: formatMinutes(minutes - plan) })})`
				: '';
		const label = `${formatMinutes(minutes)}${state}`;
		const date = shortDate(d.declaredAt, format.timezone, format.locale);
		return `<g><title>${escapeXml(`${d.title} · ${date} · ${label}`)}</title>
<rect x="${x.toFixed(1)}" y="${y(minutes).toFixed(1)}" width="${bar.toFixed(1)}" height="${(HEIGHT - BOTTOM - y(minutes)).toFixed(1)}" class="${current ? 'dtc-current' : over ? 'dtc-over' : 'dtc-bar'}"/>
<text class="dtc-text dtc-strong" x="${(x + bar / 2).toFixed(1)}" y="${(y(minutes) - 5).toFixed(1)}" text-anchor="middle">${escapeXml(label)}</text>
<text class="dtc-text" x="${(x + bar / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 15}" text-anchor="middle">${escapeXml(date)}</text>
${current ? `<text class="dtc-text dtc-strong" x="${(x + bar / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 30}" text-anchor="middle">${escapeXml(m.drill_trend_this())}</text>` : ''}</g>`;
	});
	const planLine =
		plan > 0
			? `<line class="dtc-plan" x1="${LEFT}" x2="${WIDTH - LEFT}" y1="${y(plan).toFixed(1)}" y2="${y(plan).toFixed(1)}"/><text class="dtc-text" x="${WIDTH - LEFT}" y="${(y(plan) - 4).toFixed(1)}" text-anchor="end">${escapeXml(m.drill_trend_plan({ duration: formatMinutes(plan) }))}</text>`
			: '';
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(m.drill_trend_title())}"><title>${escapeXml(m.drill_trend_title())}</title><style>
.dtc-text{fill:var(--text,#14191f);font:11px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
.dtc-strong{font-weight:600}
.dtc-bar{fill:var(--ok,#17794a)}
.dtc-over{fill:var(--danger,#b3261e)}
.dtc-current{fill:var(--accent,#9a6400)}
.dtc-plan{stroke:var(--text-dim,#55606c);stroke-width:1.5;stroke-dasharray:6 4}
</style><line x1="${LEFT}" x2="${WIDTH - LEFT}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM}" stroke="var(--border,#d3d8de)"/>${planLine}${bars.join('')}</svg>`;
}
