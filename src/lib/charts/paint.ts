/**
 * The charts' colours as inline styles: the app's CSS variables where the SVG sits in a page
 * (so it follows the light or dark theme), a light print palette where it stands alone (a
 * file, a wiki). Inline, because a standalone SVG carries no stylesheet.
 */
export const PAINT = {
	/** The whole chart: font and text colour. */
	root: "font: 11px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; fill: var(--text, #14191f)",
	text: 'fill: var(--text, #14191f)',
	dim: 'fill: var(--text-dim, #55606c)',
	strong: 'font-weight: 600',
	grid: 'stroke: var(--border, #d3d8de); stroke-width: 0.5',
	baseline: 'stroke: var(--border, #d3d8de)',
	planned: 'fill: none; stroke: var(--text-dim, #55606c); stroke-width: 1',
	plan: 'stroke: var(--text-dim, #55606c); stroke-width: 1.5; stroke-dasharray: 6 4',
	ok: 'fill: var(--ok, #17794a)',
	accent: 'fill: var(--accent, #9a6400)',
	danger: 'fill: var(--danger, #b3261e)',
	dangerText: 'fill: var(--danger, #b3261e); font-weight: 600'
} as const;

/** Coordinates with one decimal: enough for a chart, and a readable file. */
export const px = (n: number) => n.toFixed(1);
