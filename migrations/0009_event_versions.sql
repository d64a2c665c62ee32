-- The event map (src/lib/events/payloads.ts) says every state-changing payload carries the
-- version it produced. Kinds are not renamed; one backfill:
--
-- `inventory.status_changed` copied onto an incident's stream had no `version`. Take it from
-- the organization's event of the same change (same transaction: same recorded_at, same
-- item); a copy written by an import (which has no such event) gets the item's version now,
-- the best that is still known.
update events e
set payload = e.payload || jsonb_build_object('version', o.payload -> 'version')
from events o
join streams os on os.id = o.stream_id and os.kind = 'organization'
where e.kind = 'inventory.status_changed'
	and not (e.payload ? 'version')
	and o.kind = 'inventory.status_changed'
	and o.recorded_at = e.recorded_at
	and o.payload ->> 'itemId' = e.payload ->> 'itemId'
	and o.payload ? 'version';

update events e
set payload = e.payload || jsonb_build_object('version', coalesce(i.version, 0))
from inventory_items i
where e.kind = 'inventory.status_changed'
	and not (e.payload ? 'version')
	and i.id::text = e.payload ->> 'itemId';

update events
set payload = payload || jsonb_build_object('version', 0)
where kind = 'inventory.status_changed' and not (payload ? 'version');
