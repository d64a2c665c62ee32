import { z } from 'zod';
import { declareInput, statusInput } from '../incidents/schemas';
import { attachInput, detachInput } from '../inventory/incident-servers';
import { milestoneInput } from '../milestones/schemas';
import type { Operation } from './operations';
import { mutation } from './schemas';

/** Issue 11: the operations that write a night at its true times, and read its figures. */
const id = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const replayed = z.boolean();
const written = (schema: z.ZodType) => ({ 201: schema, 200: schema });
const withMutation = (schema: z.ZodType) => z.intersection(schema, mutation);

const figure = z.looseObject({
	key: z.string(),
	label: z.string(),
	seconds: z.number().int().nullable(),
	explanation: z.string(),
	missing: z.array(z.string()),
	events: z.array(
		z.looseObject({
			seq: z.number().int(),
			kind: z.string(),
			occurredAt: instant,
			role: z.string()
		})
	)
});

export const NIGHT_OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/orgs/{id}/incidents',
		routeId: '/api/v1/orgs/[id=uuid]/incidents',
		tag: 'Incidents',
		summary: 'Declare an incident, with its detection and other milestones at their true times',
		description:
			'detectedAt, declaredAt and milestones default to now / unset; a time in the future or a trigger after the detection is refused (400), nothing written. Responders and above.',
		body: withMutation(declareInput),
		responses: written(z.looseObject({ incidentId: id, replayed }))
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/status',
		routeId: '/api/v1/incidents/[id=uuid]/status',
		tag: 'Incidents',
		summary: "Change the incident's status, optionally at the time it really changed",
		description:
			'occurredAt must not be in the future nor before the first fact (trigger, else detection). Moving to identified, monitoring or resolved sets the identified, mitigated or recovered milestone if unset.',
		body: withMutation(statusInput),
		ifMatch: true,
		responses: written(z.looseObject({ status: z.string(), version: z.number().int(), replayed }))
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/milestones',
		routeId: '/api/v1/incidents/[id=uuid]/milestones',
		tag: 'Incidents',
		summary: 'Set a milestone (trigger, detected, acknowledged, identified, mitigated, recovered)',
		description:
			'Set once; setting it again at another time is a correction and needs a reason (409 without).',
		body: withMutation(milestoneInput),
		responses: written(
			z.looseObject({ milestone: z.string(), occurredAt: instant, changed: z.boolean(), replayed })
		)
	},
	{
		method: 'post',
		path: '/api/v1/incidents/{id}/servers',
		routeId: '/api/v1/incidents/[id=uuid]/servers',
		tag: 'Incidents',
		summary: 'Attach servers: one item, every item with a tag, or what depends on an item',
		body: withMutation(attachInput),
		responses: written(
			z.looseObject({
				attached: z.array(z.string()),
				alreadyAttached: z.array(z.string()),
				replayed
			})
		)
	},
	{
		method: 'delete',
		path: '/api/v1/incidents/{id}/servers',
		routeId: '/api/v1/incidents/[id=uuid]/servers',
		tag: 'Incidents',
		summary: 'Detach servers (one item or a tag), saying why',
		body: withMutation(detachInput),
		responses: { 200: z.looseObject({ detached: z.array(z.string()), replayed }) }
	},
	{
		method: 'get',
		path: '/api/v1/incidents/{id}/figures',
		routeId: '/api/v1/incidents/[id=uuid]/figures',
		tag: 'Incidents',
		summary: "The incident's figures in seconds, with the events used or the milestones missing",
		responses: { 200: z.looseObject({ figures: z.array(figure) }) }
	}
];
