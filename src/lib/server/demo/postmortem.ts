import type { SectionKey } from '$lib/postmortems/sections';
import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { addActionItem, changeActionItem } from '../postmortems/action-items';
import { createPostmortem, movePostmortem, saveSection } from '../postmortems/commands';
import { listSections } from '../postmortems/queries';
import type { DemoClock } from './clock';
import type { DemoCast } from './people';
import { daysFromToday } from './play';

const ROOT_CAUSE = `db01’s RAID controller had reported a degraded array (one failing disk) for three weeks, but our monitoring alerted on failed disks only, so nobody replaced it. When the second disk failed, the array went read-only: the shop could no longer write orders and the checkout failed.

The restore then took longer than planned because the backup vault is reached through a 1 Gb/s link.`;

const WENT_WELL_EXTRA = `- The payment pages were in maintenance eight minutes after the detection: no customer paid for an order that was then lost.
- Rempart’s DBA was at work two minutes after our call.`;

const WENT_BADLY_EXTRA = '- Nobody was alerted while the array ran degraded for three weeks.';

/**
 * Two days after the disk failure both teams write its post-mortem together, agree on four
 * action items (two of them now overdue) and publish it the day after.
 */
export async function writeDiskFailurePostmortem(
	cast: DemoCast,
	clock: DemoClock,
	incidentId: string
) {
	const { claire, julien, marc, nadia } = cast;
	const { on } = clock;
	const DAY = 1440;
	await on(2 * DAY, createPostmortem({ actor: claire }, incidentId));
	const edit = async (
		minutes: number,
		actor: Actor,
		key: SectionKey,
		text: (was: string) => string
	) => {
		const section = (await listSections(db(), incidentId)).find((s) => s.key === key);
		if (!section) throw new Error(`demo: no section ${key}`);
		await on(
			minutes,
			saveSection({ actor }, incidentId, {
				key,
				body: text(section.body),
				baseVersion: section.version
			})
		);
	};
	await edit(2 * DAY + 30, julien, 'root_cause', () => ROOT_CAUSE);
	await edit(2 * DAY + 45, marc, 'went_well', (was) => `${was}\n${WENT_WELL_EXTRA}`.trim());
	await edit(2 * DAY + 50, nadia, 'went_badly', (was) => `${was}\n${WENT_BADLY_EXTRA}`.trim());

	const items: [Actor, string, number, 'open' | 'in_progress' | 'done'][] = [
		[marc, 'Alert on a degraded RAID array, not only on a failed disk', -4, 'in_progress'],
		[nadia, 'Raise the backup vault link to 10 Gb/s so a restore fits its plan', -2, 'open'],
		[claire, 'Rehearse the db01 restore as a drill every quarter', 20, 'open'],
		[julien, 'Add the binlog replay time to the restore runbook', -10, 'done']
	];
	for (const [owner, title, due, status] of items) {
		const added = await on(
			2 * DAY + 60,
			addActionItem({ actor: claire }, incidentId, {
				title,
				ownerId: owner.userId,
				dueOn: daysFromToday(due)
			})
		);
		if (status !== 'open') {
			await on(
				2 * DAY + 65,
				changeActionItem({ actor: owner }, added.result.id, {
					version: added.result.version,
					status
				})
			);
		}
	}
	await on(2 * DAY + 70, movePostmortem({ actor: claire }, incidentId, { to: 'in_review' }));
	await on(3 * DAY, movePostmortem({ actor: claire }, incidentId, { to: 'published' }));
	await clock.rewind(incidentId);
	await settleWriting(clock, incidentId);
}

/** The rows of the writing get the times of their events, and so does the publication. */
async function settleWriting(clock: DemoClock, incidentId: string) {
	const sql = db();
	const at = (kind: string) => sql`(select max(occurred_at) from events
		where stream_id = ${incidentId} and kind = ${kind})`;
	await sql`update postmortems set created_at = ${at('postmortem.created')},
		updated_at = ${at('postmortem.status_changed')} where incident_id = ${incidentId}`;
	await sql`update postmortem_sections s set updated_at = coalesce((select max(occurred_at) from events
		where stream_id = ${incidentId} and kind = 'postmortem.section_saved' and payload->>'key' = s.key),
		${at('postmortem.created')}) where incident_id = ${incidentId}`;
	await sql`update action_items a set created_at = (select min(occurred_at) from events
		where stream_id = ${incidentId} and kind like 'action_item.%' and payload->>'id' = a.id::text),
		updated_at = (select max(occurred_at) from events
		where stream_id = ${incidentId} and kind like 'action_item.%' and payload->>'id' = a.id::text)
		where incident_id = ${incidentId}`;
	const publishedAt = clock.at(3 * 1440).toISOString();
	const sections = await listSections(sql, incidentId);
	const [row] = await sql<{ document: Record<string, unknown> }[]>`
		select document from postmortem_publications where incident_id = ${incidentId} and number = 1`;
	if (!row) throw new Error('demo: the post-mortem was not published');
	const publication = { ...(row.document.publication as object), publishedAt };
	const document = { ...row.document, publication, generatedAt: publishedAt, sections };
	await sql`update postmortem_publications set published_at = ${publishedAt},
		document = ${sql.json(JSON.parse(JSON.stringify(document)))}
		where incident_id = ${incidentId} and number = 1`;
}
