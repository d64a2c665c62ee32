-- Sign-in with an identity provider (issue 16): generic OpenID Connect, per organization or for
-- the whole instance, accounts linked by provider subject, and the sign-in state in flight.

-- One provider per organization, configured by its owner; or the instance's own (organization
-- null, `instance` true), written at start from the environment (its secret stays there).
create table identity_providers (
	id uuid primary key default gen_random_uuid(),
	organization_id uuid unique references organizations (id) on delete cascade,
	instance boolean not null default false,
	display_name text not null,
	issuer text not null,
	client_id text not null,
	-- AES-256-GCM under SSO_SECRET_KEY: 12-byte nonce, ciphertext, 16-byte tag. Null: a public
	-- client (PKCE only), or the instance's provider whose secret is in the environment.
	client_secret_encrypted bytea,
	-- Lower-case domains whose people this provider signs in; empty: any address it vouches for.
	email_domains text[] not null default '{}',
	groups_claim text not null default 'groups',
	-- [{"group": "nightshift-admins", "role": "admin"}, …]; the highest matching role wins.
	group_roles jsonb not null default '[]',
	-- The role of people in none of the mapped groups; null: they may not sign in.
	default_role text check (default_role in ('admin', 'responder', 'viewer')),
	require_sso boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1,
	check (instance = (organization_id is null))
);
create unique index identity_providers_instance_key on identity_providers (instance) where instance;
create index identity_providers_email_domains_idx on identity_providers using gin (email_domains);

-- Who a provider says a person is: its issuer's `sub`, never the e-mail (which can change).
create table user_identities (
	provider_id uuid not null references identity_providers (id) on delete cascade,
	subject text not null,
	user_id uuid not null references users (id) on delete cascade,
	email text,
	created_at timestamptz not null default now(),
	last_sign_in_at timestamptz not null default now(),
	primary key (provider_id, subject)
);
create index user_identities_user_id_idx on user_identities (user_id);

-- A sign-in sent to the provider and not back yet: state, nonce and PKCE verifier. Used once:
-- the callback deletes it, so a replayed state finds nothing.
create table sso_attempts (
	state text primary key,
	provider_id uuid not null references identity_providers (id) on delete cascade,
	nonce text not null,
	code_verifier text not null,
	next text not null default '/dashboard',
	created_at timestamptz not null default now()
);

-- A session opened through a provider remembers it, for the periodic check (its refresh token,
-- encrypted like client secrets) and for signing out at the provider (the ID token as hint).
alter table sessions
	add column identity_provider_id uuid references identity_providers (id) on delete set null,
	add column sso_subject text,
	add column sso_refresh_token bytea,
	add column sso_id_token text,
	add column sso_checked_at timestamptz,
	add column last_seen_at timestamptz not null default now();

-- Refusals may concern no account (an unknown person the provider vouched for, outside the
-- allowed groups): the organization they tried is kept so that its audit log shows them.
alter table auth_events
	add column organization_id uuid references organizations (id) on delete cascade,
	add column detail text;
alter table auth_events drop constraint auth_events_kind_check;
alter table auth_events add constraint auth_events_kind_check check (kind in (
	'sign_in', 'sign_in_failed', 'sign_out', 'sign_out_everywhere', 'password_changed',
	'password_reset', 'sign_out_others', 'session_ended', 'sso_sign_in', 'sso_linked',
	'sso_provisioned', 'sso_refused', 'sso_session_ended', 'password_refused_sso'
));
create index auth_events_organization_id_idx on auth_events (organization_id, occurred_at desc)
	where organization_id is not null;
