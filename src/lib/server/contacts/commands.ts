import { authorize, inOrganization } from '../access/authorize';
import { AppError } from '../errors';
import { command, recordCommand } from '../events/command';
import { inIncident } from '../incidents/access';
import { checkTrueTime, readBounds } from '../milestones/true-time';
import { backdateMark } from '../timeline/schemas';
import { uuid } from '../validation';
import { m } from '$lib/paraglide/messages';
import { findContact, findIncidentContact } from './queries';
import { contactInput, logCallInput, shareContactInput } from './schemas';

export const createContact = command(
	inOrganization('contacts.edit'),
	contactInput,
	async (tx, emit, c, { id: organizationId }) => {
		const [row] = await tx<{ id: string }[]>`
			insert into provider_contacts (organization_id, provider_name, provider_organization_id, name,
				function, phones, email, hours, escalation_level, contract_ref, notes, visible_to_partners)
			values (${organizationId}, ${c.providerName}, ${c.providerOrganizationId ?? null}, ${c.name},
				${c.function}, ${c.phones}, ${c.email ?? null}, ${c.hours}, ${c.escalationLevel},
				${c.contractRef}, ${c.notes},
				${c.visibleToPartners ?? c.providerOrganizationId === organizationId})
			returning id`;
		if (!row) throw new Error('contact insert returned no row');
		await emit({
			streamId: organizationId,
			kind: 'contact.created',
			payload: { contactId: row.id, name: c.name, provider: c.providerName }
		});
		return { contactId: row.id };
	}
);

export const updateContact = recordCommand(
	inOrganization('contacts.edit'),
	contactInput,
	async (tx, emit, c, { id: organizationId, recordId: id }) => {
		const [row] = await tx<{ version: number }[]>`
			update provider_contacts set provider_name = ${c.providerName},
				provider_organization_id = ${c.providerOrganizationId ?? null}, name = ${c.name},
				function = ${c.function}, phones = ${c.phones}, email = ${c.email ?? null}, hours = ${c.hours},
				escalation_level = ${c.escalationLevel}, contract_ref = ${c.contractRef}, notes = ${c.notes},
				visible_to_partners = coalesce(${c.visibleToPartners ?? null}::boolean, visible_to_partners),
				version = version + 1
			where id = ${id} and organization_id = ${organizationId}
				and (${c.version ?? null}::int is null or version = ${c.version ?? null})
			returning version`;
		if (!row) {
			const existing = await findContact(id, tx);
			if (!existing || existing.organizationId !== organizationId)
				throw new AppError('not_found', m.err_contact_not_found());
			throw new AppError('conflict', m.err_contact_edited_meanwhile({ name: existing.name }));
		}
		await emit({
			streamId: organizationId,
			kind: 'contact.updated',
			payload: { contactId: id, name: c.name, version: row.version }
		});
		return { contactId: id, version: row.version };
	}
);

export const deleteContact = command(
	inOrganization('contacts.edit'),
	uuid,
	async (tx, emit, id, { id: organizationId }) => {
		const [row] = await tx<{ name: string }[]>`
			delete from provider_contacts where id = ${id} and organization_id = ${organizationId} returning name`;
		if (!row) throw new AppError('not_found', m.err_contact_not_found());
		await emit({
			streamId: organizationId,
			kind: 'contact.deleted',
			payload: { contactId: id, name: row.name }
		});
		return { contactId: id };
	}
);

/** Records a call made during an incident: who was called, when, and what came of it. */
export const logCall = command(
	inIncident('contacts.log_call'),
	logCallInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		const contact = await findIncidentContact(incidentId, context.actor.userId, data.contactId, tx);
		if (!contact) throw new AppError('not_found', m.err_contact_not_visible());
		if (data.calledAt)
			checkTrueTime(await readBounds(tx, incidentId), data.calledAt, 'fact', 'calledAt');
		const event = await emit({
			streamId: incidentId,
			kind: 'contact.called',
			occurredAt: data.calledAt,
			payload: {
				contactId: data.contactId,
				name: contact.name,
				function: contact.function,
				provider: contact.providerName,
				escalationLevel: contact.escalationLevel,
				phone: data.phone ?? null,
				outcome: data.outcome,
				...backdateMark(data.calledAt, data.backdateReason)
			}
		});
		return { seq: event.seq };
	}
);

/**
 * Shows one of the actor's organization's contacts to the partners of this incident, or stops
 * (contacts visible to partners in every shared incident stay visible).
 */
export const shareContactInIncident = command(
	inIncident('incident.view'),
	shareContactInput,
	async (tx, emit, { contactId, shared }, { id: incidentId, context }) => {
		const contact = await findContact(contactId, tx);
		const [taking] = contact
			? await tx`select 1 from incident_organizations
				where incident_id = ${incidentId} and organization_id = ${contact.organizationId}`
			: [];
		if (!contact || !taking) throw new AppError('not_found', m.err_contact_not_visible());
		await authorize(context.actor, contact.organizationId, 'contacts.edit', tx);
		const changed = shared
			? await tx`insert into incident_contacts (incident_id, contact_id, shared_by)
				values (${incidentId}, ${contactId}, ${context.actor.userId})
				on conflict do nothing returning contact_id`
			: await tx`delete from incident_contacts
				where incident_id = ${incidentId} and contact_id = ${contactId} returning contact_id`;
		if (changed.length > 0) {
			await emit(
				shared
					? { streamId: incidentId, kind: 'contact.shared', payload: { contact } }
					: {
							streamId: incidentId,
							kind: 'contact.unshared',
							payload: {
								contactId,
								name: contact.name,
								organizationId: contact.organizationId,
								visibleToPartners: contact.visibleToPartners
							}
						}
			);
		}
		return { contactId, shared };
	}
);
