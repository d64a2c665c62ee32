import { createContact } from '../contacts/commands';
import { importItems } from '../inventory/import';
import { log } from '../log';
import { createTemplate } from '../runbooks/templates';
import { findUserByEmail } from '../users/queries';
import { seedFirewallTemplate } from './approvals';
import { DemoClock } from './clock';
import { cutThePower, seedLessons } from './lessons';
import { playTheNight } from './night';
import { createCast, DEMO_ACCOUNTS } from './people';
import { shopContacts, shopInventory } from './shop';
import { REBUILD_TEMPLATE_BODY, REBUILD_TEMPLATE_NAME } from './template';

export { DEMO_ACCOUNTS };

/** How long ago the demo SEV1 was detected: about six hours into the night. */
const NIGHT_HOURS_AGO = 6;

/**
 * Seeds the demo scenario (DESIGN.md section 5) through the real commands. Idempotent: if the
 * demo accounts exist, nothing is written. Returns whether the demo accounts exist afterwards.
 */
export async function seedDemo(): Promise<boolean> {
	if (await findUserByEmail(DEMO_ACCOUNTS[0].email)) return true;
	const cast = await createCast();
	const { claire, petitNuage, rempart } = cast;
	await importItems({ actor: claire }, petitNuage, {
		format: 'json',
		text: JSON.stringify(shopInventory())
	});
	for (const contact of shopContacts(rempart))
		await createContact({ actor: claire }, petitNuage, contact);
	const { templateId } = (
		await createTemplate({ actor: claire }, petitNuage, {
			name: REBUILD_TEMPLATE_NAME,
			description:
				'Rebuild the seven shop servers on spare hardware, restore the data and switch traffic back: about 14 hours.',
			body: REBUILD_TEMPLATE_BODY
		})
	).result;
	await seedFirewallTemplate(cast);
	await seedLessons(cast, templateId);
	const clock = new DemoClock(NIGHT_HOURS_AGO);
	await cutThePower(cast, clock);
	const incidentId = await playTheNight(cast, clock, templateId);
	await clock.rewind(incidentId);
	log.info({ incidentId }, 'demo scenario seeded');
	return true;
}
