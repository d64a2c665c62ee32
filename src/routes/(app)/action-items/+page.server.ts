import { actorOf } from '$lib/server/access/actor-of';
import { redirect } from '@sveltejs/kit';
import { todayIn } from '$lib/postmortems/sections';
import { formFailure } from '$lib/server/http';
import { changeActionItem, listOpenActionItems } from '$lib/server/postmortems/action-items';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, '/signin');
	const today = todayIn(locals.user.timezone);
	const overdue = url.searchParams.get('show') === 'overdue';
	const items = await listOpenActionItems(locals.user.id, overdue ? { dueBefore: today } : {});
	return { items, today, overdue };
};

export const actions: Actions = {
	status: async (event) => {
		const { locals, request } = event;
		if (!locals.user) redirect(303, '/signin');
		const values = formObject(await request.formData());
		const actor = actorOf(event);
		try {
			await changeActionItem({ actor }, values.itemId ?? '', values);
		} catch (e) {
			return formFailure(e, values);
		}
		return { ok: true };
	}
};
