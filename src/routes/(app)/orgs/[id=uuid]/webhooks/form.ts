import { formObject } from '$lib/server/validation';

/** A form's fields, with the group checkboxes (several `groups` values) as one list. */
export async function endpointForm(request: Request): Promise<Record<string, string>> {
	const form = await request.formData();
	const values = formObject(form);
	const groups = form.getAll('groups').filter((g) => typeof g === 'string');
	if (groups.length > 0 || form.has('groupsShown')) values.groups = groups.join(',');
	return values;
}
