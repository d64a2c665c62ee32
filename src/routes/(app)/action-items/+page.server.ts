import { actorOf } from '$lib/server/access/actor-of';
import { todayIn } from '$lib/postmortems/sections';
import { formFailure } from '$lib/server/http';
import { changeActionItem, listOpenActionItems } from '$lib/server/postmortems/action-items';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals);
	const today = todayIn(locals.user.timezone);
	const overdue = url.searchParams.get('show') === 'overdue';
	const items = await listOpenActionItems(locals.user.id, overdue ? { dueBefore: today } : {});
	return { items, today, overdue };
};

export const actions: Actions = {
	status: async (event) => {
		const { locals, request } = event;
		requireUser(locals);
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
