import { AppError } from '$lib/server/errors';
import { endpoint, writeOf, written } from '$lib/server/http';
import { readTemplate } from '$lib/server/runbooks/template-queries';
import { saveTemplateVersion } from '$lib/server/runbooks/templates';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/**
 * Saves a new version: { name, description?, body }, on the template's version of If-Match
 * (or `version`); someone else's save meanwhile is a 409.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const template = await readTemplate(context.actor, event.params.templateId);
	if (template.organizationId !== event.params.id) {
		throw new AppError('not_found', m.err_template_not_found());
	}
	const { result, replayed } = await saveTemplateVersion(context, event.params.templateId, body);
	return written(result, replayed);
});
