-- Every fact at its true time (issue 11). The milestones an incident's figures rest on, each
-- set once (a correction replaces it and says why on the timeline), and the column mappings an
-- organization saved for its inventory imports.
create table incident_milestones (
	incident_id uuid not null references incidents (id) on delete cascade,
	milestone text not null
		check (milestone in ('trigger', 'detected', 'acknowledged', 'identified', 'mitigated', 'recovered')),
	occurred_at timestamptz not null,
	recorded_at timestamptz not null default now(),
	reason text,
	set_by uuid references users (id) on delete set null,
	primary key (incident_id, milestone)
);

-- The detection every incident already has is its first milestone.
insert into incident_milestones (incident_id, milestone, occurred_at, recorded_at, set_by)
select id, 'detected', detected_at, declared_at, created_by from incidents
on conflict do nothing;

create table import_mappings (
	id uuid primary key,
	organization_id uuid not null references organizations (id) on delete cascade,
	name text not null,
	mapping jsonb not null,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	unique (organization_id, name)
);
