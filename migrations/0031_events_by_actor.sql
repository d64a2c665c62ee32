-- Issue 12: the room's actor filter lists everyone who acted in the incident, and its people
-- list keeps those who wrote in it. Both read the stream by actor: with this index each is a
-- walk of a few index entries per person (a loose scan), not a scan of the whole night.
create index events_stream_actor_idx on events (stream_id, actor_id, seq desc)
	where actor_id is not null;
