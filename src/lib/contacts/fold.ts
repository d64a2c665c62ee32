import type { IncidentContact as RoomContact } from '$lib/contacts/types';
import type { StreamEvent } from '$lib/realtime/protocol';

/**
 * Applies a contact shown to or hidden from the incident's partners to the room's list, for a
 * viewer who takes part through `mine`: a partner gains the contact, or loses it unless it is
 * one of its own, about its own organization, or visible to partners anyway.
 */
export function applyToContacts(
	contacts: RoomContact[],
	event: StreamEvent,
	mine: readonly string[]
): RoomContact[] {
	if (event.kind === 'contact.shared') {
		const shared = { ...event.payload.contact, sharedHere: true };
		const at = contacts.findIndex((c) => c.id === shared.id);
		if (at < 0) return sortContacts([...contacts, shared]);
		return contacts.map((c, i) => (i === at ? { ...c, sharedHere: true } : c));
	}
	if (event.kind === 'contact.unshared') {
		const { contactId, visibleToPartners } = event.payload;
		return contacts.flatMap((c) => {
			if (c.id !== contactId) return [c];
			const stillSeen =
				visibleToPartners ||
				mine.includes(c.organizationId) ||
				(c.providerOrganizationId !== null && mine.includes(c.providerOrganizationId));
			return stillSeen ? [{ ...c, sharedHere: false }] : [];
		});
	}
	return contacts;
}

/** The room's order: escalation level, then provider, then name. */
function sortContacts(contacts: RoomContact[]): RoomContact[] {
	return [...contacts].sort(
		(a, b) =>
			a.escalationLevel - b.escalationLevel ||
			a.providerName.localeCompare(b.providerName) ||
			a.name.localeCompare(b.name)
	);
}
