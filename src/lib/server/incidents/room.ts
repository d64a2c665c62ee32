import { chatChannels } from './chat';
import { roleAtLeast } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { listIncidentContacts } from '../contacts/queries';
import { AppError, isAppError } from '../errors';
import { db } from '../db/db';
import { listAttachableServers } from '../inventory/incident-servers';
import { listIncidentItems } from '../inventory/links';
import { readMilestones } from '../milestones/commands';
import { readRun } from '../runbooks/runs';
import { listTemplates } from '../runbooks/template-queries';
import { NO_FILTER, TIMELINE_PAGE_SIZE } from '$lib/timeline/page';
import { listTimelineActors, readTimelinePage, type TimelineRequest } from '../timeline/paging';
import { findIncidentAccess } from './access';
import { readSharing } from './read-sharing';
import { listIncidentPeople, readIncident } from './queries';
import { m } from '$lib/paraglide/messages';

/**
 * Everything the incident room shows, read for one person: the incident, its runbook run (its
 * current rows), the newest page of its timeline, linked servers, contacts and people, and
 * what this person may do there. Its cost does not grow with the length of the night.
 */
export async function readRoom(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	timelineRequest: TimelineRequest = { filter: NO_FILTER, limit: TIMELINE_PAGE_SIZE }
) {
	const access = await findIncidentAccess(actor.userId, incidentId);
	if (!access) throw new AppError('not_found', m.err_incident_not_found());
	const reader = { userId: actor.userId, role: access.role };
	const [incident, timeline, timelineActors, contacts, people, servers, run] = await Promise.all([
		readIncident(incidentId),
		readTimelinePage(reader, incidentId, timelineRequest),
		listTimelineActors(incidentId),
		listIncidentContacts(incidentId, actor.userId),
		listIncidentPeople(incidentId, actor.userId),
		listIncidentItems(actor, incidentId),
		readRun(actor, incidentId)
	]);
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
	const canRespond = roleAtLeast(access.role, 'responder');
	// Templates that could be started here: the incident's own organization's and the actor's.
	const organizations = [...new Set([access.ownerOrganizationId, access.organizationId])];
	const templates =
		run || !canRespond
			? []
			: (
					await Promise.all(
						organizations.map((id) => listTemplates(actor, id).catch(unlessAppError))
					)
				).flat();
	const [sharing, attachable, milestones] = await Promise.all([
		readSharing(actor, incidentId),
		canRespond ? listAttachableServers(actor.userId, incidentId) : null,
		readMilestones(db(), incidentId)
	]);
	const chatChannelCount = await chatChannels(incidentId);
	return {
		incident,
		...sharing,
		timeline,
		timelineFilter: timelineRequest.filter,
		timelineActors,
		contacts,
		people,
		servers,
		attachable,
		milestones,
		run,
		templates,
		role: access.role,
		canRespond,
		canAdmin: roleAtLeast(access.role, 'admin'),
		chatChannelCount
	};
}

/** A list the person may not read is simply not offered; anything else is a bug. */
function unlessAppError(error: unknown): [] {
	if (isAppError(error)) return [];
	throw error;
}
