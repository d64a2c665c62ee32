import { z } from 'zod';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { command } from '../events/command';
import { inIncident } from './access';
import { m } from '$lib/paraglide/messages';

export const chatInput = z.object({
	enabled: z
		.union([z.boolean(), z.enum(['true', 'false', 'on', ''])], {
			error: () => m.val_chat_enabled()
		})
		.transform((v) => v === true || v === 'true' || v === 'on')
});

/**
 * "Post updates to the merchant's channel": the chat endpoints of the organizations taking
 * part hear this incident's events (a setting of the room, not of its state: no version).
 */
export const setChatUpdates = command(
	inIncident('incident.update'),
	chatInput,
	async (tx, emit, { enabled }, { id: incidentId }) => {
		const [row] = await tx<{ chat_updates: boolean }[]>`
			select chat_updates from incidents where id = ${incidentId} for update`;
		if (!row) throw new AppError('not_found', m.err_incident_not_found());
		const changed = row.chat_updates !== enabled;
		if (changed) {
			await tx`update incidents set chat_updates = ${enabled} where id = ${incidentId}`;
			await emit({ streamId: incidentId, kind: 'incident.chat_changed', payload: { enabled } });
		}
		return { enabled, changed };
	}
);

/** How many chat endpoints would hear this incident (on, of the organizations taking part). */
export async function chatChannels(incidentId: string, sql: Db = db()): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from webhook_endpoints w
		join incident_organizations io on io.organization_id = w.organization_id
		where io.incident_id = ${incidentId} and w.flavour = 'chat' and w.enabled
			and w.deleted_at is null`;
	return row?.n ?? 0;
}
