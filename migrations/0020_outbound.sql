-- Ops out (issue 15): outgoing webhooks and chat, e-mail, public status pages.
-- The durable queue itself is graphile-worker's own schema, installed at start by its library.

-- An organization's outbound subscription: Standard Webhooks ('standard') or a chat room's
-- incoming webhook ('chat'). Secrets are kept in clear: every delivery is signed with them.
create table webhook_endpoints (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	name text not null check (length(name) between 1 and 80),
	url text not null,
	flavour text not null default 'standard' check (flavour in ('standard', 'chat')),
	groups text[] not null default '{}',
	secret text not null,
	-- During a rotation the old secret signs too, until it expires.
	previous_secret text,
	previous_secret_until timestamptz,
	enabled boolean not null default true,
	disabled_at timestamptz,
	disabled_reason text,
	-- The first failure of the current run of failures; a day of them disables the endpoint.
	failing_since timestamptz,
	version integer not null default 1,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	deleted_at timestamptz
);
create index webhook_endpoints_organization_idx on webhook_endpoints (organization_id)
	where deleted_at is null;

-- One message to one endpoint; its attempts update the row. `message_id` is the event's id,
-- the same on every attempt and redelivery, for receivers to dedupe.
create table webhook_deliveries (
	id uuid primary key default gen_random_uuid(),
	endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
	message_id text not null,
	event_kind text not null,
	body text not null,
	status text not null default 'pending'
		check (status in ('pending', 'delivered', 'retrying', 'failed', 'refused')),
	attempts integer not null default 0,
	response_status integer,
	duration_ms integer,
	response_excerpt text,
	error text,
	next_attempt_at timestamptz,
	last_attempt_at timestamptz,
	delivered_at timestamptz,
	created_at timestamptz not null default now(),
	unique (endpoint_id, message_id)
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, created_at desc);

-- "Post updates to the merchant's channel": the chat endpoints hear this incident.
alter table incidents add column chat_updates boolean not null default false;

-- Every e-mail, rendered in its recipient's language when queued; the queue sends it.
create table mail_messages (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid references organizations (id) on delete set null,
	user_id uuid references users (id) on delete set null,
	recipient text not null,
	kind text not null,
	locale text not null default 'en',
	subject text not null,
	text_body text not null,
	html_body text not null,
	-- One mail per fact (an event and a recipient): a retried fan-out sends it once.
	dedupe_key text unique,
	status text not null default 'queued'
		check (status in ('queued', 'sent', 'retrying', 'failed', 'not_configured')),
	attempts integer not null default 0,
	error text,
	next_attempt_at timestamptz,
	created_at timestamptz not null default now(),
	sent_at timestamptz
);
create index mail_messages_organization_idx on mail_messages (organization_id, created_at desc);

-- Per person, the kinds of mail they turned off (everything is on by default).
create table mail_opt_outs (
	user_id uuid not null references users (id) on delete cascade,
	kind text not null,
	primary key (user_id, kind)
);

-- A person may ask for a reset link themself: then no organization issued it.
alter table password_resets alter column organization_id drop not null;
alter table password_resets alter column created_by drop not null;

-- An organization's public status page (opt-in).
create table status_pages (
	organization_id uuid primary key references organizations (id) on delete cascade,
	slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	title text not null,
	enabled boolean not null default false,
	version integer not null default 1,
	updated_at timestamptz not null default now()
);

create table status_components (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references status_pages (organization_id) on delete cascade,
	item_id uuid not null references inventory_items (id) on delete cascade,
	name text not null,
	position integer not null default 0,
	state text not null default 'operational' check (state in
		('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
	updated_at timestamptz not null default now(),
	created_at timestamptz not null default now(),
	unique (organization_id, item_id)
);

-- The public face of an incident: its own name and impact, and updates written deliberately.
create table status_incidents (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references status_pages (organization_id) on delete cascade,
	incident_id uuid references incidents (id) on delete set null,
	name text not null,
	impact text not null default 'minor' check (impact in ('none', 'minor', 'major', 'critical')),
	phase text not null check (phase in ('investigating', 'identified', 'monitoring', 'resolved')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	resolved_at timestamptz,
	unique (incident_id)
);

create table status_updates (
	id uuid primary key default gen_random_uuid(),
	status_incident_id uuid not null references status_incidents (id) on delete cascade,
	phase text not null check (phase in ('investigating', 'identified', 'monitoring', 'resolved')),
	body text not null check (length(body) between 1 and 4000),
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index status_updates_incident_idx on status_updates (status_incident_id, created_at desc);

-- E-mail subscribers of a status page, confirmed by a link (double opt-in).
create table status_subscribers (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references status_pages (organization_id) on delete cascade,
	email text not null,
	token_hash bytea not null unique,
	confirmed_at timestamptz,
	created_at timestamptz not null default now(),
	unique (organization_id, email)
);
