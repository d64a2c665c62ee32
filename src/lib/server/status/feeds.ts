import { Feed } from 'feed';
import { m } from '$lib/paraglide/messages';
import { labels } from '$lib/text/labels';
import type { Locale } from '$lib/paraglide/runtime';
import type { MaintenanceStatus } from '$lib/status/maintenance';
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

const maintenanceStatusIn = labels<MaintenanceStatus>({
	scheduled: m.status_maintenance_scheduled,
	in_progress: m.status_maintenance_in_progress,
	verifying: m.status_maintenance_verifying,
	completed: m.status_maintenance_completed
});

/** The page's history as a feed: one entry per public update (of incidents and maintenances). */
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
	const window = (from: Date, until: Date) =>
		m.status_feed_maintenance_window(
			{
				from: from.toISOString().slice(0, 16).replace('T', ' '),
				until: until.toISOString().slice(0, 16).replace('T', ' ')
			},
			{ locale }
		);
	const entries = [
		...status.incidents.flatMap((incident) =>
			incident.updates.map((update) => ({
				id: update.id,
				title: `${incident.name} — ${phaseIn(update.phase, locale)}`,
				link: `${page}#incident-${incident.id}`,
				at: update.createdAt,
				text: update.body
			}))
		),
		...status.maintenances.flatMap((maintenance) =>
			maintenance.updates.map((update) => ({
				id: update.id,
				title: `${maintenance.name} — ${maintenanceStatusIn(update.status, locale)}`,
				link: `${page}#maintenance-${maintenance.id}`,
				at: update.createdAt,
				text: [update.body, window(maintenance.scheduledFor, maintenance.scheduledUntil)]
					.filter(Boolean)
					.join('\n\n')
			}))
		)
	]
		.sort((a, b) => b.at.getTime() - a.at.getTime())
		.slice(0, FEED_ENTRIES);
	for (const entry of entries) {
		feed.addItem({
			id: `${page}#update-${entry.id}`,
			guid: `${page}#update-${entry.id}`,
			title: entry.title,
			link: entry.link,
			date: entry.at,
			published: entry.at,
			description: asHtml(entry.text),
			content: asHtml(entry.text)
		});
	}
	return feed;
}
