-- Who put a step on hold, and when (issue 13): someone else resuming it is asked to confirm,
-- and the override is on the timeline.
alter table run_steps
	add column blocked_by uuid references users (id) on delete set null,
	add column blocked_at timestamptz;
