import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { fromStored, type PostmortemDocument } from '../../src/lib/postmortems/document';
import { cell, exportName, toMarkdown } from '../../src/lib/postmortems/markdown';
import { computeFigures } from '../../src/lib/postmortems/report';
import { chartSvgFile } from '../../src/lib/server/postmortems/chart-svg';
import PrintPage from '../../src/routes/(app)/incidents/[id=uuid]/postmortem/print/+page@.svelte';
import { at, figureInput, FORMAT, ran, T0, timeline } from './postmortem-fixtures';

function documentOf(mode: 'real' | 'drill'): PostmortemDocument {
	const { events, add } = timeline();
	add('incident.declared', 8);
	add('incident.status_changed', 120, { from: 'monitoring', to: 'resolved' });
	const input = figureInput({
		events,
		run: { startedAt: at(8), steps: [ran('Restore | db01', 8, 100, { plannedMinutes: 60 })] }
	});
	const figures = computeFigures(input, FORMAT);
	return {
		incident: {
			id: 'incident-1',
			title: 'Payment pages down',
			severity: 'SEV2',
			mode,
			status: 'resolved',
			summary: '',
			commanderName: 'Claire Martin',
			organizations: ['Petit Nuage', 'Rempart Hosting'],
			detectedAt: at(0),
			declaredAt: at(8),
			resolvedAt: at(120),
			timezone: 'Europe/Paris',
			templateName: null
		},
		status: 'draft',
		publication: null,
		...FORMAT,
		generatedAt: at(200),
		figures,
		keyEvents: [],
		affected: [],
		sections: [
			{
				key: 'root_cause',
				body: 'A **second** disk failed.',
				version: 2,
				updatedAt: at(300),
				updatedByName: 'Julien'
			},
			{
				key: 'summary',
				body: '<img src=x onerror=alert(1)>',
				version: 1,
				updatedAt: at(300),
				updatedByName: null
			}
		],
		actionItems: [
			{
				id: 'a1',
				title: 'Alert on RAID | degradation',
				ownerId: 'u1',
				ownerName: 'Marc Lefèvre',
				ownerOrganizationName: 'Rempart Hosting',
				dueOn: '2025-12-01',
				status: 'open',
				version: 1
			}
		],
		chart: {
			kind: 'data',
			data: {
				detectedAt: at(0),
				resolvedAt: at(120),
				impactStart: null,
				now: T0 + 200 * 60_000,
				statusChanges: [{ occurredAt: at(120), to: 'resolved' }],
				keyEvents: [],
				steps: figures.steps,
				drill: mode === 'drill',
				...FORMAT
			}
		}
	};
}

describe('the Markdown export', () => {
	it('writes the figures, sections and action items as tables a wiki takes as is', () => {
		const markdown = toMarkdown(documentOf('real'));
		expect(markdown).toMatch(/^# Post-mortem: Payment pages down\n/);
		expect(markdown).toContain('| Time to recover | 2 h |');
		expect(markdown).toContain('| Time to declare | 8 min |');
		expect(markdown).toContain('## Root cause\n\nA **second** disk failed.');
		expect(markdown).toContain(
			'| Alert on RAID \\| degradation | Marc Lefèvre (Rempart Hosting) | 2025-12-01 | Open |'
		);
		expect(markdown).toContain('| ◆ Restore \\| db01 | 1 h | 1 h 32 min | +32 min |');
		// The chart is the separate SVG download, referenced by the name it is saved under.
		expect(markdown).toContain('![Timeline of the incident');
		expect(markdown).toMatch(/\n\[timeline-chart\]: postmortem-2025-11-21\.svg\n$/);
		expect(markdown).not.toContain('base64');
		expect(markdown).not.toContain('DRILL');
	});

	it('marks a drill in its title and right under it', () => {
		const markdown = toMarkdown(documentOf('drill'));
		expect(markdown).toMatch(/^# \[DRILL\] Post-mortem: Payment pages down\n\n> ⚑ \*\*DRILL\*\*/);
		expect(markdown).toMatch(/\[timeline-chart\]: postmortem-2025-11-21-drill\.svg\n$/);
		expect(exportName(documentOf('drill'), 'md')).toBe('postmortem-2025-11-21-drill.md');
	});

	it('keeps table cells on one line', () => {
		expect(cell('two\nlines | and a pipe')).toBe('two lines \\| and a pipe');
	});
});

describe('the chart download', () => {
	it('is one standalone SVG file drawn by the same component as the page', () => {
		const svg = chartSvgFile(documentOf('real').chart);
		expect(svg).toMatch(
			/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
		);
		expect(svg).not.toContain('<!--');
		expect(svg).toContain('Restore | db01');
		expect(svg).toContain('+32 min');
		expect(svg.trim()).toMatch(/<\/svg>$/);
	});

	it('of a version published before the chart was a component is the SVG it was published with', () => {
		const { chart, ...rest } = documentOf('real');
		expect(chart.kind).toBe('data');
		const stored = {
			...rest,
			chartSvg: '<svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>'
		};
		const legacy = fromStored(stored);
		expect(legacy.chart).toEqual({ kind: 'svg', svg: stored.chartSvg });
		expect(chartSvgFile(legacy.chart)).toBe(stored.chartSvg);
		// Shown as an image from chart.svg, never as markup of the page.
		const { body } = render(PrintPage, {
			props: { data: { user: null, document: legacy, query: '?version=1' } }
		});
		expect(body).toContain('<img src="/incidents/incident-1/postmortem/chart.svg?version=1"');
		expect(body).not.toContain('<text>é</text>');
	});
});

describe('the printable page', () => {
	const print = (doc: PostmortemDocument) =>
		render(PrintPage, { props: { data: { user: null, document: doc, query: '' } } });

	it('is one document with the chart inline and no raw HTML from sections', () => {
		const { body, head } = print(documentOf('real'));
		expect(head).toContain('<title>Post-mortem: Payment pages down</title>');
		expect(body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
		expect(body).toContain('<strong>second</strong>');
		expect(body).not.toContain('<img src=x');
		expect(body).toContain('&lt;img src=x');
		expect(body).toContain('Alert on RAID | degradation');
		expect(body).not.toContain('⚑ DRILL');
		expect(head).not.toContain('@page');
	});

	it('says DRILL at the top of the document and of every printed page', () => {
		const { body, head } = print(documentOf('drill'));
		expect(head).toContain('@page { @top-center { content: "⚑ DRILL"');
		expect(body).toMatch(/<div class="drill[^"]*">⚑ DRILL/);
	});
});
