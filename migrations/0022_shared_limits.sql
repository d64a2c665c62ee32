-- Limits across nodes (issue 9): the JSON API, invite-link and ingestion counters live here,
-- so every node of a cluster draws on one budget. One row per key and fixed window; a hit is
-- one atomic upsert. Unlogged: a crash may forget the counts of the current minute, nothing
-- else is lost, and no write-ahead log is spent on them. Expired rows are swept by the queue.
create unlogged table rate_counters (
	key text primary key,
	hits integer not null,
	reset_at timestamptz not null
);
create index rate_counters_reset_at_idx on rate_counters (reset_at);

-- API tokens may expire: past expires_at a token is refused, and grants nothing.
alter table api_tokens add column expires_at timestamptz;

create or replace view access_grants as
	select organization_id, user_id, role from memberships
	union all
	select organization_id, user_id, role from api_tokens
	where revoked_at is null and (expires_at is null or expires_at > now());
