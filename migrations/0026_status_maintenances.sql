-- Public status pages, continued (issue 15): the components each public incident affects,
-- what each public update changed, and scheduled maintenances.

-- The components a public incident affects (Statuspage's `components` of an incident),
-- chosen when its public updates are written.
create table status_incident_components (
	status_incident_id uuid not null references status_incidents (id) on delete cascade,
	component_id uuid not null references status_components (id) on delete cascade,
	primary key (status_incident_id, component_id)
);
create index status_incident_components_component_idx on status_incident_components (component_id);

-- What an update changed (Statuspage's `affected_components`: code, name, old and new status).
alter table status_updates add column affected_components jsonb not null default '[]'::jsonb;

-- A maintenance an admin announces: its window, the components it affects, and its status,
-- set by hand or by time (see src/lib/status/maintenance.ts for how the time moves it on).
create table status_maintenances (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references status_pages (organization_id) on delete cascade,
	name text not null check (length(name) between 1 and 120),
	status text not null default 'scheduled'
		check (status in ('scheduled', 'in_progress', 'verifying', 'completed')),
	scheduled_for timestamptz not null,
	scheduled_until timestamptz not null,
	version integer not null default 1,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	completed_at timestamptz,
	check (scheduled_until > scheduled_for)
);
create index status_maintenances_organization_idx
	on status_maintenances (organization_id, scheduled_until desc);

create table status_maintenance_components (
	maintenance_id uuid not null references status_maintenances (id) on delete cascade,
	component_id uuid not null references status_components (id) on delete cascade,
	primary key (maintenance_id, component_id)
);
create index status_maintenance_components_component_idx
	on status_maintenance_components (component_id);

-- Its messages: the announcement, then one per change made by hand (a change of status may
-- come without words).
create table status_maintenance_updates (
	id uuid primary key default gen_random_uuid(),
	maintenance_id uuid not null references status_maintenances (id) on delete cascade,
	status text not null check (status in ('scheduled', 'in_progress', 'verifying', 'completed')),
	body text not null default '' check (length(body) <= 4000),
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index status_maintenance_updates_idx
	on status_maintenance_updates (maintenance_id, created_at desc);
