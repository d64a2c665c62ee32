-- Post-mortems written together from an incident's timeline, their publications, and the
-- action items they lead to (tracked across incidents until done).

create table postmortems (
	incident_id uuid primary key references incidents (id) on delete cascade,
	status text not null default 'draft' check (status in ('draft', 'in_review', 'published')),
	-- The number of the latest publication; 0 until first published.
	publication integer not null default 0,
	created_at timestamptz not null default now(),
	created_by uuid references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	version integer not null default 1
);

-- Each section carries its own version: a save names the version it was typed over, so two
-- people in different sections never touch each other's text, and in the same one the second
-- save is refused as a conflict instead of overwriting the first.
create table postmortem_sections (
	incident_id uuid not null references postmortems (incident_id) on delete cascade,
	key text not null
		check (key in ('summary', 'impact', 'timeline', 'root_cause', 'went_well', 'went_badly')),
	body text not null default '' check (length(body) <= 20000),
	version integer not null default 1,
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id) on delete set null,
	primary key (incident_id, key)
);

-- A publication is the whole document as published, kept unchanged: versions stay readable.
create table postmortem_publications (
	incident_id uuid not null references postmortems (incident_id) on delete cascade,
	number integer not null check (number >= 1),
	document jsonb not null,
	published_at timestamptz not null default now(),
	published_by uuid references users (id) on delete set null,
	primary key (incident_id, number)
);

create table action_items (
	id uuid primary key default gen_random_uuid(),
	incident_id uuid not null references incidents (id) on delete cascade,
	title text not null check (length(title) between 1 and 300),
	-- A person of either organization taking part, and the organization they act for.
	owner_id uuid references users (id) on delete set null,
	owner_organization_id uuid references organizations (id) on delete set null,
	due_on date not null,
	status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
	created_at timestamptz not null default now(),
	created_by uuid references users (id) on delete set null,
	updated_at timestamptz not null default now(),
	version integer not null default 1
);
create index action_items_incident_id_idx on action_items (incident_id);
create index action_items_open_due_idx on action_items (due_on) where status in ('open', 'in_progress');
