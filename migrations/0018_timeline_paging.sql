-- The room reads its timeline newest first, a page at a time (issue 12): one index walk per
-- page, however long the night was.
create index events_stream_occurred_idx on events (stream_id, occurred_at desc, seq desc);
