import { ofKind } from '$lib/events/payloads';
import type { PostmortemDocument } from '$lib/postmortems/document';
import { inOccurrenceOrder } from '$lib/postmortems/events';
import { impactStart, recordSpansYears, resolutionTime } from '$lib/postmortems/figures';
import { keyEvents } from '$lib/postmortems/key-events';
import type { NightChartData } from '$lib/postmortems/night-chart';
import { computeFigures } from '$lib/postmortems/report';
import type { FigureFormat, FigureInput } from '$lib/postmortems/types';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { readIncident } from '../incidents/queries';
import { loadFigureInput } from './figure-input';
import {
	actionItemPayload,
	findPostmortem,
	listIncidentActionItems,
	listSections
} from './queries';
import { m } from '$lib/paraglide/messages';

export interface DocumentOptions extends FigureFormat {
	now?: number;
}

/** Everything computed from the record: figures, key events and the picture's data. */
export function computeRecord(
	input: FigureInput,
	format: FigureFormat,
	drill: boolean
): Pick<PostmortemDocument, 'figures' | 'keyEvents' | 'chart'> {
	const figures = computeFigures(input, format);
	const keys = keyEvents(input);
	const data: NightChartData = {
		detectedAt: input.incident.detectedAt,
		resolvedAt: resolutionTime(input),
		impactStart: impactStart(input)?.occurredAt ?? null,
		now: input.now,
		statusChanges: inOccurrenceOrder(input.events)
			.filter(ofKind('incident.status_changed'))
			.map((e) => ({ occurredAt: e.occurredAt, to: e.payload.to })),
		keyEvents: keys,
		steps: figures.steps,
		drill,
		...format
	};
	return { figures, keyEvents: keys, chart: { kind: 'data', data } };
}

/** The post-mortem as it stands now (not a publication), for its page and its exports. */
export async function buildDocument(
	sql: Db,
	incidentId: string,
	options: DocumentOptions
): Promise<PostmortemDocument> {
	const now = options.now ?? Date.now();
	const [incident, input, row, sections, items, affected, template] = await Promise.all([
		readIncident(incidentId, sql),
		loadFigureInput(sql, incidentId, now),
		findPostmortem(sql, incidentId),
		listSections(sql, incidentId),
		listIncidentActionItems(sql, incidentId),
		sql<PostmortemDocument['affected']>`
			select i.hostname, i.kind, i.criticality, o.name as "organizationName"
			from incident_items ii join inventory_items i on i.id = ii.item_id
			join organizations o on o.id = i.organization_id
			where ii.incident_id = ${incidentId}
			order by i.criticality = '', lower(i.hostname)`,
		sql<{ name: string }[]>`
			select v.name from runbook_runs r
			join runbook_template_versions v on v.template_id = r.template_id and v.version = r.template_version
			where r.incident_id = ${incidentId}`
	]);
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
	const format = {
		timezone: options.timezone,
		locale: options.locale,
		withYear: recordSpansYears(input, options.timezone),
		now
	};
	const drill = incident.mode === 'drill';
	return {
		incident: {
			id: incident.id,
			title: incident.title,
			severity: incident.severity,
			mode: incident.mode,
			status: incident.status,
			summary: incident.summary,
			commanderName: incident.commanderName,
			organizations: incident.organizations.map((o) => o.name),
			detectedAt: incident.detectedAt.toISOString(),
			declaredAt: incident.declaredAt.toISOString(),
			resolvedAt: incident.resolvedAt?.toISOString() ?? null,
			timezone: incident.timezone,
			templateName: template[0]?.name ?? null
		},
		status: row?.status ?? 'draft',
		publication: null,
		timezone: options.timezone,
		locale: options.locale,
		withYear: format.withYear,
		generatedAt: new Date(now).toISOString(),
		...computeRecord(input, format, drill),
		affected: [...affected],
		sections,
		actionItems: items.map(actionItemPayload)
	};
}
