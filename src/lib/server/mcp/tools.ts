import { toMarkdown } from '$lib/postmortems/markdown';
import { computeFigures } from '$lib/postmortems/report';
import type { Actor } from '../access/actor';
import { db } from '../db/db';
import type { CommandContext, CommandOutcome, JsonResult } from '../events/command';
import { authorizeIncident } from '../incidents/access';
import { listIncidents } from '../incidents/queries';
import { readRoom } from '../incidents/room';
import { incidentFilters } from '../incidents/schemas';
import { setMilestone } from '../milestones/commands';
import { loadFigureInput } from '../postmortems/figure-input';
import { readPostmortemDocument } from '../postmortems/page';
import { actOnStep } from '../runbooks/steps';
import { addNote } from '../timeline/commands';
import { clientMutationId as mutationId, parse } from '../validation';
import { z } from 'zod';

/**
 * What the MCP tools do, each through the same query or command as the pages and the JSON
 * API, so an assistant is refused exactly what the token's role is refused.
 */

/** Figures are read in UTC and English: an assistant converts for its user. */
const FORMAT = { timezone: 'UTC', locale: 'en' };
const RECENT_EVENTS = 50;
const mutation = z.object({ clientMutationId: mutationId });

export async function listIncidentsTool(actor: Actor, input: unknown) {
	const filters = parse(incidentFilters, input);
	return { incidents: await listIncidents(actor.userId, filters) };
}

export async function readRoomTool(actor: Actor, incidentId: string) {
	const room = await readRoom(actor, incidentId);
	return {
		incident: room.incident,
		role: room.role,
		run: room.run,
		servers: room.servers,
		contacts: room.contacts,
		people: room.people,
		timeline: room.timeline.items.slice(0, RECENT_EVENTS)
	};
}

export async function readFiguresTool(actor: Actor, incidentId: string) {
	await authorizeIncident(actor, incidentId, 'incident.view');
	return { figures: computeFigures(await loadFigureInput(db(), incidentId), FORMAT) };
}

/** Runs a tool's command under the mutation id of its arguments; the answer tells a retry. */
async function applied<R extends JsonResult>(
	actor: Actor,
	input: Record<string, unknown>,
	run: (context: CommandContext) => Promise<CommandOutcome<R>>
) {
	const { clientMutationId } = parse(mutation, input);
	const { result, replayed } = await run({ actor, clientMutationId });
	return { ...result, replayed };
}

export async function addNoteTool(
	actor: Actor,
	incidentId: string,
	input: Record<string, unknown>
) {
	return applied(actor, input, (context) => addNote(context, incidentId, input));
}

export async function actOnStepTool(
	actor: Actor,
	incidentId: string,
	stepId: string,
	input: Record<string, unknown>
) {
	return applied(actor, input, (context) => actOnStep(context, incidentId, stepId, input));
}

export async function setMilestoneTool(
	actor: Actor,
	incidentId: string,
	input: Record<string, unknown>
) {
	return applied(actor, input, (context) => setMilestone(context, incidentId, input));
}

/** The post-mortems the token may read, as MCP resources. */
export async function listPostmortems(actor: Actor) {
	const rows = await db()<{ id: string; title: string }[]>`
		select distinct i.id, i.title, i.declared_at from incidents i
		join postmortems p on p.incident_id = i.id
		join incident_organizations io on io.incident_id = i.id
		join access_grants g on g.organization_id = io.organization_id and g.user_id = ${actor.userId}
		order by i.declared_at desc
		limit 100`;
	return rows.map((row) => ({
		uri: `nightshift://incidents/${row.id}/postmortem.md`,
		name: `Post-mortem: ${row.title}`,
		mimeType: 'text/markdown'
	}));
}

export async function postmortemMarkdown(actor: Actor, incidentId: string): Promise<string> {
	return toMarkdown(await readPostmortemDocument(actor, incidentId, FORMAT));
}
