import { Feed } from 'feed';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { PublicStatus } from '$lib/status/public';
import { phaseIn } from './subscribers';

/** How many public updates the history feeds carry, newest first. */
const FEED_ENTRIES = 100;

/** Feed readers render the content as HTML: the update's text is escaped, its lines kept. */
const asHtml = (text: string) =>
	text
		.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
		.split(/\n{2,}/)
		.map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
		.join('');

/** The page's history as a feed: one entry per public update, nothing else. */
export function historyFeed(status: PublicStatus, origin: string, locale: Locale): Feed {
	const page = `${origin}/status/${status.page.slug}`;
	const feed = new Feed({
		id: page,
		title: m.status_feed_title({ title: status.page.title }, { locale }),
		description: m.status_feed_description({ title: status.page.title }, { locale }),
		link: page,
		language: locale,
		updated: status.page.updatedAt,
		generator: 'Nightshift',
		copyright: status.page.title,
		feedLinks: { atom: `${page}/history.atom`, rss: `${page}/history.rss` }
	});
	const entries = status.incidents
		.flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
		.sort((a, b) => b.update.createdAt.getTime() - a.update.createdAt.getTime())
		.slice(0, FEED_ENTRIES);
	for (const { incident, update } of entries) {
		feed.addItem({
			id: `${page}#update-${update.id}`,
			guid: `${page}#update-${update.id}`,
			title: `${incident.name} — ${phaseIn(update.phase, locale)}`,
			link: `${page}#incident-${incident.id}`,
			date: update.createdAt,
			published: update.createdAt,
			description: asHtml(update.body),
			content: asHtml(update.body)
		});
	}
	return feed;
}
