import { fail } from '@sveltejs/kit';
import {
	COLUMN_TARGETS,
	EMPTY_MAPPING,
	type ColumnTarget,
	type ImportMapping
} from '$lib/inventory/import-mapping';
import { parseTable } from '$lib/inventory/import-parse';
import { previewImport } from '$lib/inventory/import-preview';
import { ITEM_STATUSES, type ItemStatus } from '$lib/inventory/model';
import { actorOf } from '$lib/server/access/actor-of';
import { authorize } from '$lib/server/access/authorize';
import { db } from '$lib/server/db/db';
import { formFailure } from '$lib/server/http';
import { findSavedMapping, importItems } from '$lib/server/inventory/import';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		await authorize(reader, organizationId, 'inventory.edit');
		const saved = await findSavedMapping(db(), organizationId);
		return { savedAt: saved?.updatedAt ?? null };
	});

const isTarget = (value: string): value is ColumnTarget =>
	(COLUMN_TARGETS as readonly string[]).includes(value);
const isStatus = (value: string): value is ItemStatus =>
	(ITEM_STATUSES as readonly string[]).includes(value);

/**
 * The mapping step's choices: `column_<n>` is where the file's n-th column goes, and
 * `status_value_<n>` / `status_<n>` what a status value means. Null before that step.
 */
function chosenMapping(form: FormData, text: string): ImportMapping | null {
	if (!form.has('column_0')) return null;
	const names = parseTable(text).columns;
	const mapping: ImportMapping = { columns: {}, statuses: {} };
	names.forEach((name, index) => {
		const target = String(form.get(`column_${index}`) ?? '');
		if (isTarget(target)) mapping.columns[name] = target;
	});
	for (let index = 0; form.has(`status_value_${index}`); index += 1) {
		const value = String(form.get(`status_value_${index}`) ?? '');
		const status = String(form.get(`status_${index}`) ?? '');
		if (value !== '' && isStatus(status)) mapping.statuses[value] = status;
	}
	return mapping;
}

export const actions: Actions = {
	/**
	 * `step=preview` reads the file and shows the mapping step (the saved mapping applied);
	 * otherwise the file is imported under the chosen mapping, all or nothing.
	 */
	default: async (event) => {
		const actor = actorOf(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const pasted = String(form.get('text') ?? '');
		// A chosen file wins over the text area; the text comes back in the mapping step.
		const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
		const chosen = chosenMapping(form, text);
		const saveMapping = form.get('save') === 'on';
		try {
			await authorize(actor, event.params.id, 'inventory.edit');
			if (form.get('step') === 'preview') {
				const saved = chosen ? null : await findSavedMapping(db(), event.params.id);
				const mapping = chosen ?? saved ?? EMPTY_MAPPING;
				return {
					ok: false as const,
					step: 'mapping' as const,
					text,
					fromSaved: saved !== null,
					preview: previewImport(text, mapping)
				};
			}
			const { result } = await importItems({ actor }, event.params.id, {
				text,
				...(chosen ? { mapping: chosen, unknownColumns: 'ignore' } : {}),
				saveMapping: chosen !== null && saveMapping
			});
			return { ok: true as const, ...result };
		} catch (e) {
			const failure = formFailure(e, { text, action: 'import' });
			const preview = chosen ? previewImport(text, chosen) : null;
			return fail(failure.status, { ...failure.data, preview, text });
		}
	}
};
