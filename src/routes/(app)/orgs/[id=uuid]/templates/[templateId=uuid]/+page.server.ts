import { actorOf } from '$lib/server/access/actor-of';
import { error, redirect } from '@sveltejs/kit';
import { may } from '$lib/server/access/authorize';
import { db } from '$lib/server/db/db';
import { formFailure } from '$lib/server/http';
import { listPartners } from '$lib/server/organizations/partners';
import { requireOrganization, signedInPage } from '$lib/server/page-load';
import { listInventoryRefs } from '$lib/server/runbooks/inventory';
import { templateFromForm } from '$lib/server/runbooks/template-form';
import { readTemplate } from '$lib/server/runbooks/template-queries';
import { saveTemplateVersion } from '$lib/server/runbooks/templates';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	signedInPage(event, async (reader) => {
		const { params, url } = event;
		const asked = Number(url.searchParams.get('version'));
		const template = await readTemplate(
			reader,
			params.templateId,
			Number.isInteger(asked) && asked > 0 ? asked : null
		);
		if (template.organizationId !== params.id) error(404, m.err_template_not_found_plain());
		const [organization, canEdit, items, partners] = await Promise.all([
			requireOrganization(params.id),
			may(reader, params.id, 'template.edit'),
			listInventoryRefs(db(), params.id),
			listPartners(params.id)
		]);
		const saved = Number(url.searchParams.get('saved')) || null;
		// A step's approver is named from this organization or one it works with.
		const approvers = [organization, ...partners].map((o) => ({ id: o.id, name: o.name }));
		return { organization, template, canEdit, items, saved, approvers };
	});

export const actions: Actions = {
	save: async (event) => {
		const { params, request } = event;
		const form = templateFromForm(await request.formData());
		const actor = actorOf(event);
		let saved: number;
		try {
			const { result } = await saveTemplateVersion({ actor }, params.templateId, form);
			saved = result.templateVersion;
		} catch (e) {
			// The typed editor comes back whole (as JSON) so a refused save loses nothing.
			const { name, description, version, body } = form;
			return formFailure(e, { name, description, version, body: JSON.stringify(body) });
		}
		redirect(303, `/orgs/${params.id}/templates/${params.templateId}?saved=${saved}`);
	}
};
