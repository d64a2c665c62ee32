import { m } from '$lib/paraglide/messages';
import { canMoveTo, effectiveMaintenanceStatus } from '$lib/status/maintenance';
import { inOrganization } from '../access/authorize';
import { assertOwnRows } from '../access/own-rows';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { command, recordCommand } from '../events/command';
import { uuid } from '../validation';
import { forgettingPage } from './cache';
import type { MaintenanceRow } from './queries';
import { maintenanceChange, maintenanceInput } from './schemas';

/**
 * Scheduled maintenances of an organization's status page (admins): announced with their
 * window, the public components they affect and words for the public; moved on by hand
 * (and by the clock, see `effectiveMaintenanceStatus`); cancelled when announced by mistake.
 * Each is one command with its event on the organization's stream.
 */

async function pageOf(tx: Tx, organizationId: string): Promise<{ slug: string }> {
	const [page] = await tx<{ slug: string }[]>`
		select slug from status_pages where organization_id = ${organizationId}`;
	if (!page) throw new AppError('conflict', m.err_status_page_missing());
	return page;
}

/** The components, all of this page's (else nothing is written). */
async function setComponents(tx: Tx, organizationId: string, maintenanceId: string, ids: string[]) {
	const unique = [...new Set(ids)];
	await assertOwnRows(tx, 'status_components', organizationId, unique, {
		field: 'components',
		message: m.err_status_component_foreign
	});
	await tx`delete from status_maintenance_components where maintenance_id = ${maintenanceId}`;
	await tx`
		insert into status_maintenance_components (maintenance_id, component_id)
		select ${maintenanceId}, unnest(${unique}::uuid[])`;
	return unique.length;
}

export const scheduleMaintenance = forgettingPage(
	command(
		inOrganization('status_page.manage'),
		maintenanceInput,
		async (tx, emit, data, { id: organizationId, context }) => {
			const page = await pageOf(tx, organizationId);
			const [row] = await tx<{ id: string }[]>`
				insert into status_maintenances (organization_id, name, scheduled_for, scheduled_until, created_by)
				values (${organizationId}, ${data.name}, ${data.scheduledFor}, ${data.scheduledUntil},
					${context.actor.userId})
				returning id`;
			if (!row) throw new Error('maintenance insert returned no row');
			const components = await setComponents(tx, organizationId, row.id, data.components);
			await tx`
				insert into status_maintenance_updates (maintenance_id, status, body, created_by)
				values (${row.id}, 'scheduled', ${data.body}, ${context.actor.userId})`;
			await emit({
				streamId: organizationId,
				kind: 'status.maintenance_scheduled',
				payload: {
					maintenanceId: row.id,
					name: data.name,
					scheduledFor: data.scheduledFor.toISOString(),
					scheduledUntil: data.scheduledUntil.toISOString(),
					components
				}
			});
			return { maintenanceId: row.id, status: 'scheduled', version: 1, slug: page.slug };
		}
	)
);

async function lockMaintenance(tx: Tx, organizationId: string, maintenanceId: string) {
	const [row] = await tx<MaintenanceRow[]>`
		select id, name, status, scheduled_for as "scheduledFor", scheduled_until as "scheduledUntil",
			version
		from status_maintenances
		where id = ${maintenanceId} and organization_id = ${organizationId} for update`;
	if (!row) throw new AppError('not_found', m.err_maintenance_not_found());
	return row;
}

/**
 * Moves a maintenance on by hand (never back: a completed one is over), with words for the
 * public or none, or changes its name, window or components.
 */
export const updateMaintenance = forgettingPage(
	recordCommand(
		inOrganization('status_page.manage'),
		maintenanceChange,
		async (tx, emit, data, { id: organizationId, recordId: id, context }) => {
			const page = await pageOf(tx, organizationId);
			const current = await lockMaintenance(tx, organizationId, id);
			if (data.version !== undefined && data.version !== current.version) {
				throw new AppError('conflict', m.err_maintenance_changed());
			}
			const shown = effectiveMaintenanceStatus(current);
			if (shown === 'completed') throw new AppError('conflict', m.err_maintenance_over());
			const status = data.status ?? shown;
			if (!canMoveTo(shown, status)) {
				throw new AppError('conflict', m.err_maintenance_backwards(), {
					status: m.err_maintenance_backwards()
				});
			}
			const scheduledFor = data.scheduledFor ?? current.scheduledFor;
			const scheduledUntil = data.scheduledUntil ?? current.scheduledUntil;
			if (scheduledUntil.getTime() <= scheduledFor.getTime()) {
				throw new AppError('invalid', m.val_maintenance_window(), {
					scheduledUntil: m.val_maintenance_window()
				});
			}
			const name = data.name ?? current.name;
			const completedAt = status === 'completed' ? tx`now()` : null;
			const [row] = await tx<{ version: number }[]>`
			update status_maintenances set name = ${name}, status = ${status},
				scheduled_for = ${scheduledFor}, scheduled_until = ${scheduledUntil},
				completed_at = ${completedAt}, version = version + 1, updated_at = now()
			where id = ${id} returning version`;
			if (data.components) await setComponents(tx, organizationId, id, data.components);
			if (status !== shown || data.body) {
				await tx`
				insert into status_maintenance_updates (maintenance_id, status, body, created_by)
				values (${id}, ${status}, ${data.body}, ${context.actor.userId})`;
			}
			await emit({
				streamId: organizationId,
				kind: 'status.maintenance_updated',
				payload: { maintenanceId: id, name, from: shown, status }
			});
			return {
				maintenanceId: id,
				status,
				version: row?.version ?? current.version + 1,
				slug: page.slug
			};
		}
	)
);

/** Withdraws a maintenance announced by mistake: it leaves the page and its feeds. */
export const cancelMaintenance = forgettingPage(
	command(
		inOrganization('status_page.manage'),
		uuid,
		async (tx, emit, id, { id: organizationId }) => {
			const page = await pageOf(tx, organizationId);
			const current = await lockMaintenance(tx, organizationId, id);
			await tx`delete from status_maintenances where id = ${id}`;
			await emit({
				streamId: organizationId,
				kind: 'status.maintenance_cancelled',
				payload: { maintenanceId: id, name: current.name }
			});
			return { maintenanceId: id, cancelled: true, slug: page.slug };
		}
	)
);
