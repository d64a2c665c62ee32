-- Runbook templates (versioned plans owned by an organization) and runs inside incidents.

create table runbook_templates (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	name text not null check (length(name) between 1 and 200),
	description text not null default '',
	current_version integer not null default 1,
	created_at timestamptz not null default now(),
	created_by uuid references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	-- Optimistic concurrency for the editor: bumped by every save.
	version integer not null default 1
);
create unique index runbook_templates_name_key on runbook_templates (organization_id, lower(name));

-- Every save is a new immutable version, so a run can keep the plan it started from.
-- body: { phases: [{ title, steps: [{ key, title, instructions, ownerSide, role,
--   plannedMinutes, dependsOn: [key], itemIds: [uuid], expandTag, requiresApproval }] }] }
create table runbook_template_versions (
	template_id uuid not null references runbook_templates (id) on delete cascade,
	version integer not null check (version >= 1),
	name text not null,
	description text not null default '',
	body jsonb not null,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	primary key (template_id, version)
);

-- One run per incident: the room shows one runbook.
create table runbook_runs (
	id uuid primary key default gen_random_uuid(),
	incident_id uuid not null unique references incidents (id) on delete cascade,
	template_id uuid not null references runbook_templates (id),
	template_version integer not null,
	started_at timestamptz not null default now(),
	started_by uuid references users (id) on delete set null,
	version integer not null default 1,
	foreign key (template_id, template_version) references runbook_template_versions (template_id, version)
);
create index runbook_runs_template_id_idx on runbook_runs (template_id);

create table run_steps (
	id uuid primary key default gen_random_uuid(),
	run_id uuid not null references runbook_runs (id) on delete cascade,
	phase text not null,
	position integer not null,
	key text not null,
	-- Set for a step expanded per server: the inventory item it is about.
	server_item_id uuid references inventory_items (id) on delete set null,
	server_hostname text,
	title text not null,
	instructions text not null default '',
	owner_side text not null check (owner_side in ('client', 'provider')),
	role text not null default '',
	planned_minutes integer not null check (planned_minutes between 1 and 1440),
	-- Ids of run_steps of the same run (an array: PostgreSQL has no foreign keys on elements).
	depends_on uuid[] not null default '{}',
	item_ids uuid[] not null default '{}',
	state text not null default 'pending'
		check (state in ('pending', 'ready', 'in_progress', 'blocked', 'done', 'skipped', 'failed')),
	assignee_id uuid references users (id) on delete set null,
	started_at timestamptz,
	ended_at timestamptz,
	blocked_reason text,
	skip_reason text,
	-- [{ at, authorId, authorName, text }]
	notes jsonb not null default '[]',
	-- Approvals (issue 5): which role must approve, and the decision once taken.
	requires_approval jsonb,
	approval_state text check (approval_state in ('pending', 'approved', 'vetoed')),
	approval_decided_by uuid references users (id) on delete set null,
	approval_decided_at timestamptz,
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id) on delete set null,
	version integer not null default 1,
	unique (run_id, position)
);
create index run_steps_run_id_idx on run_steps (run_id);
