/**
 * The app, killed between commit and delivery: declares an incident (its webhook is queued in
 * the same transaction), says so, and dies at once with SIGKILL, before any worker could send.
 */
import { connect } from '../../../src/lib/server/db/db';
import { declareIncident } from '../../../src/lib/server/incidents/commands';

const url = process.env.DATABASE_URL ?? '';
connect(url, { max: 1 });
const actor = { userId: process.env.CRASH_USER ?? '', name: 'Claire' };
await declareIncident({ actor }, process.env.CRASH_ORG ?? '', {
	title: 'Declared before the crash',
	severity: 'SEV2'
});
process.stdout.write('committed\n', () => process.kill(process.pid, 'SIGKILL'));
