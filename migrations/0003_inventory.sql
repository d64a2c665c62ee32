-- The server inventory: what exists, who hosts it, what depends on what, and its live status.

create table inventory_items (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	kind text not null default 'server' check (kind in ('server', 'service')),
	hostname text not null check (length(hostname) between 1 and 253),
	role text not null default '',
	environment text not null default '',
	location text not null default '',
	-- Free text ("Rempart Hosting"); the organization too when the provider is on Nightshift.
	provider text not null default '',
	provider_organization_id uuid references organizations (id) on delete set null,
	addresses text[] not null default '{}',
	os text not null default '',
	criticality text not null default '',
	tags text[] not null default '{}',
	status text not null default 'unknown'
		check (status in ('up', 'degraded', 'down', 'rebuilding', 'unknown')),
	status_changed_at timestamptz,
	notes text not null default '',
	created_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index inventory_items_hostname_key
	on inventory_items (organization_id, lower(hostname));
create index inventory_items_tags_idx on inventory_items using gin (tags);

-- "item depends on depends_on": when depends_on is down, item is in its blast radius.
create table inventory_dependencies (
	item_id uuid not null references inventory_items (id) on delete cascade,
	depends_on_id uuid not null references inventory_items (id) on delete cascade,
	primary key (item_id, depends_on_id),
	check (item_id <> depends_on_id)
);
create index inventory_dependencies_depends_on_id_idx on inventory_dependencies (depends_on_id);

-- The items an incident affects; their status changes appear in its timeline.
create table incident_items (
	incident_id uuid not null references incidents (id) on delete cascade,
	item_id uuid not null references inventory_items (id) on delete cascade,
	linked_at timestamptz not null default now(),
	linked_by uuid references users (id) on delete set null,
	primary key (incident_id, item_id)
);
create index incident_items_item_id_idx on incident_items (item_id);
