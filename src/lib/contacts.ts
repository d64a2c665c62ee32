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
}
