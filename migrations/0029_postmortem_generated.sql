-- Issue 11: each post-mortem section keeps the text last generated for it from the record, so
-- "refresh from the timeline" can tell the lines the record wrote from the lines people wrote:
-- it changes the former and leaves the latter alone. A section never saved since its draft is
-- still all generated; one saved since has no known base (null): a refresh then only adds.
alter table postmortem_sections add column generated text;

update postmortem_sections s set generated = s.body
where s.version = 1
	and not exists (
		select 1 from events e
		where e.stream_id = s.incident_id and e.kind = 'postmortem.section_saved'
			and e.payload->>'key' = s.key);

-- The language the draft was written in: a refresh writes the generated lines in it again,
-- whoever asks, so a colleague reading in another language does not rewrite every line.
-- Unknown (null) for a post-mortem started before: the refresh uses the reader's language.
alter table postmortems add column locale text check (locale in ('en', 'fr'));
