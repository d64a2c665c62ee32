import { revokeIntegration, updateIntegrationRules } from '$lib/server/alerts/integrations';
import { writeEndpoint } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Changes the rules: { action, defaultSeverity?, serverStatus?, stormMinutes?, matchLabels? },
 * on the version of `If-Match` (or `version`); a stale one is a 409.
 */
export const PATCH: RequestHandler = writeEndpoint((context, body, { params }) =>
	updateIntegrationRules(context, params.id, params.integrationId, body)
);

/** Revokes it: its URL answers 404 from now on. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) =>
		revokeIntegration(context, params.id, { integrationId: params.integrationId }),
	{ optionalBody: true }
);
