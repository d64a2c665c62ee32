import { db, type Db } from '../db/db';
import { listIncidents } from '../incidents/queries';

/**
 * Where someone who just joined an organization is needed: the most severe open incident it
 * takes part in (its own or one it was invited into), else the organization's page.
 */
export async function landingAfterJoining(
	userId: string,
	organizationId: string,
	sql: Db = db()
): Promise<string> {
	const open = await listIncidents(userId, { status: 'open', organizationId }, sql);
	const [first] = open
		.filter((incident) => incident.mode === 'real')
		.sort((a, b) => a.severity.localeCompare(b.severity) || +b.detectedAt - +a.detectedAt);
	return first ? `/incidents/${first.id}` : `/orgs/${organizationId}`;
}
