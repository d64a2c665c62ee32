import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { NOTE_KINDS } from '../timeline/schemas';
import { STEP_ACTIONS } from '$lib/runbooks/states';
import { MILESTONES } from '$lib/milestones/model';
import { INCIDENT_STATUSES } from '$lib/incidents/types';
import { isAppError } from '../errors';
import type { Actor } from '../access/actor';
import {
	addNoteTool,
	actOnStepTool,
	listIncidentsTool,
	listPostmortems,
	postmortemMarkdown,
	readFiguresTool,
	readRoomTool,
	setMilestoneTool
} from './tools';

/** Who calls: an API token (its role in its one organization), from where. */
export interface McpCaller {
	userId: string;
	name: string;
	address: string;
}

const incidentId = z.string().uuid().describe('The incident id (from list_incidents).');
const mutationId = z
	.string()
	.uuid()
	.optional()
	.describe('A UUID you generate: a retry with the same id is applied once.');

function ok(value: unknown): CallToolResult {
	return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** The API's refusals, as the JSON API answers them: { error: { code, message, fields } }. */
function refusal(error: unknown): CallToolResult {
	if (!isAppError(error)) throw error;
	const body = { error: { code: error.code, message: error.message, fields: error.fields } };
	return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
}

/**
 * The MCP server for one request (stateless: any node answers any request). Each tool calls
 * the same query or command as the JSON API with the token's identity; what it writes is
 * recorded with source `api` and the tool's name.
 */
export function buildMcpServer(caller: McpCaller): McpServer {
	const server = new McpServer(
		{ name: 'nightshift', version: '1.0.0' },
		{
			instructions:
				'Nightshift incident rooms: list incidents, read a room (run, steps, servers, contacts, timeline), read figures, add notes, act on runbook steps, set milestones at their true times. Post-mortems are resources.'
		}
	);
	const actor = (tool: string): Actor => ({
		userId: caller.userId,
		name: `${caller.name} (MCP ${tool})`,
		address: caller.address,
		source: 'api'
	});
	const run =
		<A>(work: (args: A) => Promise<unknown>) =>
		async (args: A): Promise<CallToolResult> => {
			try {
				return ok(await work(args));
			} catch (error) {
				return refusal(error);
			}
		};

	server.registerTool(
		'list_incidents',
		{
			title: 'List incidents',
			description: 'Incidents the token may see, newest first; status "open" for the active ones.',
			inputSchema: {
				status: z.enum(['open', ...INCIDENT_STATUSES]).optional()
			},
			annotations: { readOnlyHint: true }
		},
		run((args) => listIncidentsTool(actor('list_incidents'), args))
	);
	server.registerTool(
		'read_room',
		{
			title: 'Read an incident room',
			description:
				'The incident, its runbook run and steps (with their versions), linked servers, contacts and the recent timeline.',
			inputSchema: { incidentId },
			annotations: { readOnlyHint: true }
		},
		run(({ incidentId }) => readRoomTool(actor('read_room'), incidentId))
	);
	server.registerTool(
		'read_figures',
		{
			title: 'Read the figures',
			description:
				'Time to detect, acknowledge, mitigate and recover, and planned vs actual per step.',
			inputSchema: { incidentId },
			annotations: { readOnlyHint: true }
		},
		run(({ incidentId }) => readFiguresTool(actor('read_figures'), incidentId))
	);
	server.registerTool(
		'add_note',
		{
			title: 'Add a note',
			description: 'Writes a note or a decision in the incident timeline (responders and above).',
			inputSchema: {
				incidentId,
				text: z.string().describe('The note, up to 4000 characters.'),
				kind: z.enum(NOTE_KINDS).optional(),
				occurredAt: z.string().optional().describe('ISO 8601, when it happened if earlier.'),
				backdateReason: z.string().optional(),
				clientMutationId: mutationId
			}
		},
		run(({ incidentId, ...input }) => addNoteTool(actor('add_note'), incidentId, input))
	);
	server.registerTool(
		'act_on_step',
		{
			title: 'Act on a runbook step',
			description:
				'start, complete, block, fail, skip, reopen, assign, note… on a step, at the version read in read_room (a step that moved on is refused).',
			inputSchema: {
				incidentId,
				stepId: z.string().uuid(),
				action: z.enum(STEP_ACTIONS),
				version: z.number().int().positive(),
				reason: z.string().optional(),
				note: z.string().optional(),
				assigneeId: z.string().uuid().nullable().optional(),
				clientMutationId: mutationId
			}
		},
		run(({ incidentId, stepId, ...input }) =>
			actOnStepTool(actor('act_on_step'), incidentId, stepId, input)
		)
	);
	server.registerTool(
		'set_milestone',
		{
			title: 'Set a milestone',
			description:
				'Records when a milestone of the incident really happened (trigger, detected, acknowledged, identified, mitigated, recovered); setting one already set corrects it and needs a reason. The figures are measured between milestones.',
			inputSchema: {
				incidentId,
				milestone: z.enum(MILESTONES),
				occurredAt: z.string().describe('ISO 8601 with its offset, e.g. 2026-12-03T02:41:00Z.'),
				reason: z.string().optional(),
				clientMutationId: mutationId
			}
		},
		run(({ incidentId, ...input }) => setMilestoneTool(actor('set_milestone'), incidentId, input))
	);
	server.registerResource(
		'postmortem',
		new ResourceTemplate('nightshift://incidents/{incidentId}/postmortem.md', {
			list: async () => ({ resources: await listPostmortems(actor('resources/list')) })
		}),
		{
			title: 'Post-mortem',
			description: 'An incident post-mortem as Markdown.',
			mimeType: 'text/markdown'
		},
		async (uri, variables) => {
			const id = String(variables.incidentId);
			return {
				contents: [
					{
						uri: uri.href,
						mimeType: 'text/markdown',
						text: await postmortemMarkdown(actor('resources/read'), id)
					}
				]
			};
		}
	);
	return server;
}
