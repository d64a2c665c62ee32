import { z } from 'zod';
import { MAINTENANCE_STATUSES } from '$lib/status/maintenance';
import { COMPONENT_STATES } from '$lib/status/model';
import {
	maintenanceChange,
	maintenanceInput,
	publicUpdateInput,
	statusPageInput
} from '../status/schemas';
import type { Operation } from './operations';
import { mutation } from './schemas';

/** Issue 15: the status page's settings and the public updates written from a room. */
const id = z.string().uuid();
const replayed = z.boolean();
const written = (schema: z.ZodType) => ({ 201: schema, 200: schema });
const withMutation = (schema: z.ZodType) => z.intersection(schema, mutation);

const settings = z.looseObject({
	organizationId: id,
	slug: z.string(),
	title: z.string(),
	enabled: z.boolean(),
	version: z.number().int(),
	subscribers: z.number().int(),
	components: z.array(
		z.looseObject({
			id,
			itemId: id,
			name: z.string(),
			state: z.enum(COMPONENT_STATES)
		})
	),
	maintenances: z.array(
		z.looseObject({
			id,
			name: z.string(),
			status: z.enum(MAINTENANCE_STATUSES),
			scheduledFor: z.string(),
			scheduledUntil: z.string(),
			version: z.number().int(),
			componentIds: z.array(id)
		})
	)
});

const maintenanceWritten = z.looseObject({
	maintenanceId: id,
	status: z.enum(MAINTENANCE_STATUSES),
	version: z.number().int(),
	slug: z.string(),
	replayed
});

export const STATUS_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/orgs/{id}/status-page',
		routeId: '/api/v1/orgs/[id=uuid]/status-page',
		tag: 'Status page',
		summary: "The organization's public status page settings and components (admins)",
		description:
			'`page` is null until one is opened. The public page itself is /status/{slug}, with /status/{slug}/api/v2/summary.json and status.json in Atlassian Statuspage’s shape, and history.atom / history.rss.',
		responses: { 200: z.looseObject({ page: settings.nullable() }) }
	},
	{
		method: 'put',
		path: '/api/v1/orgs/{id}/status-page',
		routeId: '/api/v1/orgs/[id=uuid]/status-page',
		tag: 'Status page',
		summary: 'Open or change the status page: address, title, public or not, components',
		description:
			'The whole page at once: components not listed are removed. Each component is an item of your inventory with a public name and a state (operational, degraded_performance, partial_outage, major_outage, under_maintenance).',
		ifMatch: true,
		body: withMutation(statusPageInput),
		responses: written(
			z.looseObject({
				slug: z.string(),
				enabled: z.boolean(),
				components: z.number().int(),
				version: z.number().int(),
				replayed
			})
		)
	},
	{
		method: 'post',
		path: '/api/v1/orgs/{id}/status-page/maintenances',
		routeId: '/api/v1/orgs/[id=uuid]/status-page/maintenances',
		tag: 'Status page',
		summary: 'Schedule a maintenance on the status page (admins)',
		description:
			'Its window (`scheduledFor` before `scheduledUntil`, ending in the future), the public components it affects and the words the public reads. It reads `in_progress` from its start (its components `under_maintenance` unless an outage is set) and `completed` at its end; it is listed in summary.json `scheduled_maintenances` until then.',
		body: withMutation(maintenanceInput),
		responses: written(maintenanceWritten)
	},
	{
		method: 'patch',
		path: '/api/v1/orgs/{id}/status-page/maintenances/{maintenanceId}',
		routeId: '/api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]',
		tag: 'Status page',
		summary: 'Move a maintenance on, or change its name, window or components',
		description:
			'`status` moves only forward (scheduled → in_progress → verifying → completed); with it or alone, `body` is a message for the public. A completed maintenance cannot be changed (409).',
		ifMatch: true,
		body: withMutation(maintenanceChange),
		responses: written(maintenanceWritten)
	},
	{
		method: 'delete',
		path: '/api/v1/orgs/{id}/status-page/maintenances/{maintenanceId}',
		routeId: '/api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]',
		tag: 'Status page',
		summary: 'Cancel a maintenance announced by mistake',
		description: 'It leaves the page, its JSON and its feeds.',
		responses: written(
			z.looseObject({ maintenanceId: id, cancelled: z.boolean(), slug: z.string(), replayed })
		)
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/public-updates',
		routeId: '/api/v1/incidents/[id=uuid]/public-updates',
		tag: 'Status page',
		summary: "Publish an update of the incident on its organization's status page",
		description:
			'Written deliberately, with its own phase (investigating, identified, monitoring, resolved): nothing of the timeline is published. The first update needs a `name`. Responders of the declaring organization; never for a drill (409).',
		body: withMutation(publicUpdateInput),
		responses: written(
			z.looseObject({
				statusIncidentId: id,
				updateId: id,
				phase: z.string(),
				slug: z.string(),
				replayed
			})
		)
	}
];
