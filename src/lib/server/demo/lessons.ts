import { setItemStatus } from '../inventory/status';
import { db } from '../db/db';
import { createTemplate } from '../runbooks/templates';
import { DemoClock } from './clock';
import { playDiskFailure } from './disk-failure';
import type { DemoCast } from './people';
import { writeDiskFailurePostmortem } from './postmortem';
import { playPastDrill } from './rehearsal';
import { RESTORE_TEMPLATE_BODY, RESTORE_TEMPLATE_NAME } from './restore-template';

const DISK_FAILURE_HOURS_AGO = 21 * 24;
const PAST_DRILL_HOURS_AGO = 10 * 24;

/**
 * What came before the night (DESIGN.md §5): a resolved incident with its published
 * post-mortem and open action items, and a drill of the rebuild template with its scorecard.
 */
export async function seedLessons(cast: DemoCast, rebuildTemplateId: string) {
	const restore = await createTemplate({ actor: cast.claire }, cast.petitNuage, {
		name: RESTORE_TEMPLATE_NAME,
		description:
			'Restore the shop database on spare disks from the nightly backup: about 4½ hours.',
		body: RESTORE_TEMPLATE_BODY
	});
	const clock = new DemoClock(DISK_FAILURE_HOURS_AGO);
	const incidentId = await playDiskFailure(cast, clock, restore.result.templateId);
	await writeDiskFailurePostmortem(cast, clock, incidentId);
	await playPastDrill(cast, new DemoClock(PAST_DRILL_HOURS_AGO), rebuildTemplateId);
}

/** The night starts with the power event: every shop server and service goes down. */
export async function cutThePower(cast: DemoCast, clock: DemoClock) {
	const items = await db()<{ id: string }[]>`
		select id from inventory_items where organization_id = ${cast.petitNuage} and status <> 'down'`;
	for (const item of items) {
		const outcome = await setItemStatus({ actor: cast.julien }, item.id, {
			status: 'down',
			reason: 'Power event at Rempart PAR2.'
		});
		clock.record(0, outcome);
	}
}
