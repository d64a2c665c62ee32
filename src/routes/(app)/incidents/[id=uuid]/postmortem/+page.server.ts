import { getLocale } from '$lib/paraglide/runtime';
import { todayIn } from '$lib/postmortems/sections';
import { runFormAction, type FormActor } from '$lib/server/form-action';
import {
	addActionItem,
	changeActionItem,
	removeActionItem
} from '$lib/server/postmortems/action-items';
import {
	createPostmortem,
	movePostmortem,
	previewRefresh,
	refreshPostmortem,
	saveSection
} from '$lib/server/postmortems/commands';
import { askedVersion, readPostmortemPage } from '$lib/server/postmortems/page';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { signedInPage } from '$lib/server/page-load';

export const load: PageServerLoad = (event) =>
	signedInPage(event, async (reader, { timezone }) => {
		const incidentId = event.params.id;
		const page = await readPostmortemPage(reader, incidentId, {
			timezone,
			locale: getLocale(),
			version: askedVersion(event.url)
		});
		// What a refresh from the timeline would change, for whoever may apply it.
		const refresh =
			page.postmortem && page.canEdit && page.postmortem.status !== 'published' && !page.viewing
				? await previewRefresh(reader, incidentId)
				: null;
		return { ...page, refresh, today: todayIn(timezone) };
	});

/** Post-mortem forms answer with the command's result (the new section version, say). */
const run = <R>(
	event: RequestEvent,
	action: string,
	work: (actor: FormActor, values: Record<string, string>) => Promise<{ result: R }>
) =>
	runFormAction(event, action, async (actor, values) => ({
		result: (await work(actor, values)).result
	}));

export const actions: Actions = {
	create: (event) => run(event, 'create', (actor) => createPostmortem({ actor }, event.params.id)),
	section: (event) =>
		run(event, 'section', (actor, v) => saveSection({ actor }, event.params.id, v)),
	// Answers with what the refresh changed, under its own name, for the page to list.
	refresh: (event) =>
		runFormAction(event, 'refresh', async (actor) => ({
			refreshed: (await refreshPostmortem({ actor }, event.params.id)).result
		})),
	move: (event) => run(event, 'move', (actor, v) => movePostmortem({ actor }, event.params.id, v)),
	addItem: (event) =>
		run(event, 'addItem', (actor, v) => addActionItem({ actor }, event.params.id, v)),
	changeItem: (event) =>
		run(event, 'changeItem', (actor, v) => changeActionItem({ actor }, v.itemId ?? '', v)),
	removeItem: (event) =>
		run(event, 'removeItem', (actor, v) => removeActionItem({ actor }, v.itemId ?? ''))
};
