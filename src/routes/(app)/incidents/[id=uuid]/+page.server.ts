import { error } from '@sveltejs/kit';
import { fromWallClock } from '$lib/time/zoned';
import { logCall, shareContactInIncident } from '$lib/server/contacts/commands';
import { isAppError } from '$lib/server/errors';
import { runFormCommand } from '$lib/server/form-action';
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
import { roomPublicStatus } from '$lib/server/status/queries';
import { publicUpdateFromForm } from '$lib/server/status/schemas';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		// The timeline's filters and "earlier" page travel in the query without JavaScript.
		const actor = { userId: locals.user.id };
		const room = await readRoom(actor, params.id, timelineRequestOf(url.searchParams));
		// The room's public face, written deliberately (never its timeline).
		return { ...room, publicStatus: await roomPublicStatus(actor, params.id) };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

const wallClock = (value: string | undefined, tz: string) =>
	value ? fromWallClock(value, tz) : undefined;

export const actions: Actions = {
	status: (event) =>
		runFormCommand(event, 'status', (actor, v) =>
			changeIncidentStatus(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				{ ...v, occurredAt: wallClock(v.occurredAt, actor.timezone) }
			)
		),
	milestone: (event) =>
		runFormCommand(event, 'milestone', (actor, v) =>
			setMilestone({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone) ?? ''
			})
		),
	attachServers: (event) =>
		runFormCommand(event, 'attachServers', (actor, v) =>
			attachServers({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	detachServer: (event) =>
		runFormCommand(event, 'detachServer', (actor, v) =>
			detachServers({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	commander: (event) =>
		runFormCommand(event, 'commander', (actor, v) =>
			setCommander({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	chat: (event) =>
		runFormCommand(event, 'chat', (actor, v) =>
			setChatUpdates({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	note: (event) =>
		runFormCommand(event, 'note', (actor, v) =>
			addNote({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone)
			})
		),
	serverStatus: (event) =>
		runFormCommand(event, 'serverStatus', (actor, v) =>
			setItemStatus({ actor, clientMutationId: v.clientMutationId || null }, v.itemId ?? '', {
				...v,
				occurredAt: wallClock(v.occurredAt, actor.timezone)
			})
		),
	step: (event) =>
		runFormCommand(event, 'step', (actor, v) =>
			actOnStep(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.stepId ?? '',
				{ ...v, occurredAt: wallClock(v.occurredAt, actor.timezone) }
			)
		),
	startRun: (event) =>
		runFormCommand(event, 'startRun', (actor, v) =>
			startRun({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	pin: (event) =>
		runFormCommand(event, 'pin', (actor, v) => pinEvent({ actor }, event.params.id, v)),
	share: (event) =>
		runFormCommand(event, 'share', (actor, v) =>
			// A typed invitation code wins over the list of known partners.
			inviteOrganization(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.code?.trim() ? { code: v.code } : { organizationId: v.organizationId }
			)
		),
	withdrawInvitation: (event) =>
		runFormCommand(event, 'withdrawInvitation', (actor, v) =>
			withdrawInvitation(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v.invitationId ?? ''
			)
		),
	unshare: (event) =>
		runFormCommand(event, 'unshare', (actor, v) =>
			unshareIncident({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	leave: (event) =>
		runFormCommand(event, 'leave', (actor, v) =>
			leaveIncident({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, v)
		),
	shareContact: (event) =>
		runFormCommand(event, 'shareContact', (actor, v) =>
			shareContactInIncident(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				v
			)
		),
	publicUpdate: (event) =>
		runFormCommand(event, 'publicUpdate', (actor, v) =>
			postPublicUpdate(
				{ actor, clientMutationId: v.clientMutationId || null },
				event.params.id,
				publicUpdateFromForm(v)
			)
		),
	logCall: (event) =>
		runFormCommand(event, 'logCall', (actor, v) =>
			logCall({ actor, clientMutationId: v.clientMutationId || null }, event.params.id, {
				...v,
				calledAt: wallClock(v.calledAt, actor.timezone)
			})
		)
};
