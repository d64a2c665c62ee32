import { error, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { todayIn } from '$lib/postmortems/sections';
import type { Actor } from '$lib/server/access/actor';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import {
	addActionItem,
	changeActionItem,
	removeActionItem
} from '$lib/server/postmortems/action-items';
import { createPostmortem, movePostmortem, saveSection } from '$lib/server/postmortems/commands';
import { readPostmortemPage } from '$lib/server/postmortems/page';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, '/signin');
	const asked = Number(url.searchParams.get('version'));
	try {
		const page = await readPostmortemPage({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: Number.isInteger(asked) && asked > 0 ? asked : null
		});
		return { ...page, today: todayIn(locals.user.timezone) };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

function actorOf(event: RequestEvent): Actor {
	const user = event.locals.user;
	if (!user) redirect(303, '/signin');
	return { userId: user.id, name: user.displayName, address: event.getClientAddress() };
}

/** Runs one command from a form; what was typed comes back on failure, never lost. */
async function run<R>(
	event: RequestEvent,
	action: string,
	work: (actor: Actor, values: Record<string, string>) => Promise<{ result: R }>
) {
	const values = formObject(await event.request.formData());
	try {
		const { result } = await work(actorOf(event), values);
		return { action, ok: true as const, result };
	} catch (e) {
		return formFailure(e, { ...values, action });
	}
}

export const actions: Actions = {
	create: (event) => run(event, 'create', (actor) => createPostmortem({ actor }, event.params.id)),
	section: (event) =>
		run(event, 'section', (actor, v) => saveSection({ actor }, event.params.id, v)),
	move: (event) => run(event, 'move', (actor, v) => movePostmortem({ actor }, event.params.id, v)),
	addItem: (event) =>
		run(event, 'addItem', (actor, v) => addActionItem({ actor }, event.params.id, v)),
	changeItem: (event) =>
		run(event, 'changeItem', (actor, v) => changeActionItem({ actor }, v.itemId ?? '', v)),
	removeItem: (event) =>
		run(event, 'removeItem', (actor, v) => removeActionItem({ actor }, v.itemId ?? ''))
};
