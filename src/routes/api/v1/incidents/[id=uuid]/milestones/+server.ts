import { writeEndpoint } from '$lib/server/http';
import { setMilestone } from '$lib/server/milestones/commands';
import type { RequestHandler } from './$types';

/** Sets (or, with a reason, corrects) a milestone: { milestone, occurredAt, reason? }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	setMilestone(context, params.id, body)
);
