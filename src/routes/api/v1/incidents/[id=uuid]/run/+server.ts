import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { readRun } from '$lib/server/runbooks/runs';
import type { RequestHandler } from './$types';

/** The incident's runbook run with its steps (`run: null` when none was started). */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to read this runbook.');
		return json({ run: await readRun({ userId: locals.user.id }, params.id) });
	} catch (error) {
		return jsonFailure(error);
	}
};
