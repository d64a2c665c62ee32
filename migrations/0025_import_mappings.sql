-- Issue 11: an organization's saved import mapping, reused by its next import from the same
-- tool: which field each column of the file goes to (by the column's name as written, or
-- "ignore"), and which status each status value means.
create table inventory_import_mappings (
	organization_id uuid primary key references organizations (id) on delete cascade,
	columns jsonb not null default '{}',
	statuses jsonb not null default '{}',
	updated_at timestamptz not null default now()
);
