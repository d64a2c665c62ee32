-- The people and desks to call at each provider, kept by an organization.

create table provider_contacts (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	provider_name text not null,
	provider_organization_id uuid references organizations (id) on delete set null,
	name text not null,
	function text not null default '',
	phones text[] not null default '{}',
	email text,
	hours text not null default '',
	escalation_level integer not null default 1 check (escalation_level between 1 and 5),
	contract_ref text not null default '',
	notes text not null default '',
	created_at timestamptz not null default now(),
	version integer not null default 1
);
create index provider_contacts_organization_id_idx on provider_contacts (organization_id, provider_name, escalation_level);
create index provider_contacts_provider_organization_id_idx on provider_contacts (provider_organization_id);
