/** A person or desk to call at a provider, as pages show it. */
export interface Contact {
	id: string;
	organizationId: string;
	providerName: string;
	providerOrganizationId: string | null;
	name: string;
	function: string;
	phones: string[];
	email: string | null;
	hours: string;
	escalationLevel: number;
	contractRef: string;
	notes: string;
	version: number;
	/** Shown to partners in every incident the organization shares. */
	visibleToPartners: boolean;
}

/** A contact as an incident's room shows it: with whether it was shared in that incident. */
export type IncidentContact = Contact & { sharedHere: boolean };
