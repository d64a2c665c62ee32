import type { FigureEvent, FigureInput, FigureStep } from '../../src/lib/postmortems/types';

/** Friday 21:00 in Paris: minute 0 of every hand-made timeline. */
export const T0 = Date.parse('2025-11-21T20:00:00Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
export const FORMAT = { timezone: 'Europe/Paris', locale: 'en' };

export const MERCHANT = 'org-merchant';
export const HOSTER = 'org-hoster';
export const CLAIRE = 'user-claire';
export const MARC = 'user-marc';

/**
 * A timeline written by hand: each event is given when it happened and, for back-dated or
 * late-logged ones, when it was typed in; `seq` follows the typing order.
 */
export function timeline() {
	const events: FigureEvent[] = [];
	const add = (
		kind: string,
		occurred: number,
		payload: Record<string, unknown> = {},
		options: { recorded?: number; actor?: string; pinned?: boolean } = {}
	): FigureEvent => {
		// Hand-made timelines give only the payload fields a figure reads.
		const event = {
			seq: events.length + 1,
			kind,
			occurredAt: at(occurred),
			recordedAt: at(options.recorded ?? occurred),
			actorId: options.actor ?? null,
			actorName: options.actor ?? null,
			payload,
			pinned: options.pinned ?? false
		} as unknown as FigureEvent;
		events.push(event);
		return event;
	};
	return { events, add };
}

export function figureStep(id: string, overrides: Partial<FigureStep> = {}): FigureStep {
	return {
		id,
		key: id,
		title: id,
		phase: 'Phase',
		position: 1,
		state: 'pending',
		plannedMinutes: 10,
		startedAt: null,
		endedAt: null,
		dependsOn: [],
		serverHostname: null,
		...overrides
	};
}

/** A step that ran from `start` to `end` (minutes after T0). */
export function ran(
	id: string,
	start: number,
	end: number,
	overrides: Partial<FigureStep> = {}
): FigureStep {
	return figureStep(id, { state: 'done', startedAt: at(start), endedAt: at(end), ...overrides });
}

export function figureInput(overrides: Partial<FigureInput> = {}): FigureInput {
	return {
		incident: {
			detectedAt: at(0),
			declaredAt: at(8),
			resolvedAt: null,
			organizationId: MERCHANT
		},
		events: [],
		run: null,
		items: [],
		organizations: [
			{ id: MERCHANT, name: 'Petit Nuage', kind: 'merchant' },
			{ id: HOSTER, name: 'Rempart Hosting', kind: 'provider' }
		],
		members: [
			{ userId: CLAIRE, organizationId: MERCHANT },
			{ userId: MARC, organizationId: HOSTER }
		],
		contactOrganizations: { 'contact-noc': HOSTER },
		now: T0 + 24 * 60 * 60_000,
		...overrides
	};
}
