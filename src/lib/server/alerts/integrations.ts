import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SEVERITIES } from '$lib/incidents/types';
import { authorize, inOrganization } from '../access/authorize';
import { guardedRead } from '../access/guarded-read';
import { hashSecret, randomSecret } from '../auth/tokens';
import { AppError } from '../errors';
import { runCommand, type CommandContext, command, recordCommand } from '../events/command';
import { checkbox, expectedVersion, parse, requiredText, uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

export const INTEGRATION_KINDS = ['alertmanager', 'grafana', 'pagerduty'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export const ALERT_ACTIONS = ['list', 'attach', 'declare'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export const INTEGRATION_PREFIX = 'nsi_';
export const INGEST_PATH = '/api/v1/ingest/';

/** Which labels name a server: Alertmanager's and Grafana's conventions, PagerDuty's fields. */
const DEFAULT_MATCH_LABELS: Record<IntegrationKind, string[]> = {
	alertmanager: ['instance', 'host', 'service'],
	grafana: ['instance', 'host', 'service'],
	pagerduty: ['source', 'component']
};

export const rulesInput = z.object({
	action: z.enum(ALERT_ACTIONS, {
		error: () => m.val_alert_action()
	}),
	defaultSeverity: z.enum(SEVERITIES, { error: () => m.val_severity_choice() }).default('SEV2'),
	serverStatus: z
		.enum(['', 'degraded', 'down'], { error: () => m.val_server_status_choice() })
		.default('')
		.transform((v) => (v === '' ? null : v)),
	stormMinutes: z.coerce
		.number({ error: () => m.val_storm_minutes() })
		.int({ error: () => m.val_whole_minutes() })
		.min(0, { error: () => m.val_storm_min() })
		.max(1440, { error: () => m.val_storm_max() })
		.default(30),
	matchLabels: z
		.union([z.string(), z.array(z.string())])
		.transform((v) =>
			(Array.isArray(v) ? v : v.split(','))
				.map((label) => label.trim())
				.filter((label) => label.length > 0)
		)
		.pipe(
			z
				.array(
					z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, {
						error: () => m.val_label_name()
					})
				)
				.max(10, { error: () => m.val_labels_max() })
		)
		.optional(),
	version: expectedVersion
});

export const integrationInput = rulesInput.partial({ action: true }).extend({
	kind: z.enum(INTEGRATION_KINDS, {
		error: () => m.val_integration_kind()
	}),
	name: requiredText(
		{ max: 80 },
		{ required: () => m.val_integration_name(), long: () => m.val_integration_name_long() }
	),
	withBearer: checkbox.default(false)
});

export const integrationIdInput = z.object({ integrationId: uuid });

export interface CreatedIntegration {
	integrationId: string;
	kind: IntegrationKind;
	name: string;
	/** The ingestion path with its secret: shown once, only its hash is kept. */
	path: string | null;
	bearer: string | null;
}

/**
 * Creates an integration: a secret ingestion URL (and, if asked, a bearer secret the sender
 * must also present), of which only the SHA-256 is kept, and an identity that its alerts'
 * events are recorded under.
 */
export async function createIntegration(
	context: CommandContext,
	organizationId: string,
	input: unknown
): Promise<CreatedIntegration> {
	const data = parse(integrationInput, input);
	const secret = `${INTEGRATION_PREFIX}${randomSecret(32)}`;
	const bearer = data.withBearer ? randomSecret(32) : null;
	const outcome = await runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'integration.manage', tx);
		const integrationId = randomUUID();
		const [user] = await tx<{ id: string }[]>`
			insert into users (email, display_name, password_hash, kind)
			values (${`integration-${integrationId}@integrations.nightshift.invalid`}, ${data.name}, '!', 'integration')
			returning id`;
		if (!user) throw new Error('integration user insert returned no row');
		await tx`
			insert into integrations (id, organization_id, user_id, kind, name, secret_hash, bearer_hash,
				action, match_labels, default_severity, server_status, storm_minutes, created_by)
			values (${integrationId}, ${organizationId}, ${user.id}, ${data.kind}, ${data.name},
				${hashSecret(secret)}, ${bearer ? hashSecret(bearer) : null}, ${data.action ?? 'declare'},
				${data.matchLabels ?? DEFAULT_MATCH_LABELS[data.kind]}, ${data.defaultSeverity},
				${data.serverStatus}, ${data.stormMinutes}, ${context.actor.userId})`;
		await emit({
			streamId: organizationId,
			kind: 'integration.created',
			payload: { integrationId, kind: data.kind, name: data.name }
		});
		return { integrationId, kind: data.kind, name: data.name };
	});
	// A replayed request cannot show the secrets again: they were shown to the first one.
	return {
		...outcome.result,
		path: outcome.replayed ? null : `${INGEST_PATH}${secret}`,
		bearer: outcome.replayed ? null : bearer
	};
}

/** Changes what an integration's alerts do; a change made on a stale version is refused. */
export const updateIntegrationRules = recordCommand(
	inOrganization('integration.manage'),
	rulesInput,
	async (tx, emit, data, { id: organizationId, recordId: integrationId }) => {
		const [current] = await tx<{ version: number; name: string }[]>`
			select version, name from integrations
			where id = ${integrationId} and organization_id = ${organizationId} and revoked_at is null
			for update`;
		if (!current) throw new AppError('not_found', m.err_integration_unknown());
		if (data.version !== undefined && data.version !== current.version) {
			throw new AppError('conflict', m.err_integration_rules_changed({ name: current.name }));
		}
		const [row] = await tx<{ version: number }[]>`
			update integrations set action = ${data.action}, default_severity = ${data.defaultSeverity},
				server_status = ${data.serverStatus}, storm_minutes = ${data.stormMinutes},
				match_labels = coalesce(${data.matchLabels ?? null}::text[], match_labels),
				version = version + 1
			where id = ${integrationId}
			returning version`;
		await emit({
			streamId: organizationId,
			kind: 'integration.rules_changed',
			payload: {
				integrationId,
				name: current.name,
				action: data.action,
				serverStatus: data.serverStatus
			}
		});
		return { integrationId, version: row?.version ?? current.version + 1 };
	}
);

export const revokeIntegration = command(
	inOrganization('integration.manage'),
	integrationIdInput,
	async (tx, emit, { integrationId }, { id: organizationId, context }) => {
		const [row] = await tx<{ name: string; kind: IntegrationKind }[]>`
			update integrations set revoked_at = now(), revoked_by = ${context.actor.userId}
			where id = ${integrationId} and organization_id = ${organizationId} and revoked_at is null
			returning name, kind`;
		if (!row) throw new AppError('not_found', m.err_integration_already_revoked());
		await emit({
			streamId: organizationId,
			kind: 'integration.revoked',
			payload: { integrationId, name: row.name, kind: row.kind }
		});
		return { integrationId, revoked: true };
	}
);

export interface IntegrationSummary {
	id: string;
	kind: IntegrationKind;
	name: string;
	action: AlertAction;
	matchLabels: string[];
	defaultSeverity: (typeof SEVERITIES)[number];
	serverStatus: 'degraded' | 'down' | null;
	stormMinutes: number;
	withBearer: boolean;
	version: number;
	createdAt: Date;
	createdByName: string | null;
	lastReceivedAt: Date | null;
	revokedAt: Date | null;
}

/** The organization's integrations, live first; admins only. */
export const listIntegrations = guardedRead(
	inOrganization('integration.manage'),
	(organizationId, sql): Promise<IntegrationSummary[]> => sql<IntegrationSummary[]>`
		select i.id, i.kind, i.name, i.action, i.match_labels as "matchLabels",
			i.default_severity as "defaultSeverity", i.server_status as "serverStatus",
			i.storm_minutes as "stormMinutes", i.bearer_hash is not null as "withBearer", i.version,
			i.created_at as "createdAt", u.display_name as "createdByName",
			i.last_received_at as "lastReceivedAt", i.revoked_at as "revokedAt"
		from integrations i left join users u on u.id = i.created_by
		where i.organization_id = ${organizationId}
		order by i.revoked_at is not null, i.created_at desc, i.id
		limit 200`
);
