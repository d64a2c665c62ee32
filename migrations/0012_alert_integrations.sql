-- Alert ingestion (issue 14): an organization's inbound channels from monitoring, the alert
-- groups they feed (deduplicated by group key and fingerprint) and the rules that decide what
-- an alert does.

-- An integration acts under an identity of its own (its events need an author), like a token.
alter table users drop constraint users_kind_check;
alter table users add constraint users_kind_check check (kind in ('person', 'token', 'integration'));

-- Only the SHA-256 of the ingestion URL's secret (and of the optional bearer secret) is kept.
create table integrations (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	user_id uuid not null unique references users (id) on delete cascade,
	kind text not null check (kind in ('alertmanager', 'grafana', 'pagerduty')),
	name text not null check (length(name) between 1 and 80),
	secret_hash bytea not null unique,
	bearer_hash bytea,
	-- Rules: what a firing alert does.
	action text not null default 'declare' check (action in ('list', 'attach', 'declare')),
	match_labels text[] not null default '{instance,host,service}',
	default_severity text not null default 'SEV2' check (default_severity in ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
	server_status text check (server_status in ('degraded', 'down')),
	storm_minutes integer not null default 30 check (storm_minutes between 0 and 1440),
	version integer not null default 1,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	last_received_at timestamptz,
	revoked_at timestamptz,
	revoked_by uuid references users (id) on delete set null
);
create index integrations_organization_id_idx on integrations (organization_id, created_at desc);

-- One group per Alertmanager/Grafana groupKey or PagerDuty dedup_key; firing while any member is.
create table alert_groups (
	id uuid primary key default gen_random_uuid(),
	integration_id uuid not null references integrations (id) on delete cascade,
	organization_id uuid not null references organizations (id) on delete cascade,
	group_key text not null,
	title text not null,
	status text not null check (status in ('firing', 'resolved')),
	truncated_alerts integer not null default 0,
	common_labels jsonb not null default '{}',
	external_url text,
	incident_id uuid references incidents (id) on delete set null,
	first_seen_at timestamptz not null default now(),
	last_seen_at timestamptz not null default now(),
	resolved_at timestamptz,
	unique (integration_id, group_key)
);
create index alert_groups_organization_idx on alert_groups (organization_id, last_seen_at desc, id);

-- A member of a group, by fingerprint: a repeat updates it, never adds one.
create table alerts (
	group_id uuid not null references alert_groups (id) on delete cascade,
	fingerprint text not null,
	status text not null check (status in ('firing', 'acknowledged', 'resolved')),
	summary text not null,
	severity text,
	labels jsonb not null default '{}',
	annotations jsonb not null default '{}',
	starts_at timestamptz,
	ends_at timestamptz,
	generator_url text,
	links jsonb not null default '[]',
	updated_at timestamptz not null default now(),
	primary key (group_id, fingerprint)
);
