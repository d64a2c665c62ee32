import type { KeyEvent } from './key-events';
import type { NightChartData } from './night-chart';
import type { PostmortemFigures } from './report';
import type { ActionItemView, PostmortemStatus, Section } from './sections';

/**
 * A post-mortem as a reader sees it, on its page and in its exports: the incident, its
 * figures, key events, picture, sections and action items. A publication stores exactly
 * this, so a published version reads the same forever.
 */
export interface PostmortemDocument {
	incident: {
		id: string;
		title: string;
		severity: string;
		mode: 'real' | 'drill';
		status: string;
		summary: string;
		commanderName: string | null;
		organizations: string[];
		detectedAt: string;
		declaredAt: string;
		resolvedAt: string | null;
		timezone: string;
		templateName: string | null;
	};
	status: PostmortemStatus;
	/** The publication this document is, when it is one. */
	publication: { number: number; publishedAt: string; publishedByName: string | null } | null;
	/** The zone its times are written in. */
	timezone: string;
	locale: string;
	/** Its dates carry their year: the incident spans years (older publications lack it). */
	withYear?: boolean;
	generatedAt: string;
	figures: PostmortemFigures;
	keyEvents: KeyEvent[];
	affected: { hostname: string; kind: string; criticality: string; organizationName: string }[];
	sections: Section[];
	actionItems: ActionItemView[];
	chart: PostmortemChart;
}

/**
 * The timeline chart: the data NightChart.svelte draws it from, or, for a version published
 * before the chart was a component, the standalone SVG it was published with (shown as an
 * image from `chart.svg`, never inserted as markup).
 */
export type PostmortemChart = { kind: 'data'; data: NightChartData } | { kind: 'svg'; svg: string };

/** What a publication row holds: today's document, or one published with `chartSvg`. */
export type StoredDocument = Omit<PostmortemDocument, 'chart'> & {
	chart?: PostmortemChart;
	chartSvg?: string;
};

/** A stored publication as a document, whichever form its chart was stored in. */
export function fromStored(stored: StoredDocument): PostmortemDocument {
	const { chartSvg, chart, ...rest } = stored;
	return { ...rest, chart: chart ?? { kind: 'svg', svg: chartSvg ?? '' } };
}
