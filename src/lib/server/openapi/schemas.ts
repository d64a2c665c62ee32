import { z } from 'zod';
import { clientMutationId } from '../validation';

/**
 * The shapes of the JSON API's answers, for the OpenAPI document and for the test that checks
 * every answer of the integration suite against it. Objects are open (`loose`): a field added
 * later is not a breaking change.
 */

export const ERROR_CODES = [
	'invalid',
	'unauthenticated',
	'forbidden',
	'not_found',
	'conflict',
	'rate_limited',
	'gone'
] as const;

/** Every refusal of the API: the one shape src/lib/server/http.ts writes. */
export const errorBody = z.object({
	error: z.object({
		code: z.enum(ERROR_CODES),
		message: z.string(),
		fields: z.record(z.string(), z.string())
	})
});

export const mutation = z.object({ clientMutationId });
export const replayed = z.object({ replayed: z.boolean() });
const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });

export const streamEvent = z.looseObject({
	streamId: id,
	streamKind: z.enum(['organization', 'incident']),
	seq: z.number().int(),
	kind: z.string(),
	actorId: id.nullable(),
	actorName: z.string().nullable(),
	source: z.enum(['manual', 'automatic', 'api', 'alert']),
	occurredAt: instant,
	recordedAt: instant,
	payload: z.record(z.string(), z.unknown())
});

/** An event the reader may not see keeps its place in the sequence, without its content. */
export const withheldEvent = z.object({
	streamId: id,
	streamKind: z.enum(['organization', 'incident']),
	seq: z.number().int(),
	withheld: z.literal(true)
});

export const eventsPage = z.looseObject({
	events: z.array(z.union([streamEvent, withheldEvent])),
	latestSeq: z.number()
});
export const timelinePage = z.looseObject({
	items: z.array(z.intersection(streamEvent, z.looseObject({ pinned: z.boolean() }))),
	nextCursor: z.string().nullable(),
	total: z.number().int()
});
export const noteWritten = z.looseObject({ seq: z.number().int(), replayed: z.boolean() });
export const runAnswer = z.looseObject({
	run: z
		.looseObject({
			id,
			steps: z.array(
				z.looseObject({ id, title: z.string(), state: z.string(), version: z.number().int() })
			)
		})
		.nullable()
});
export const stepActed = z.looseObject({ replayed: z.boolean() });
export const inventoryList = z.looseObject({
	items: z.array(z.looseObject({ id, hostname: z.string(), status: z.string() }))
});
export const itemCreated = z.looseObject({
	itemId: id,
	version: z.number().int(),
	replayed: z.boolean()
});
export const itemStatus = z.looseObject({
	itemId: id,
	status: z.string(),
	version: z.number().int(),
	changed: z.boolean(),
	replayed: z.boolean()
});

export const integration = z.looseObject({
	id,
	kind: z.enum(['alertmanager', 'grafana', 'pagerduty']),
	name: z.string(),
	action: z.enum(['list', 'attach', 'declare']),
	matchLabels: z.array(z.string()),
	defaultSeverity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
	serverStatus: z.enum(['degraded', 'down']).nullable(),
	stormMinutes: z.number().int(),
	withBearer: z.boolean(),
	version: z.number().int(),
	revokedAt: instant.nullable()
});
export const integrationList = z.looseObject({
	items: z.array(integration),
	nextCursor: z.string().nullable()
});
export const integrationCreated = z.looseObject({
	integrationId: id,
	kind: z.enum(['alertmanager', 'grafana', 'pagerduty']),
	name: z.string(),
	url: z.string().url().nullable().describe('The ingestion URL with its secret: shown once.'),
	bearer: z.string().nullable().describe('The bearer secret, if asked for: shown once.'),
	replayed: z.boolean()
});
export const integrationChanged = z.looseObject({ integrationId: id, replayed: z.boolean() });

const alertMember = z.looseObject({
	fingerprint: z.string(),
	status: z.enum(['firing', 'acknowledged', 'resolved']),
	summary: z.string(),
	severity: z.string().nullable(),
	labels: z.record(z.string(), z.string())
});
export const alertGroupsPage = z.looseObject({
	items: z.array(
		z.looseObject({
			id,
			groupKey: z.string(),
			title: z.string(),
			status: z.enum(['firing', 'resolved']),
			truncatedAlerts: z.number().int(),
			integrationName: z.string(),
			incidentId: id.nullable(),
			firingCount: z.number().int(),
			members: z.array(alertMember)
		})
	),
	nextCursor: z.string().nullable()
});
export const ingested = z.looseObject({
	groupId: id.nullable(),
	groupKey: z.string(),
	changed: z.number().int(),
	incidentId: id.nullable(),
	declared: z.boolean()
});
