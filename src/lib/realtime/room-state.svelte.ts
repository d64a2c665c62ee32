import type { StreamEvent } from '$lib/realtime/protocol';
import { applyStepEvent } from '$lib/runbooks/events';
import type { Run } from '$lib/runbooks/types';
import type { TimelineEntry } from '$lib/timeline/fold';
import { applyToIncident, type IncidentHeadState } from '../incidents/fold';
import { SHARING_KINDS } from '../incidents/participants';
import { applyToServers, type RoomServer } from '../inventory/room-servers';
import {
	appendPage,
	filterQuery,
	matchesTimelineFilter,
	newestFirst,
	placeInTimeline,
	type TimelineFilter,
	type TimelinePage
} from '../timeline/page';

/** What the server rendered: the present of the room, and the newest page of its timeline. */
export interface RoomSnapshot<I, S> {
	incident: I;
	servers: S[];
	run: Run | null;
	timeline: TimelinePage;
	timelineFilter: TimelineFilter;
}

/** The timeline as its panel reads and moves it. */
export interface LiveTimeline {
	readonly timeline: TimelineEntry[];
	readonly nextCursor: string | null;
	readonly total: number;
	readonly filter: TimelineFilter;
	readonly loadingTimeline: boolean;
	readonly timelineError: boolean;
	loadEarlier(): Promise<void>;
	setFilter(filter: TimelineFilter): Promise<void>;
}

/** Live events kept to re-apply over a fresh read (a reload) or a freshly fetched page. */
const RECENT_EVENTS = 500;

/**
 * The room as the page shows it: the server's snapshot, with each live event applied once to
 * the slices it changes (`$state.raw`: a slice is replaced, never deep-proxied, and a slice an
 * event does not touch keeps its identity, so nothing else re-renders). No event is folded
 * twice and the history is never re-folded, however long the night.
 */
export class RoomLiveState<
	I extends IncidentHeadState & { id: string; lastSeq: number },
	S extends RoomServer
> implements LiveTimeline {
	incident: I;
	servers: S[] = $state.raw([]);
	run: Run | null = $state.raw(null);
	/** The loaded timeline entries, newest first. */
	timeline: TimelineEntry[] = $state.raw([]);
	/** Fetches the page before the oldest loaded entry; null when the first event is loaded. */
	nextCursor: string | null = $state.raw(null);
	/** How many entries the filter keeps in all, loaded or not. */
	total = $state(0);
	filter: TimelineFilter = $state.raw({ group: null, actorId: null });
	/** Sharing changes received live (the sharing panel folds these few). */
	sharingEvents: StreamEvent[] = $state.raw([]);
	/** Contacts shown to or hidden from partners live (the contacts panel folds these). */
	contactEvents: StreamEvent[] = $state.raw([]);
	loadingTimeline = $state(false);
	timelineError = $state(false);
	#applied = 0;
	#recent: StreamEvent[] = [];
	#request = 0;

	constructor(snapshot: RoomSnapshot<I, S>) {
		this.incident = $state.raw(snapshot.incident);
		this.reset(snapshot);
	}

	/** Whether older entries exist beyond the loaded ones. */
	get partial(): boolean {
		return this.nextCursor !== null;
	}

	/**
	 * A fresh read from the server (a reload of the page's data): it replaces the slices, keeps
	 * the earlier pages already loaded, and re-applies live events it does not include yet.
	 */
	reset(snapshot: RoomSnapshot<I, S>) {
		const sameRoom = this.incident.id === snapshot.incident.id;
		if (!sameRoom) this.#recent = [];
		this.incident = snapshot.incident;
		this.servers = snapshot.servers;
		this.run = snapshot.run;
		this.#applied = snapshot.incident.lastSeq;
		this.sharingEvents = [];
		this.contactEvents = [];
		this.#setTimeline(snapshot.timeline, snapshot.timelineFilter, sameRoom);
		const missing = this.#recent.filter((e) => e.seq > snapshot.incident.lastSeq);
		for (const event of missing) this.#applyOnce(event);
	}

	/** One live event, applied to the slices it changes (each event once, in sequence order). */
	apply(event: StreamEvent) {
		if (event.seq <= this.#applied) return;
		this.#recent.push(event);
		if (this.#recent.length > RECENT_EVENTS) this.#recent.shift();
		this.#applyOnce(event);
	}

	#applyOnce(event: StreamEvent) {
		if (event.seq <= this.#applied) return;
		this.#applied = event.seq;
		const incident = applyToIncident(this.incident, event);
		if (incident !== this.incident) this.incident = incident;
		const servers = applyToServers(this.servers, event);
		if (servers !== this.servers) this.servers = servers;
		if (this.run) {
			const run = applyStepEvent(this.run, event);
			if (run !== this.run) this.run = run;
		}
		if (SHARING_KINDS.has(event.kind)) this.sharingEvents = [...this.sharingEvents, event];
		if (event.kind === 'contact.shared' || event.kind === 'contact.unshared')
			this.contactEvents = [...this.contactEvents, event];
		this.#place(event);
	}

	#place(event: StreamEvent) {
		const timeline = placeInTimeline(this.timeline, event, this.filter, this.partial);
		if (timeline !== this.timeline) this.timeline = timeline;
		if (matchesTimelineFilter(event, this.filter)) this.total += 1;
	}

	#setTimeline(page: TimelinePage, filter: TimelineFilter, keepEarlier: boolean) {
		const sameFilter = filter.group === this.filter.group && filter.actorId === this.filter.actorId;
		const last = page.items.at(-1);
		const earlier =
			keepEarlier && sameFilter && page.nextCursor && last
				? this.timeline.filter((e) => newestFirst(e, last) > 0)
				: [];
		this.filter = filter;
		this.timeline = appendPage(page.items, earlier);
		this.nextCursor = earlier.length > 0 ? this.nextCursor : page.nextCursor;
		this.total = page.total;
	}

	/** The page before the oldest loaded entry, appended ("earlier"). */
	async loadEarlier(): Promise<void> {
		const cursor = this.nextCursor;
		if (!cursor || this.loadingTimeline) return;
		const page = await this.#fetchPage(this.filter, cursor);
		if (!page) return;
		this.timeline = appendPage(this.timeline, page.items);
		this.nextCursor = page.nextCursor;
		this.total = page.total;
	}

	/** The newest page under another filter, read by the server. */
	async setFilter(filter: TimelineFilter): Promise<void> {
		const page = await this.#fetchPage(filter, null);
		if (!page) return;
		this.filter = filter;
		this.timeline = page.items;
		this.nextCursor = page.nextCursor;
		this.total = page.total;
		// What arrived while the page was on its way (each entry still once).
		for (const event of this.#recent) {
			const timeline = placeInTimeline(this.timeline, event, filter, this.partial);
			if (timeline !== this.timeline) this.timeline = timeline;
		}
	}

	async #fetchPage(filter: TimelineFilter, cursor: string | null): Promise<TimelinePage | null> {
		const request = ++this.#request;
		const query = filterQuery(filter);
		if (cursor) query.set('cursor', cursor);
		this.loadingTimeline = true;
		this.timelineError = false;
		try {
			const response = await fetch(
				`/api/v1/incidents/${this.incident.id}/timeline?${query.toString()}`,
				{ headers: { accept: 'application/json' } }
			);
			if (!response.ok) throw new Error(`timeline: ${response.status}`);
			const page: TimelinePage = await response.json();
			return request === this.#request ? page : null;
		} catch {
			if (request === this.#request) this.timelineError = true;
			return null;
		} finally {
			if (request === this.#request) this.loadingTimeline = false;
		}
	}
}
