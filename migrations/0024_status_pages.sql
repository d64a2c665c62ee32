-- Public status pages (issue 15, items 4): what the page and its subscriptions need beyond 0020.

-- A subscriber's language (the page's, when they subscribed), the last confirmation mail sent
-- (a repeated sign-up of the same address does not mail it again at once), and the token of
-- the unsubscribe link carried by every update mail (it can only unsubscribe).
alter table status_subscribers add column locale text not null default 'en';
alter table status_subscribers add column confirm_sent_at timestamptz;
alter table status_subscribers add column unsubscribe_token text unique;

-- The feeds and the page read the updates of one page newest first.
create index status_incidents_organization_idx on status_incidents (organization_id, updated_at desc);
