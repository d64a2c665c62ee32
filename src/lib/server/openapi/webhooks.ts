import { z } from 'zod';
import { DELIVERY_STATUSES, WEBHOOK_FLAVOURS, WEBHOOK_GROUPS } from '$lib/webhooks/groups';
import { pageQuery } from '../pagination';
import { chatInput } from '../incidents/chat';
import { preferencesInput } from '../mail/preferences';
import { endpointChanges, endpointInput } from '../webhooks/endpoints';
import type { Operation } from './operations';
import { mutation } from './schemas';

/** Issue 15: an organization's outgoing webhooks (admins), their secrets and delivery logs. */

const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const written = (shape: z.core.$ZodLooseShape) => {
	const schema = z.looseObject({ ...shape, replayed: z.boolean() });
	return { 201: schema, 200: schema };
};
const org = (rest: string) => `/api/v1/orgs/{id}/webhooks${rest}`;
const orgRoute = (rest: string) => `/api/v1/orgs/[id=uuid]/webhooks${rest}`;
const one = '/{endpointId}';
const oneRoute = '/[endpointId=uuid]';

const endpointShape = {
	id,
	name: z.string(),
	url: z.string(),
	flavour: z.enum(WEBHOOK_FLAVOURS),
	groups: z.array(z.enum(WEBHOOK_GROUPS)),
	enabled: z.boolean(),
	disabledReason: z.string().nullable(),
	failingSince: instant.nullable(),
	rotating: z.boolean(),
	version: z.number().int()
};

const delivery = z.looseObject({
	id,
	messageId: z.string(),
	eventKind: z.string(),
	summary: z.string().nullable(),
	incidentTitle: z.string().nullable(),
	occurredAt: instant.nullable(),
	status: z.enum(DELIVERY_STATUSES),
	attempts: z.number().int(),
	responseStatus: z.number().int().nullable(),
	durationMs: z.number().int().nullable(),
	responseExcerpt: z.string().nullable(),
	error: z.string().nullable(),
	nextAttemptAt: instant.nullable(),
	lastAttemptAt: instant.nullable(),
	createdAt: instant
});

export const WEBHOOK_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: org(''),
		routeId: orgRoute(''),
		tag: 'Webhooks',
		summary: 'Webhook endpoints with their delivery counts (never their secrets)',
		query: pageQuery,
		responses: {
			200: z.looseObject({
				items: z.array(
					z.looseObject({ ...endpointShape, delivered: z.number(), failed: z.number() })
				),
				nextCursor: z.string().nullable()
			})
		}
	},
	{
		method: 'post',
		path: org(''),
		routeId: orgRoute(''),
		tag: 'Webhooks',
		summary: 'Register an endpoint: its whsec_ signing secret is in the answer, once',
		description:
			'Standard endpoints receive signed JSON (Standard Webhooks 1.0: webhook-id, webhook-timestamp, webhook-signature); chat endpoints a Slack-style {"text": …} for the incidents whose room posts to the channel.',
		body: z.intersection(endpointInput, mutation),
		responses: written({
			endpointId: id,
			name: z.string(),
			flavour: z.enum(WEBHOOK_FLAVOURS),
			version: z.number().int(),
			secret: z.string().nullable()
		})
	},
	{
		method: 'get',
		path: org(one),
		routeId: orgRoute(oneRoute),
		tag: 'Webhooks',
		summary: 'One endpoint and its delivery log, newest first',
		responses: {
			200: z.looseObject({
				endpoint: z.looseObject(endpointShape),
				deliveries: z.array(delivery)
			})
		}
	},
	{
		method: 'patch',
		path: org(one),
		routeId: orgRoute(oneRoute),
		tag: 'Webhooks',
		summary: 'Change name, address, groups, or turn it off or on (on again forgets its failures)',
		ifMatch: true,
		body: z.intersection(endpointChanges, mutation),
		responses: written({ endpointId: id, version: z.number().int(), enabled: z.boolean() })
	},
	{
		method: 'delete',
		path: org(one),
		routeId: orgRoute(oneRoute),
		tag: 'Webhooks',
		summary: 'Remove an endpoint: nothing more is sent to it',
		responses: written({ endpointId: id, deleted: z.boolean() })
	},
	{
		method: 'post',
		path: org(`${one}/secret`),
		routeId: orgRoute(`${oneRoute}/secret`),
		tag: 'Webhooks',
		summary: 'Rotate the secret: the new one is in the answer once; the old one signs for a day',
		body: mutation,
		responses: written({
			endpointId: id,
			version: z.number().int(),
			previousSecretUntil: instant,
			secret: z.string().nullable()
		})
	},
	{
		method: 'post',
		path: org(`${one}/deliveries/{deliveryId}/redeliver`),
		routeId: orgRoute(`${oneRoute}/deliveries/[deliveryId=uuid]/redeliver`),
		tag: 'Webhooks',
		summary: 'Send a delivery of the log again, under the same message id',
		body: mutation,
		responses: written({ deliveryId: id, status: z.string() })
	},
	{
		method: 'put',
		path: '/api/v1/incidents/{id}/chat',
		routeId: '/api/v1/incidents/[id=uuid]/chat',
		tag: 'Webhooks',
		summary: "Post this incident's updates to the chat channels, or stop (responders)",
		body: z.intersection(chatInput, mutation),
		responses: written({ enabled: z.boolean(), changed: z.boolean() })
	},
	{
		method: 'get',
		path: '/api/v1/account/mail-preferences',
		routeId: '/api/v1/account/mail-preferences',
		tag: 'Account',
		summary: 'Which optional e-mails you receive',
		responses: { 200: z.record(z.string(), z.boolean()) }
	},
	{
		method: 'put',
		path: '/api/v1/account/mail-preferences',
		routeId: '/api/v1/account/mail-preferences',
		tag: 'Account',
		summary: 'Choose which optional e-mails you receive (a kind left out is off); people only',
		body: z.intersection(preferencesInput, mutation),
		responses: written({ off: z.array(z.string()) })
	}
];
