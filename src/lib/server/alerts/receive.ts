import { hit, limits, type Limit } from '../access/rate-limits';
import { AppError, isAppError } from '../errors';
import { ingestAlerts, readPayload, resolveIntegration } from './ingest';
import { m } from '$lib/paraglide/messages';

/**
 * One request to an ingestion URL: the integration its secret names (and its bearer secret,
 * if it has one), its rate limit, the payload in its format. Guessing secrets is limited per
 * address; a live integration has its own budget.
 */
export async function receiveAlerts(
	secret: string,
	bearer: string | null,
	address: string,
	readBody: () => Promise<Record<string, unknown>>
) {
	const integration = await resolveIntegration(secret, bearer).catch(async (error: unknown) => {
		if (isAppError(error)) await limit(`ingest-miss:${address}`, limits().ingestMiss);
		throw error;
	});
	await limit(`ingest:${integration.id}`, limits().ingest);
	const incoming = readPayload(integration.kind, await readBody());
	const result = await ingestAlerts(integration, incoming);
	return { kind: integration.kind, result };
}

async function limit(key: string, budget: Limit) {
	const wait = await hit(key, budget);
	if (wait !== null) {
		throw new AppError('rate_limited', m.err_alerts_rate_limited({ wait }));
	}
}
