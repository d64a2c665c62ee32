import { render } from 'svelte/server';
import type { PostmortemChart } from '$lib/postmortems/document';
import NightChart from '$lib/postmortems/NightChart.svelte';

/**
 * The chart as a standalone SVG file, rendered by the same component as the page (without
 * Svelte's hydration markers, which a file does not need). A version published before the
 * chart was a component is its stored SVG, as published.
 */
export function chartSvgFile(chart: PostmortemChart): string {
	if (chart.kind === 'svg') return chart.svg;
	const { body } = render(NightChart, { props: { data: chart.data } });
	return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(/<!--[^]*?-->/g, '').trim()}\n`;
}
