-- Access (issue 5): API tokens, who holds which role where, sign-in audit and step approvals.

-- A person, or the identity of an API token (its events need an actor, and run steps an author).
alter table users add column kind text not null default 'person' check (kind in ('person', 'token'));

-- A token acts inside ONE organization with the role it was created with; only the SHA-256 of
-- its secret is kept. Revoking it ends its access at once (see access_grants).
create table api_tokens (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid not null references organizations (id) on delete cascade,
	user_id uuid not null unique references users (id) on delete cascade,
	name text not null,
	role text not null check (role in ('admin', 'responder', 'viewer')),
	secret_hash bytea not null unique,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	last_used_address text,
	revoked_at timestamptz,
	revoked_by uuid references users (id) on delete set null
);
create index api_tokens_organization_id_idx on api_tokens (organization_id, created_at desc);

-- The one answer to "which role does this actor hold in this organization": memberships of
-- people, and the organization and role of each live token.
create view access_grants as
	select organization_id, user_id, role from memberships
	union all
	select organization_id, user_id, role from api_tokens where revoked_at is null;

-- Sign-ins, sign-outs and password changes: about a person, not an organization; the audit
-- log of an organization shows those of its members.
create table auth_events (
	id bigserial primary key,
	user_id uuid references users (id) on delete cascade,
	email text,
	kind text not null check (kind in (
		'sign_in', 'sign_in_failed', 'sign_out', 'sign_out_everywhere', 'password_changed',
		'password_reset'
	)),
	address text,
	user_agent text,
	occurred_at timestamptz not null default now()
);
create index auth_events_user_id_idx on auth_events (user_id, occurred_at desc);

-- The audit log reads the event log by time.
create index events_stream_recorded_idx on events (stream_id, recorded_at desc);

-- Approvals: who asked, and why a refusal was given.
alter table run_steps
	add column approval_requested_by uuid references users (id) on delete set null,
	add column approval_requested_at timestamptz,
	add column approval_reason text;
