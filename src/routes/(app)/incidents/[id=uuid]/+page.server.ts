import { error } from '@sveltejs/kit';
import { fromWallClock } from '$lib/time/zoned';
import { logCall, shareContactInIncident } from '$lib/server/contacts/commands';
import { isAppError } from '$lib/server/errors';
import { runFormAction, type FormActor } from '$lib/server/form-action';
import { setChatUpdates } from '$lib/server/incidents/chat';
import { changeIncidentStatus, setCommander } from '$lib/server/incidents/commands';
import { addNote, pinEvent } from '$lib/server/timeline/commands';
import { setItemStatus } from '$lib/server/inventory/status';
import { attachServers, detachServers } from '$lib/server/inventory/incident-servers';
import { setMilestone } from '$lib/server/milestones/commands';
import { readRoom } from '$lib/server/incidents/room';
import { timelineRequestOf } from '$lib/server/timeline/paging';
import { inviteOrganization, withdrawInvitation } from '$lib/server/incidents/invitations';
import { leaveIncident, unshareIncident } from '$lib/server/incidents/sharing';
import { actOnStep } from '$lib/server/runbooks/steps';
import { startRun } from '$lib/server/runbooks/runs';
import { postPublicUpdate } from '$lib/server/status/commands';
import { publicUpdateFromForm } from '$lib/server/status/schemas';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		// The timeline's filters and "earlier" page travel in the query without JavaScript.
		const actor = { userId: locals.user.id };
		// The room's public face (publicStatus) comes with it, written deliberately (never its timeline).
		return await readRoom(actor, params.id, timelineRequestOf(url.searchParams));
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

/** The room's commands answer through the page's live events: only `ok` goes back. */
const run = (
	event: RequestEvent,
	action: string,
	work: (actor: FormActor, values: Record<string, string>) => Promise<unknown>
) =>
	runFormAction(event, action, async (actor, values) => {
		await work(actor, values);
	});

const wallClock = (value: string | undefined, tz: string) =>
	value ? fromWallClock(value, tz) : undefined;

export const actions: Actions = {
	status: (event) =>
		run(event, 'status', (actor, v) =>
			changeIncidentStatus(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				{ ...v, occurredAt: wallClock(v.occurredAt, actor.timezone) }
			)
		),
	milestone: (event) =>
		run(event, 'milestone', (actor, v) =>
			setMilestone({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone) ?? ''
			})
		),
	attachServers: (event) =>
		run(event, 'attachServers', (actor, v) =>
			attachServers({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	detachServer: (event) =>
		run(event, 'detachServer', (actor, v) =>
			detachServers({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	commander: (event) =>
		run(event, 'commander', (actor, v) =>
			setCommander({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	chat: (event) =>
		run(event, 'chat', (actor, v) =>
			setChatUpdates({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	note: (event) =>
		run(event, 'note', (actor, v) =>
			addNote({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone)
			})
		),
	serverStatus: (event) =>
		run(event, 'serverStatus', (actor, v) =>
			setItemStatus({ actor, clientMutationId: v.clientMutationId || null }, v.itemId ?? '', {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone)
			})
		),
	step: (event) =>
		run(event, 'step', (actor, v) =>
			actOnStep(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.stepId ?? '',
				{ ...v, occurredAt: wallClock(v.occurredAt, actor.timezone) }
			)
		),
	startRun: (event) =>
		run(event, 'startRun', (actor, v) =>
			startRun({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	pin: (event) => run(event, 'pin', (actor, v) => pinEvent({ actor }, event.params.id, v)),
	share: (event) =>
		run(event, 'share', (actor, v) =>
			// A typed invitation code wins over the list of known partners.
			inviteOrganization(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.code?.trim() ? { code: v.code } : { organizationId: v.organizationId }
			)
		),
	withdrawInvitation: (event) =>
		run(event, 'withdrawInvitation', (actor, v) =>
			withdrawInvitation(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.invitationId ?? ''
			)
		),
	unshare: (event) =>
		run(event, 'unshare', (actor, v) =>
			unshareIncident({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	leave: (event) =>
		run(event, 'leave', (actor, v) =>
			leaveIncident({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	shareContact: (event) =>
		run(event, 'shareContact', (actor, v) =>
			shareContactInIncident(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v
			)
		),
	publicUpdate: (event) =>
		run(event, 'publicUpdate', (actor, v) =>
			postPublicUpdate(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				publicUpdateFromForm(v)
			)
		),
	logCall: (event) =>
		run(event, 'logCall', (actor, v) =>
			logCall({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				calledAt: wallClock(v.calledAt, actor.timezone)
			})
		)
};
