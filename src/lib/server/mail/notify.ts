import type { StreamEvent } from '$lib/events/payloads';
import type { ApprovalRequirement } from '$lib/runbooks/types';
import { ROLES, roleAtLeast } from '$lib/organizations/roles';
import type { Db } from '../db/db';
import type { IncidentInfo } from '../webhooks/fanout';
import {
	mailApprovalRequested,
	mailIncidentShared,
	mailStepAssigned,
	membersAtLeast
} from './compose';

/** The events that tell someone by mail, and whom (never the person who did it). */
export async function notifyByMail(
	sql: Db,
	event: StreamEvent,
	incident: IncidentInfo | null,
	eventId: string
): Promise<void> {
	if (!incident) return;
	const ref = {
		incidentId: incident.id,
		title: incident.title,
		organizationId: incident.organization_id
	};
	const dedupeKey = `evt_${eventId}`;
	const notActor = <T extends { userId: string | null }>(r: T) => r.userId !== event.actorId;
	if (event.kind === 'step.approval_requested') {
		const [step] = await sql<{ requires_approval: ApprovalRequirement | null }[]>`
			select requires_approval from run_steps where id = ${event.payload.stepId}`;
		const requirement = step?.requires_approval;
		if (!requirement) return;
		const roles = ROLES.filter((r) => roleAtLeast(r, requirement.role));
		for (const to of (await membersAtLeast(sql, requirement.organizationId, roles)).filter(
			notActor
		)) {
			await mailApprovalRequested(sql, to, {
				...ref,
				organizationId: requirement.organizationId,
				step: event.payload.title,
				requester: event.actorName ?? '—',
				dedupeKey
			});
		}
	} else if (event.kind === 'step.assigned' && event.payload.assigneeId) {
		const recipients = await sql<{ email: string; userId: string; locale: string }[]>`
			select email, id as "userId", locale from users where id = ${event.payload.assigneeId}`;
		for (const to of recipients.filter(notActor)) {
			await mailStepAssigned(sql, to, { ...ref, step: event.payload.title, dedupeKey });
		}
	} else if (event.kind === 'incident.invited') {
		const [from] = await sql<{ name: string }[]>`
			select name from organizations where id = ${incident.organization_id}`;
		const partner = event.payload.organizationId;
		for (const to of await membersAtLeast(sql, partner, ['owner', 'admin'])) {
			await mailIncidentShared(sql, to, {
				...ref,
				organizationId: partner,
				from: from?.name ?? '—',
				partner: event.payload.name,
				dedupeKey
			});
		}
	}
}
