import { z } from 'zod';
import {
	WEBHOOK_FLAVOURS,
	WEBHOOK_GROUPS,
	type DeliveryStatus,
	type WebhookFlavour,
	type WebhookGroup
} from '$lib/webhooks/groups';
import { describe } from '$lib/events/describe';
import type { EventOf } from '$lib/events/payloads';
import { isEventKind } from '$lib/events/traits';
import type { Actor } from '../access/actor';
import { authorize, inOrganization } from '../access/authorize';
import { guardedRead } from '../access/guarded-read';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, recordCommand } from '../events/command';
import { addJob } from '../queue/queue';
import { checkbox, expectedVersion, parse, requiredText, uuid } from '../validation';
import { newWebhookSecret } from './signing';
import { m } from '$lib/paraglide/messages';

/** How long the previous secret still signs after a rotation: receivers update meanwhile. */
export const ROTATION_OVERLAP_HOURS = 24;

const groups = z
	.union([z.string(), z.array(z.string())])
	.transform((v) => (Array.isArray(v) ? v : v.split(',')).map((g) => g.trim()).filter(Boolean))
	.pipe(
		z
			.array(
				z.enum(WEBHOOK_GROUPS, {
					error: () => m.val_webhook_groups()
				})
			)
			.min(1, { error: () => m.val_webhook_groups_min() })
	);

const address = z
	.string({ error: () => m.val_webhook_url_required() })
	.trim()
	.max(2000, { error: () => m.val_webhook_url_long() })
	.refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), {
		error: () => m.val_webhook_url_invalid()
	});

export const endpointInput = z.object({
	name: requiredText(
		{ max: 80 },
		{ required: () => m.val_webhook_name_required(), long: () => m.val_webhook_name_long() }
	),
	url: address,
	flavour: z.enum(WEBHOOK_FLAVOURS, { error: () => m.val_webhook_flavour() }).default('standard'),
	groups
});

export const endpointChanges = endpointInput.omit({ flavour: true }).partial().extend({
	enabled: checkbox.optional(),
	version: expectedVersion
});

export interface EndpointSummary {
	id: string;
	name: string;
	url: string;
	flavour: WebhookFlavour;
	groups: WebhookGroup[];
	enabled: boolean;
	disabledReason: string | null;
	failingSince: Date | null;
	rotating: boolean;
	version: number;
	createdAt: Date;
	delivered: number;
	failed: number;
	lastDeliveryAt: Date | null;
}

/** Registers an endpoint; its `whsec_` secret is returned with it (and shown on its page). */
export async function createEndpoint(
	context: CommandContext,
	organizationId: string,
	input: unknown
) {
	const data = parse(endpointInput, input);
	const secret = newWebhookSecret();
	const { result, replayed } = await runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'webhook.manage', tx);
		const [row] = await tx<{ id: string }[]>`
			insert into webhook_endpoints (organization_id, name, url, flavour, groups, secret, created_by)
			values (${organizationId}, ${data.name}, ${data.url}, ${data.flavour}, ${data.groups},
				${secret}, ${context.actor.userId})
			returning id`;
		if (!row) throw new Error('endpoint insert returned no row');
		await emit({
			streamId: organizationId,
			kind: 'webhook.created',
			payload: { endpointId: row.id, name: data.name, flavour: data.flavour, groups: data.groups }
		});
		return { endpointId: row.id, name: data.name, flavour: data.flavour, version: 1 };
	});
	// Shown once, in this answer: a replayed request cannot show it again.
	return { ...result, secret: replayed ? null : secret, replayed };
}

async function lockEndpoint(db: Db, organizationId: string, endpointId: string) {
	parse(uuid, endpointId);
	const [row] = await db<{ name: string; version: number; enabled: boolean }[]>`
		select name, version, enabled from webhook_endpoints
		where id = ${endpointId} and organization_id = ${organizationId} and deleted_at is null
		for update`;
	if (!row) throw new AppError('not_found', m.err_webhook_not_found());
	return row;
}

/** Changes name, address, groups, or turns it on again (which forgets its failures). */
export const updateEndpoint = recordCommand(
	inOrganization('webhook.manage'),
	endpointChanges,
	async (tx, emit, data, { id: organizationId, recordId: endpointId }) => {
		const current = await lockEndpoint(tx, organizationId, endpointId);
		if (data.version !== undefined && data.version !== current.version) {
			throw new AppError(
				'conflict',
				`${current.name} was changed meanwhile. Nothing was changed: reload and try again.`
			);
		}
		const [row] = await tx<{ version: number; name: string; enabled: boolean }[]>`
			update webhook_endpoints set
				name = coalesce(${data.name ?? null}, name),
				url = coalesce(${data.url ?? null}, url),
				groups = coalesce(${data.groups ?? null}::text[], groups),
				enabled = coalesce(${data.enabled ?? null}::boolean, enabled),
				disabled_at = case when ${data.enabled ?? null}::boolean then null
					when not ${data.enabled ?? null}::boolean then coalesce(disabled_at, now())
					else disabled_at end,
				disabled_reason = case when ${data.enabled ?? null}::boolean then null else disabled_reason end,
				failing_since = case when ${data.enabled ?? null}::boolean then null else failing_since end,
				version = version + 1
			where id = ${endpointId}
			returning version, name, enabled`;
		if (!row) throw new Error('endpoint update returned no row');
		await emit({
			streamId: organizationId,
			kind: 'webhook.updated',
			payload: { endpointId, name: row.name, enabled: row.enabled, version: row.version }
		});
		return { endpointId, version: row.version, enabled: row.enabled };
	}
);

/** A new secret; the previous one keeps signing for a day, so receivers accept both meanwhile. */
export async function rotateSecret(
	context: CommandContext,
	organizationId: string,
	endpointId: string
) {
	const secret = newWebhookSecret();
	const outcome = await runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'webhook.manage', tx);
		const current = await lockEndpoint(tx, organizationId, endpointId);
		const [row] = await tx<{ version: number; until: Date }[]>`
			update webhook_endpoints set previous_secret = secret, secret = ${secret},
				previous_secret_until = now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS}),
				version = version + 1
			where id = ${endpointId}
			returning version, previous_secret_until as until`;
		if (!row) throw new Error('endpoint rotation returned no row');
		await emit({
			streamId: organizationId,
			kind: 'webhook.secret_rotated',
			payload: { endpointId, name: current.name, previousUntil: row.until.toISOString() }
		});
		return { endpointId, version: row.version, previousSecretUntil: row.until.toISOString() };
	});
	// The new secret is shown once, in this answer (never stored with the mutation's result).
	return { ...outcome, secret: outcome.replayed ? null : secret };
}

export async function deleteEndpoint(
	context: CommandContext,
	organizationId: string,
	endpointId: string
) {
	return runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'webhook.manage', tx);
		const current = await lockEndpoint(tx, organizationId, endpointId);
		await tx`update webhook_endpoints set deleted_at = now(), enabled = false where id = ${endpointId}`;
		await emit({
			streamId: organizationId,
			kind: 'webhook.deleted',
			payload: { endpointId, name: current.name }
		});
		return { endpointId, deleted: true };
	});
}

/** Sends one delivery again under the same message id (receivers dedupe on it); a new day of retries. */
export async function redeliver(
	context: CommandContext,
	organizationId: string,
	endpointId: string,
	deliveryId: unknown
) {
	const id = parse(uuid, deliveryId);
	return runCommand(context, async (tx) => {
		await authorize(context.actor, organizationId, 'webhook.manage', tx);
		const endpoint = await lockEndpoint(tx, organizationId, endpointId);
		if (!endpoint.enabled) {
			throw new AppError(
				'conflict',
				`${endpoint.name} is turned off: turn it on again before redelivering.`
			);
		}
		const [row] = await tx<{ id: string }[]>`
			update webhook_deliveries set status = 'pending', next_attempt_at = now(), error = null,
				created_at = now()
			where id = ${id} and endpoint_id = ${endpointId}
			returning id`;
		if (!row) throw new AppError('not_found', m.err_delivery_not_found());
		await addJob(tx, 'webhook_deliver', { deliveryId: id });
		return { deliveryId: id, status: 'pending' };
	});
}

/** The organization's endpoints with their recent counts; admins only. */
export const listEndpoints = guardedRead(
	inOrganization('webhook.manage'),
	(organizationId, sql): Promise<EndpointSummary[]> => sql<EndpointSummary[]>`
		select e.id, e.name, e.url, e.flavour, e.groups, e.enabled, e.disabled_reason as "disabledReason",
			e.failing_since as "failingSince",
			(e.previous_secret_until is not null and e.previous_secret_until > now()) as rotating,
			e.version, e.created_at as "createdAt",
			count(d.id) filter (where d.status = 'delivered')::int as delivered,
			count(d.id) filter (where d.status in ('failed', 'refused', 'retrying'))::int as failed,
			max(d.last_attempt_at) as "lastDeliveryAt"
		from webhook_endpoints e left join webhook_deliveries d on d.endpoint_id = e.id
		where e.organization_id = ${organizationId} and e.deleted_at is null
		group by e.id
		order by e.created_at, e.id`
);

export interface DeliveryRow {
	id: string;
	/** What was sent, in words: the event's line in the reader's language (null: event gone). */
	summary: string | null;
	/** The incident it is about, by its title (null for an organization's event). */
	incidentTitle: string | null;
	/** When the event happened (its true time). */
	occurredAt: Date | null;
	messageId: string;
	eventKind: string;
	status: DeliveryStatus;
	attempts: number;
	responseStatus: number | null;
	durationMs: number | null;
	responseExcerpt: string | null;
	error: string | null;
	nextAttemptAt: Date | null;
	lastAttemptAt: Date | null;
	createdAt: Date;
}

/** One endpoint with its delivery log, newest first (its secret is shown only when made). */
export async function readEndpoint(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	endpointId: string,
	sql: Db = db()
) {
	await authorize(actor, organizationId, 'webhook.manage', sql);
	parse(uuid, endpointId);
	const [endpoint] = await sql<
		(Omit<EndpointSummary, 'delivered' | 'failed' | 'lastDeliveryAt'> & {
			previousSecretUntil: Date | null;
			disabledAt: Date | null;
		})[]
	>`
		select id, name, url, flavour, groups, enabled, disabled_reason as "disabledReason",
			failing_since as "failingSince", disabled_at as "disabledAt",
			previous_secret_until as "previousSecretUntil",
			(previous_secret_until is not null and previous_secret_until > now()) as rotating,
			version, created_at as "createdAt"
		from webhook_endpoints
		where id = ${endpointId} and organization_id = ${organizationId} and deleted_at is null`;
	if (!endpoint) throw new AppError('not_found', m.err_webhook_not_found());
	const rows = await sql<
		(Omit<DeliveryRow, 'summary'> & {
			/** Its kind and payload, as the event map types them (rows are written by appendEvent). */
			event: EventOf<{ id: string }> | null;
		})[]
	>`
		select d.id, d.message_id as "messageId", d.event_kind as "eventKind", d.status, d.attempts,
			d.response_status as "responseStatus", d.duration_ms as "durationMs",
			d.response_excerpt as "responseExcerpt", d.error, d.next_attempt_at as "nextAttemptAt",
			d.last_attempt_at as "lastAttemptAt", d.created_at as "createdAt",
			case when e.id is null then null
				else json_build_object('id', e.id::text, 'kind', e.kind, 'payload', e.payload) end as event,
			e.occurred_at as "occurredAt", i.title as "incidentTitle"
		from webhook_deliveries d
		left join events e on e.id = case when d.message_id ~ '^evt_[0-9]{1,18}$'
			then substring(d.message_id from 5)::bigint end
		left join incidents i on i.id = e.stream_id
		where d.endpoint_id = ${endpointId}
		order by d.created_at desc, d.id limit 100`;
	const deliveries: DeliveryRow[] = rows.map(({ event, ...row }) => {
		// A kind this version does not know (an older row) has no words: the page says so.
		const summary = event && isEventKind(event.kind) ? describe(event) : null;
		return { ...row, summary };
	});
	return { endpoint, deliveries };
}
