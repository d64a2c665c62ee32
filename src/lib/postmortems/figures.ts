import { spansYears } from '$lib/time/format';
/**
 * The post-mortem's time figures, each a pure function of what the incident recorded that
 * returns its value in minutes, a sentence saying how it was computed, and the events used.
 * Events are taken in occurred-at order, so back-dated and out-of-order entries count where
 * they belong, not where they were typed.
 */
import { describe } from '$lib/events/describe';
import { ofKind } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';
import { clock, inOccurrenceOrder, minutesBetween, ref, seqLabel } from './events';
import type { Figure, FigureEvent, FigureFormat, FigureInput } from './types';

const ACTIVE_STATUSES: string[] = ['investigating', 'identified', 'mitigating', 'monitoring'];

function what(event: FigureEvent): string {
	const text = describe(event);
	return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** What an organization does that is not yet working on the outage. */
const NOT_WORK: ReadonlySet<string> = new Set([
	'timeline.pinned',
	'incident.shared',
	'incident.left'
]);

function declaredEvent(input: FigureInput): FigureEvent | undefined {
	return input.events.find((e) => e.kind === 'incident.declared');
}

/**
 * The start of the impact is the earliest thing recorded as having happened before the
 * detection (a back-dated note, a server seen down); time to detect runs from it to detection.
 */
export function impactStart(input: FigureInput): FigureEvent | null {
	const detected = Date.parse(input.incident.detectedAt);
	const before = inOccurrenceOrder(input.events).filter(
		(e) => e.kind !== 'incident.declared' && Date.parse(e.occurredAt) < detected
	);
	return before[0] ?? null;
}

/** Whether the incident, from its first fact to its resolution (or now), crosses a New Year. */
export function recordSpansYears(input: FigureInput, timezone: string): boolean {
	const start = impactStart(input)?.occurredAt ?? input.incident.detectedAt;
	return spansYears(start, resolutionTime(input) ?? input.now, timezone);
}

export function timeToDetect(input: FigureInput, format: FigureFormat): Figure {
	const detected = input.incident.detectedAt;
	const declared = declaredEvent(input);
	const detection = declared ? [ref(declared, 'detection')] : [];
	const start = impactStart(input);
	if (!start) {
		return {
			value: null,
			explanation: m.pm_fig_detect_unknown({ detected: clock(detected, format) }),
			events: detection
		};
	}
	return {
		value: minutesBetween(start.occurredAt, detected),
		explanation: m.pm_fig_detect({
			start: clock(start.occurredAt, format),
			event: seqLabel(start),
			what: what(start),
			detected: clock(detected, format)
		}),
		events: [ref(start, 'impact_start'), ...detection]
	};
}

export function timeToDeclare(input: FigureInput, format: FigureFormat): Figure {
	const declared = declaredEvent(input);
	const at = declared?.occurredAt ?? input.incident.declaredAt;
	return {
		value: Math.max(0, minutesBetween(input.incident.detectedAt, at)),
		explanation: m.pm_fig_declare({
			detected: clock(input.incident.detectedAt, format),
			declared: clock(at, format),
			event: declared ? seqLabel(declared) : '—'
		}),
		events: declared ? [ref(declared, 'declaration')] : []
	};
}

/** The status change that resolved the incident for good: reopening cancels an earlier one. */
export function finalResolution(input: FigureInput): {
	event: FigureEvent | null;
	reopened: boolean;
} {
	let event: FigureEvent | null = null;
	let reopened = false;
	for (const e of inOccurrenceOrder(input.events)) {
		if (e.kind !== 'incident.status_changed') continue;
		const to = e.payload.to;
		if (to === 'resolved' && !event) event = e;
		else if (ACTIVE_STATUSES.includes(to) && event) [event, reopened] = [null, true];
	}
	return { event, reopened };
}

/** The moment the incident ended: its final resolution, else the recorded resolved-at. */
export function resolutionTime(input: FigureInput): string | null {
	return finalResolution(input).event?.occurredAt ?? input.incident.resolvedAt;
}

export function timeToRecover(input: FigureInput, format: FigureFormat): Figure {
	const { event, reopened } = finalResolution(input);
	const resolved = event?.occurredAt ?? input.incident.resolvedAt;
	if (!resolved) return { value: null, explanation: m.pm_fig_recover_open(), events: [] };
	const declared = declaredEvent(input);
	const explanation = m.pm_fig_recover({
		detected: clock(input.incident.detectedAt, format),
		resolved: clock(resolved, format),
		event: event ? seqLabel(event) : '—'
	});
	return {
		value: Math.max(0, minutesBetween(input.incident.detectedAt, resolved)),
		explanation: reopened ? `${explanation} ${m.pm_fig_recover_reopened()}` : explanation,
		events: [
			...(declared ? [ref(declared, 'detection')] : []),
			...(event ? [ref(event, 'resolution')] : [])
		]
	};
}

export interface MobilisationFigure extends Figure {
	organizationId: string;
	organizationName: string;
	/** What the clock starts from for this organization. */
	startKind: 'declaration' | 'call' | 'invitation' | null;
}

/**
 * Time to mobilise each organization. The declaring one: from the declaration to the first
 * runbook step one of its people started. Any other: from the first call logged to one of its
 * contacts (else from its invitation into the incident) to the first thing one of its people
 * did in the incident. Someone in both organizations counts for the declaring one only.
 */
export function timeToMobilise(input: FigureInput, format: FigureFormat): MobilisationFigure[] {
	const events = inOccurrenceOrder(input.events);
	const owner = input.incident.organizationId;
	const ownerPeople = new Set(
		input.members.filter((x) => x.organizationId === owner).map((x) => x.userId)
	);
	return input.organizations.map((org) => {
		const people = new Set(
			input.members
				.filter((x) => x.organizationId === org.id)
				.map((x) => x.userId)
				.filter((id) => org.id === owner || !ownerPeople.has(id))
		);
		const byThem = (e: FigureEvent) => e.actorId !== null && people.has(e.actorId);
		const base = { organizationId: org.id, organizationName: org.name };
		if (org.id === owner) {
			const start = events.find((e) => e.kind === 'incident.declared') ?? null;
			const action = events.find((e) => e.kind === 'step.started' && byThem(e)) ?? null;
			return { ...base, startKind: 'declaration', ...measure(org.name, start, action, format) };
		}
		const call = events
			.filter(ofKind('contact.called'))
			.find((e) => calledOrganization(input, e) === org.id);
		// Invited (since consent exists) or, for older incidents, added directly.
		const invite =
			events.filter(ofKind('incident.invited')).find((e) => e.payload.organizationId === org.id) ??
			events.filter(ofKind('incident.shared')).find((e) => e.payload.organizationId === org.id);
		const start = call ?? invite ?? null;
		// Accepting the invitation is not yet working on the outage.
		const action = events.find((e) => byThem(e) && !NOT_WORK.has(e.kind)) ?? null;
		const startKind = call ? 'call' : invite ? 'invitation' : null;
		return { ...base, startKind, ...measure(org.name, start, action, format) };
	});
}

function calledOrganization(
	input: FigureInput,
	call: FigureEvent<'contact.called'>
): string | null {
	const known = input.contactOrganizations[call.payload.contactId];
	if (known) return known;
	// A contact not linked to an organization still names its provider.
	const provider = (call.payload.provider ?? '').toLowerCase();
	return input.organizations.find((o) => o.name.toLowerCase() === provider)?.id ?? null;
}

function measure(
	org: string,
	start: FigureEvent | null,
	action: FigureEvent | null,
	format: FigureFormat
): Figure {
	if (!start) return { value: null, explanation: m.pm_fig_mobilise_unknown({ org }), events: [] };
	const from = {
		start: clock(start.occurredAt, format),
		event: seqLabel(start),
		what: what(start),
		org
	};
	if (!action) {
		return {
			value: null,
			explanation: m.pm_fig_mobilise_waiting(from),
			events: [ref(start, 'start')]
		};
	}
	const minutes = minutesBetween(start.occurredAt, action.occurredAt);
	const to = { action: clock(action.occurredAt, format), actionEvent: seqLabel(action) };
	return {
		value: Math.max(0, minutes),
		explanation:
			minutes < 0
				? m.pm_fig_mobilise_before({ ...from, ...to })
				: m.pm_fig_mobilise({ ...from, ...to, actionWhat: what(action) }),
		events: [ref(start, 'start'), ref(action, 'first_action')]
	};
}
