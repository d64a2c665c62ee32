import { chatChannels } from './chat';
import { roleAtLeast } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { listIncidentContacts } from '../contacts/queries';
import { AppError, isAppError } from '../errors';
import { db } from '../db/db';
import { listAttachableServers } from '../inventory/incident-servers';
import { listLinkedItems } from '../inventory/links';
import { readMilestones } from '../milestones/commands';
import { readIncidentRun } from '../runbooks/run-rows';
import { listTemplates } from '../runbooks/template-queries';
import { NO_FILTER, TIMELINE_PAGE_SIZE } from '$lib/timeline/page';
import { listTimelineActors, readTimelinePage, type TimelineRequest } from '../timeline/paging';
import { findIncidentAccess } from './access';
import { readSharingFor } from './read-sharing';
import { listIncidentPeople, readIncident } from './queries';
import { roomPublicStatus } from '../status/queries';
import { m } from '$lib/paraglide/messages';

/**
 * Everything the incident room shows, read for one person: the incident, its runbook run (its
 * current rows), the newest page of its timeline, linked servers, contacts and people, its
 * public status, and what this person may do there. Its cost does not grow with the length of the night.
 */
export async function readRoom(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	timelineRequest: TimelineRequest = { filter: NO_FILTER, limit: TIMELINE_PAGE_SIZE }
) {
	const access = await findIncidentAccess(actor.userId, incidentId);
	if (!access) throw new AppError('not_found', m.err_incident_not_found());
	const reader = { userId: actor.userId, role: access.role };
	const canRespond = roleAtLeast(access.role, 'responder');
	// One round of queries, all at once: the access read above answers every permission here.
	const [
		incident,
		timeline,
		timelineActors,
		contacts,
		people,
		servers,
		run,
		sharing,
		attachable,
		milestones,
		chatChannelCount,
		publicStatus
	] = await Promise.all([
		readIncident(incidentId),
		readTimelinePage(reader, incidentId, timelineRequest),
		listTimelineActors(incidentId),
		listIncidentContacts(incidentId, actor.userId),
		listIncidentPeople(incidentId, actor.userId),
		listLinkedItems(incidentId),
		readIncidentRun(db(), incidentId),
		readSharingFor(actor, access),
		canRespond ? listAttachableServers(actor.userId, incidentId) : null,
		readMilestones(db(), incidentId),
		chatChannels(incidentId),
		roomPublicStatus(access)
	]);
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
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
		chatChannelCount,
		publicStatus
	};
}

/** A list the person may not read is simply not offered; anything else is a bug. */
function unlessAppError(error: unknown): [] {
	if (isAppError(error)) return [];
	throw error;
}
