import { z } from 'zod';
import { alertFilters } from '../alerts/queries';
import { integrationInput, rulesInput } from '../alerts/integrations';
import { alertmanagerPayload, grafanaPayload, pagerdutyEvent } from '../alerts/payloads';
import { createItemInput, itemFilters, statusInput as itemStatusInput } from '../inventory/schemas';
import { stepActionInput } from '../runbooks/schemas';
import { noteInput } from '../timeline/schemas';
import { NIGHT_OPERATIONS } from './night';
import { STATUS_OPERATIONS } from './status';
import { timelineQuery } from '../timeline/paging';
import * as answers from './schemas';
import { FORM_OPERATIONS } from './operations-forms';
import { WEBHOOK_OPERATIONS } from './webhooks';

/**
 * Every operation of the JSON API, with the zod schemas its route parses and answers with:
 * the OpenAPI document is generated from this list, and a test fails when a handler under
 * src/routes/api is not in it.
 */
export interface Operation {
	method: 'get' | 'post' | 'put' | 'patch' | 'delete';
	/** OpenAPI style: /api/v1/orgs/{id}/alerts. */
	path: string;
	/** The SvelteKit route id it is served by. */
	routeId: string;
	tag: string;
	summary: string;
	description?: string;
	/** Who may call: API token or session (the default), anyone with the secret URL, anyone. */
	auth?: 'member' | 'secret' | 'public';
	query?: z.ZodObject;
	body?: z.ZodType;
	/** Version for optimistic concurrency in an If-Match header. */
	ifMatch?: boolean;
	responses: Partial<Record<200 | 201 | 202, z.ZodType>>;
}

const written = (schema: z.ZodType) => ({ 201: schema, 200: schema });
const withMutation = (schema: z.ZodType) => z.intersection(schema, answers.mutation);

const OWN_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		routeId: '/api/v1/openapi.json',
		tag: 'Reference',
		summary: 'This document',
		auth: 'public',
		responses: { 200: z.looseObject({ openapi: z.string() }) }
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/notes',
		routeId: '/api/v1/incidents/[id=uuid]/notes',
		tag: 'Timeline',
		summary: 'Write a note or a decision in the timeline',
		description: 'Back-dated notes need a reason. Responders and above.',
		body: withMutation(noteInput),
		responses: written(answers.noteWritten)
	},
	{
		method: 'get',
		path: '/api/v1/incidents/{id}/timeline',
		routeId: '/api/v1/incidents/[id=uuid]/timeline',
		tag: 'Timeline',
		summary: 'The timeline, newest first, a page at a time',
		description:
			'Filtered by `group` (notes, steps, incident, calls, servers, postmortem) and `actor` (a user id). `nextCursor` fetches the page before (null: this page reaches the first event); `total` counts what the filter keeps.',
		query: timelineQuery,
		responses: { 200: answers.timelinePage }
	},
	{
		method: 'get',
		path: '/api/v1/incidents/{id}/run',
		routeId: '/api/v1/incidents/[id=uuid]/run',
		tag: 'Runbooks',
		summary: "The incident's runbook run and its steps",
		responses: { 200: answers.runAnswer }
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/steps/{stepId}',
		routeId: '/api/v1/incidents/[id=uuid]/steps/[stepId=uuid]',
		tag: 'Runbooks',
		summary: 'Act on a step (start, complete, block, fail, skip, reopen, assign, note…)',
		description:
			'At the version read: a step that moved on meanwhile is refused (409). A start or a finish (start, complete, fail, skip) may carry `occurredAt`, when it really happened, with `reason`: refused (400, nothing written) in the future, before the incident’s first fact, or a finish before the step started. The run figures count from these times.',
		body: stepActionInput,
		responses: { 200: answers.stepActed }
	},
	{
		method: 'get',
		path: '/api/v1/orgs/{id}/inventory',
		routeId: '/api/v1/orgs/[id=uuid]/inventory',
		tag: 'Inventory',
		summary: "The organization's inventory, filtered",
		query: itemFilters,
		responses: { 200: answers.inventoryList }
	},
	{
		method: 'post',
		path: '/api/v1/orgs/{id}/inventory',
		routeId: '/api/v1/orgs/[id=uuid]/inventory',
		tag: 'Inventory',
		summary: 'Create an inventory item',
		body: withMutation(createItemInput),
		responses: written(answers.itemCreated)
	},
	{
		method: 'post',
		path: '/api/v1/orgs/{id}/inventory/{itemId}/status',
		routeId: '/api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status',
		tag: 'Inventory',
		summary: "Set an item's live status",
		description:
			'With `version`, refused (409) if the status moved since. `occurredAt` tells when it really changed, with `reason`: refused (400) in the future, before the item’s last change, or before the first fact of an open incident it is attached to.',
		body: withMutation(itemStatusInput),
		responses: { 200: answers.itemStatus }
	},
	{
		method: 'get',
		path: '/api/v1/streams/{id}/events',
		routeId: '/api/v1/streams/[id=uuid]/events',
		tag: 'Events',
		summary: "A stream's events after a sequence number (resync)",
		query: z.object({ after: z.coerce.number().int().min(0).default(0) }),
		responses: { 200: answers.eventsPage }
	},
	{
		method: 'get',
		path: '/api/v1/orgs/{id}/integrations',
		routeId: '/api/v1/orgs/[id=uuid]/integrations',
		tag: 'Alerts',
		summary: "The organization's monitoring integrations (admins)",
		responses: { 200: answers.integrationList }
	},
	{
		method: 'post',
		path: '/api/v1/orgs/{id}/integrations',
		routeId: '/api/v1/orgs/[id=uuid]/integrations',
		tag: 'Alerts',
		summary: 'Create an integration: its secret ingestion URL is in the answer, once',
		body: withMutation(integrationInput),
		responses: written(answers.integrationCreated)
	},
	{
		method: 'patch',
		path: '/api/v1/orgs/{id}/integrations/{integrationId}',
		routeId: '/api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]',
		tag: 'Alerts',
		summary: "Change an integration's rules",
		ifMatch: true,
		body: withMutation(rulesInput),
		responses: written(answers.integrationChanged)
	},
	{
		method: 'delete',
		path: '/api/v1/orgs/{id}/integrations/{integrationId}',
		routeId: '/api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]',
		tag: 'Alerts',
		summary: 'Revoke an integration: its URL answers 404 from then on',
		responses: written(answers.integrationChanged)
	},
	{
		method: 'get',
		path: '/api/v1/orgs/{id}/alerts',
		routeId: '/api/v1/orgs/[id=uuid]/alerts',
		tag: 'Alerts',
		summary: 'Alert groups with their members and states, most recent first',
		query: alertFilters,
		responses: { 200: answers.alertGroupsPage }
	},
	{
		method: 'post',
		path: '/api/v1/ingest/{secret}',
		routeId: '/api/v1/ingest/[secret]',
		tag: 'Alerts',
		summary: 'Ingestion URL: Alertmanager v4 / Grafana webhook, or a PagerDuty Events v2 event',
		description:
			"The integration's kind decides the format. One group per groupKey (or dedup_key), members by fingerprint; a repeat changes nothing. With a bearer secret, send Authorization: Bearer <secret>. PagerDuty senders get PagerDuty's answer fields too (status, message, dedup_key).",
		auth: 'secret',
		body: z.union([alertmanagerPayload, grafanaPayload, pagerdutyEvent]),
		responses: { 202: answers.ingested }
	},
	...NIGHT_OPERATIONS,
	...STATUS_OPERATIONS
];

/** Every operation: the first endpoints, and the JSON counterparts of the forms. */
export const OPERATIONS: Operation[] = [
	...OWN_OPERATIONS,
	...FORM_OPERATIONS,
	...WEBHOOK_OPERATIONS
];
