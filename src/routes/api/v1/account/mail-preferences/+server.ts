import { answer, apiActor, endpoint, writeEndpoint } from '$lib/server/http';
import { readMailPreferences, setMailPreferences } from '$lib/server/mail/preferences';
import type { RequestHandler } from './$types';

/** Which optional mails you get (people only, not tokens): { approval_requested, incident_shared, … } as true or false. */
export const GET: RequestHandler = endpoint(async (event) =>
	answer(await readMailPreferences(apiActor(event, { person: true })))
);

/** Sets them: a kind left out or false is turned off (people only, not tokens). */
export const PUT: RequestHandler = writeEndpoint(
	(context, body) => setMailPreferences(context, body),
	{ person: true }
);
