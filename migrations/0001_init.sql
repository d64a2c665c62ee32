-- Accounts, sessions, organizations and the event store every later feature writes through.

create table users (
	id uuid primary key default gen_random_uuid(),
	email text not null,
	display_name text not null,
	password_hash text not null,
	timezone text not null default 'UTC',
	locale text not null default 'en',
	created_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index users_email_key on users (lower(email));

-- Lucia's model: the token is "<id>.<secret>"; only the secret's SHA-256 is stored.
create table sessions (
	id text primary key,
	secret_hash bytea not null,
	user_id uuid not null references users (id) on delete cascade,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	address text,
	user_agent text
);
create index sessions_user_id_idx on sessions (user_id);

create table login_attempts (
	id bigserial primary key,
	email text not null,
	address text not null,
	succeeded boolean not null,
	attempted_at timestamptz not null default now()
);
create index login_attempts_address_idx on login_attempts (address, attempted_at);
create index login_attempts_email_address_idx on login_attempts (lower(email), address, attempted_at);

create table organizations (
	id uuid primary key default gen_random_uuid(),
	name text not null,
	kind text not null check (kind in ('merchant', 'provider')),
	created_at timestamptz not null default now(),
	version integer not null default 1
);

create table memberships (
	organization_id uuid not null references organizations (id) on delete cascade,
	user_id uuid not null references users (id) on delete cascade,
	role text not null check (role in ('owner', 'admin', 'responder', 'viewer')),
	created_at timestamptz not null default now(),
	version integer not null default 1,
	primary key (organization_id, user_id)
);
create index memberships_user_id_idx on memberships (user_id);

create table invites (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	token_hash bytea not null unique,
	role text not null check (role in ('owner', 'admin', 'responder', 'viewer')),
	email text,
	created_by uuid not null references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	accepted_at timestamptz,
	accepted_by uuid references users (id),
	revoked_at timestamptz
);
create index invites_organization_id_idx on invites (organization_id);

create table password_resets (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references users (id) on delete cascade,
	organization_id uuid not null references organizations (id) on delete cascade,
	token_hash bytea not null unique,
	created_by uuid not null references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);

-- A stream is what clients follow by sequence number: an organization, later each incident.
create table streams (
	id uuid primary key,
	kind text not null check (kind in ('organization', 'incident')),
	organization_id uuid not null references organizations (id) on delete cascade,
	last_seq bigint not null default 0,
	created_at timestamptz not null default now()
);

create table events (
	id bigserial primary key,
	stream_id uuid not null references streams (id) on delete cascade,
	seq bigint not null,
	kind text not null,
	actor_id uuid references users (id) on delete set null,
	actor_name text,
	source text not null default 'manual' check (source in ('manual', 'automatic', 'api', 'alert')),
	occurred_at timestamptz not null default now(),
	recorded_at timestamptz not null default now(),
	address text,
	payload jsonb not null default '{}',
	pinned boolean not null default false,
	unique (stream_id, seq)
);

-- A retried mutation (same client-generated id) returns its first result and appends nothing.
create table client_mutations (
	id uuid primary key,
	actor_id uuid references users (id) on delete set null,
	event_id bigint references events (id) on delete set null,
	result jsonb,
	created_at timestamptz not null default now()
);

-- Required by @socket.io/postgres-adapter for payloads too large for NOTIFY.
create table if not exists socket_io_attachments (
	id bigserial unique,
	created_at timestamptz default now(),
	payload bytea
);
