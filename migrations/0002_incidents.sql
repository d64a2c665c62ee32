-- Incidents: each one is a stream; the organizations taking part in it see it.

create table incidents (
	id uuid primary key references streams (id) on delete cascade,
	organization_id uuid not null references organizations (id) on delete cascade,
	title text not null,
	summary text not null default '',
	severity text not null check (severity in ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
	status text not null default 'investigating'
		check (status in ('investigating', 'identified', 'mitigating', 'monitoring', 'resolved', 'closed')),
	mode text not null default 'real' check (mode in ('real', 'drill')),
	commander_id uuid references users (id) on delete set null,
	timezone text not null default 'Europe/Paris',
	detected_at timestamptz not null,
	declared_at timestamptz not null default now(),
	resolved_at timestamptz,
	closed_at timestamptz,
	created_by uuid references users (id) on delete set null,
	version integer not null default 1
);
create index incidents_organization_id_idx on incidents (organization_id, declared_at desc);

-- The declaring organization is a participant too, so one join answers "who may see this".
create table incident_organizations (
	incident_id uuid not null references incidents (id) on delete cascade,
	organization_id uuid not null references organizations (id) on delete cascade,
	added_at timestamptz not null default now(),
	added_by uuid references users (id) on delete set null,
	primary key (incident_id, organization_id)
);
create index incident_organizations_organization_id_idx on incident_organizations (organization_id);
