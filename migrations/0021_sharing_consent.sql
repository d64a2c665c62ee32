-- Sharing is an invitation (issue 9): the declaring organization invites a partner, whose
-- admins accept or decline; only an accepted invitation adds a row to incident_organizations,
-- which alone decides who sees the incident.
create table incident_invitations (
	id uuid primary key default gen_random_uuid(),
	incident_id uuid not null references incidents (id) on delete cascade,
	organization_id uuid not null references organizations (id) on delete cascade,
	invited_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	state text not null default 'pending'
		check (state in ('pending', 'accepted', 'declined', 'withdrawn')),
	answered_by uuid references users (id) on delete set null,
	answered_at timestamptz
);
create unique index incident_invitations_one_pending_idx
	on incident_invitations (incident_id, organization_id) where state = 'pending';
create index incident_invitations_received_idx
	on incident_invitations (organization_id, created_at desc) where state = 'pending';

-- Shares made before consent existed stay valid: recorded as accepted invitations.
insert into incident_invitations (incident_id, organization_id, invited_by, created_at, state, answered_at)
select io.incident_id, io.organization_id, io.added_by, io.added_at, 'accepted', io.added_at
from incident_organizations io
join incidents i on i.id = io.incident_id
where io.organization_id <> i.organization_id;

-- What a partner gives a merchant so that it can invite it: never its bare id. Twelve
-- characters of a random UUID (48 bits), regenerable by its admins.
alter table organizations
	add column invitation_code text not null
		default upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12));
create unique index organizations_invitation_code_idx on organizations (invitation_code);

-- Contacts are shared deliberately: by default partners see the organization's own people
-- and desks (contacts of itself), not its third parties.
alter table provider_contacts add column visible_to_partners boolean not null default false;
update provider_contacts set visible_to_partners = true
where provider_organization_id = organization_id;

-- "Also share this contact" in one incident.
create table incident_contacts (
	incident_id uuid not null references incidents (id) on delete cascade,
	contact_id uuid not null references provider_contacts (id) on delete cascade,
	shared_by uuid references users (id) on delete set null,
	shared_at timestamptz not null default now(),
	primary key (incident_id, contact_id)
);
