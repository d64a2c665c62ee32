import { fromWallClock } from '$lib/time/zoned';
import { logCall, shareContactInIncident } from '$lib/server/contacts/commands';
import { runFormMutation, type FormContext } from '$lib/server/form-action';
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
import { signedInPage } from '$lib/server/page-load';

// The timeline's filters and "earlier" page travel in the query without JavaScript. The room's
// public face (publicStatus) comes with it, written deliberately (never its timeline).
export const load: PageServerLoad = (event) =>
	signedInPage(event, (reader) =>
		readRoom(reader, event.params.id, timelineRequestOf(event.url.searchParams))
	);

/** The room's commands answer through the page's live events: only `ok` goes back. */
const run = (
	event: RequestEvent,
	action: string,
	work: (context: FormContext, values: Record<string, string>) => Promise<unknown>
) =>
	runFormMutation(event, action, async (context, values) => {
		await work(context, values);
	});

const wallClock = (value: string | undefined, tz: string) =>
	value ? fromWallClock(value, tz) : undefined;

/** The values with their "it happened earlier" field (typed on the wall clock) as an instant. */
const trueTime = (v: Record<string, string>, context: FormContext, field = 'occurredAt') => ({
	...v,
	[field]: wallClock(v[field], context.actor.timezone)
});

export const actions: Actions = {
	status: (event) =>
		run(event, 'status', (context, v) =>
			changeIncidentStatus(context, event.params.id, trueTime(v, context))
		),
	milestone: (event) =>
		run(event, 'milestone', (context, v) =>
			setMilestone(context, event.params.id, {
				...v,
				occurredAt: wallClock(v.occurredAt, context.actor.timezone) ?? ''
			})
		),
	attachServers: (event) =>
		run(event, 'attachServers', (context, v) => attachServers(context, event.params.id, v)),
	detachServer: (event) =>
		run(event, 'detachServer', (context, v) => detachServers(context, event.params.id, v)),
	commander: (event) =>
		run(event, 'commander', (context, v) => setCommander(context, event.params.id, v)),
	chat: (event) => run(event, 'chat', (context, v) => setChatUpdates(context, event.params.id, v)),
	note: (event) =>
		run(event, 'note', (context, v) => addNote(context, event.params.id, trueTime(v, context))),
	serverStatus: (event) =>
		run(event, 'serverStatus', (context, v) =>
			setItemStatus(context, v.itemId ?? '', trueTime(v, context))
		),
	step: (event) =>
		run(event, 'step', (context, v) =>
			actOnStep(context, event.params.id, v.stepId ?? '', trueTime(v, context))
		),
	startRun: (event) =>
		run(event, 'startRun', (context, v) => startRun(context, event.params.id, v)),
	pin: (event) => run(event, 'pin', (context, v) => pinEvent(context, event.params.id, v)),
	share: (event) =>
		run(event, 'share', (context, v) =>
			// A typed invitation code wins over the list of known partners.
			inviteOrganization(
				context,
				event.params.id,
				v.code?.trim() ? { code: v.code } : { organizationId: v.organizationId }
			)
		),
	withdrawInvitation: (event) =>
		run(event, 'withdrawInvitation', (context, v) =>
			withdrawInvitation(context, event.params.id, v.invitationId ?? '')
		),
	unshare: (event) =>
		run(event, 'unshare', (context, v) => unshareIncident(context, event.params.id, v)),
	leave: (event) => run(event, 'leave', (context, v) => leaveIncident(context, event.params.id, v)),
	shareContact: (event) =>
		run(event, 'shareContact', (context, v) => shareContactInIncident(context, event.params.id, v)),
	publicUpdate: (event) =>
		run(event, 'publicUpdate', (context, v) =>
			postPublicUpdate(context, event.params.id, publicUpdateFromForm(v))
		),
	logCall: (event) =>
		run(event, 'logCall', (context, v) =>
			logCall(context, event.params.id, trueTime(v, context, 'calledAt'))
		)
};
