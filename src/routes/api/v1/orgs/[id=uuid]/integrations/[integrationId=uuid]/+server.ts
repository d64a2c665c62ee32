import { revokeIntegration, updateIntegrationRules } from '$lib/server/alerts/integrations';
import { apiCommand, jsonFailure, readJsonObject, withVersion, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Changes the rules: { action, defaultSeverity?, serverStatus?, stormMinutes?, matchLabels? },
 * on the version of `If-Match` (or `version`); a stale one is a 409.
 */
export const PATCH: RequestHandler = async (event) => {
	try {
		const body = withVersion(event.request, await readJsonObject(event.request));
		const { result, replayed } = await updateIntegrationRules(
			apiCommand(event, body),
			event.params.id,
			event.params.integrationId,
			body
		);
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};

/** Revokes it: its URL answers 404 from now on. */
export const DELETE: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request).catch(() => ({}));
		const { result, replayed } = await revokeIntegration(apiCommand(event, body), event.params.id, {
			integrationId: event.params.integrationId
		});
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};
