import { m } from '$lib/paraglide/messages';
import type { ComponentState, Impact } from '$lib/status/model';
import type { ComponentChange } from '$lib/status/public';
import { authorize } from '../access/authorize';
import { assertOwnRows } from '../access/own-rows';
import type { Db } from '../db/db';
import { AppError, isAppError } from '../errors';
import { command, runCommand, type CommandContext } from '../events/command';
import { inIncident } from '../incidents/access';
import { parse } from '../validation';
import { forgetPublicStatus, forgettingPage } from './cache';
import { mailSubscribersOfUpdate } from './subscribers';
import { publicUpdateInput, statusPageInput } from './schemas';

/**
 * Opens, changes or closes an organization's public status page (admins): its address, its
 * title, whether it is public, and the components it shows, each chosen from the inventory
 * with its public name and state. The whole page is written at once; with `version`, a page
 * changed meanwhile is refused.
 */
export async function saveStatusPage(
	context: CommandContext,
	organizationId: string,
	input: unknown
) {
	const data = parse(statusPageInput, input);
	const itemIds = data.components.map((c) => c.itemId);
	if (new Set(itemIds).size !== itemIds.length) {
		throw new AppError('invalid', m.err_component_twice(), {
			components: m.err_component_twice()
		});
	}
	const outcome = await runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'status_page.manage', tx);
		const [current] = await tx<{ version: number; slug: string }[]>`
			select version, slug from status_pages where organization_id = ${organizationId} for update`;
		if (current && data.version !== undefined && data.version !== current.version) {
			throw new AppError('conflict', m.err_status_page_changed());
		}
		const [taken] = await tx`
			select 1 from status_pages where slug = ${data.slug} and organization_id <> ${organizationId}`;
		if (taken) {
			throw new AppError('conflict', m.err_status_slug_taken(), {
				slug: m.err_status_slug_taken()
			});
		}
		await assertOwnRows(tx, 'inventory_items', organizationId, itemIds, {
			field: 'components',
			message: m.err_component_not_item
		});
		const [page] = await tx<{ version: number }[]>`
			insert into status_pages (organization_id, slug, title, enabled)
			values (${organizationId}, ${data.slug}, ${data.title}, ${data.enabled})
			on conflict (organization_id) do update set slug = excluded.slug, title = excluded.title,
				enabled = excluded.enabled, version = status_pages.version + 1, updated_at = now()
			returning version`;
		await tx`
			delete from status_components
			where organization_id = ${organizationId} and not (item_id = any(${itemIds}::uuid[]))`;
		for (const [position, component] of data.components.entries()) {
			await tx`
				insert into status_components (organization_id, item_id, name, position, state)
				values (${organizationId}, ${component.itemId}, ${component.name}, ${position}, ${component.state})
				on conflict (organization_id, item_id) do update set name = excluded.name,
					position = excluded.position, state = excluded.state,
					updated_at = case when status_components.state is distinct from excluded.state
						or status_components.name is distinct from excluded.name
						then now() else status_components.updated_at end`;
		}
		await emit({
			streamId: organizationId,
			kind: 'status_page.changed',
			payload: { slug: data.slug, enabled: data.enabled, components: data.components.length }
		});
		return {
			slug: data.slug,
			enabled: data.enabled,
			components: data.components.length,
			version: page?.version ?? 1,
			previousSlug: current?.slug ?? null
		};
	});
	forgetPublicStatus(outcome.result.slug);
	if (outcome.result.previousSlug) forgetPublicStatus(outcome.result.previousSlug);
	return outcome;
}

interface IncidentRow {
	organization_id: string;
	mode: string;
}

/**
 * A public update of an incident, written deliberately from its room (responders of the
 * declaring organization): its own name, phase and impact, never anything of the timeline.
 * The first one creates the public incident; each one is a timeline event of the room, may
 * set the states of components, and is mailed to the page's confirmed subscribers.
 */
export const postPublicUpdate = forgettingPage(
	command(
		inIncident('incident.view'),
		publicUpdateInput,
		async (tx, emit, data, { id: incidentId, access, context }) => {
			const organizationId = access.ownerOrganizationId;
			await authorizePublisher(context, organizationId, tx);
			const [incident] = await tx<IncidentRow[]>`
				select organization_id, mode from incidents where id = ${incidentId} for update`;
			if (!incident) throw new AppError('not_found', m.err_incident_not_found_plain());
			if (incident.mode === 'drill') {
				throw new AppError('conflict', m.err_drill_not_published());
			}
			const [page] = await tx<{ slug: string; title: string; enabled: boolean }[]>`
				select slug, title, enabled from status_pages where organization_id = ${organizationId}`;
			if (!page) {
				throw new AppError('conflict', m.err_no_status_page());
			}
			const [existing] = await tx<{ id: string; name: string; impact: Impact }[]>`
				select id, name, impact from status_incidents where incident_id = ${incidentId} for update`;
			const name = data.name || existing?.name;
			if (!name) {
				throw new AppError('invalid', m.val_public_name_required(), {
					name: m.val_public_name_required()
				});
			}
			const impact: Impact = data.impact ?? existing?.impact ?? 'minor';
			const resolvedAt = data.phase === 'resolved' ? tx`now()` : null;
			const [statusIncident] = existing
				? await tx<{ id: string }[]>`
					update status_incidents set name = ${name}, impact = ${impact}, phase = ${data.phase},
						updated_at = now(), resolved_at = ${resolvedAt}
					where id = ${existing.id} returning id`
				: await tx<{ id: string }[]>`
					insert into status_incidents (organization_id, incident_id, name, impact, phase, resolved_at)
					values (${organizationId}, ${incidentId}, ${name}, ${impact}, ${data.phase}, ${resolvedAt})
					returning id`;
			if (!statusIncident) throw new Error('status incident write returned no row');
			const changes = await setComponentStates(tx, organizationId, data.components);
			await setAffectedComponents(
				tx,
				organizationId,
				statusIncident.id,
				data.affectedComponents,
				data.components.map((c) => c.componentId)
			);
			const [update] = await tx<{ id: string }[]>`
				insert into status_updates (status_incident_id, phase, body, created_by, affected_components)
				values (${statusIncident.id}, ${data.phase}, ${data.body}, ${context.actor.userId},
					${tx.json(changes.map((c) => ({ ...c })))})
				returning id`;
			await emit({
				streamId: incidentId,
				kind: 'status.public_update',
				payload: {
					statusIncidentId: statusIncident.id,
					name,
					phase: data.phase,
					body: data.body,
					impact
				}
			});
			if (page.enabled) {
				await mailSubscribersOfUpdate(tx, organizationId, {
					updateId: update?.id ?? statusIncident.id,
					slug: page.slug,
					title: page.title,
					name,
					phase: data.phase,
					body: data.body
				});
			}
			return {
				statusIncidentId: statusIncident.id,
				updateId: update?.id ?? '',
				phase: data.phase,
				slug: page.slug
			};
		}
	)
);

async function authorizePublisher(context: CommandContext, organizationId: string, tx: Db) {
	try {
		await authorize(context.actor, organizationId, 'status.publish', tx);
	} catch (error) {
		if (isAppError(error) && error.code === 'not_found') {
			throw new AppError('forbidden', m.err_status_owner_only());
		}
		throw error;
	}
}

/** Sets the states given; what changed is kept with the update (Statuspage's `affected_components`). */
async function setComponentStates(
	tx: Db,
	organizationId: string,
	states: { componentId: string; state: ComponentState }[]
): Promise<ComponentChange[]> {
	const changes: ComponentChange[] = [];
	for (const { componentId, state } of states) {
		const [row] = await tx<{ name: string; from: ComponentState }[]>`
			update status_components c set state = ${state},
				updated_at = case when c.state is distinct from ${state} then now() else c.updated_at end
			from (select id, state from status_components where id = ${componentId} for update) old
			where c.id = old.id and c.organization_id = ${organizationId}
			returning c.name, old.state as "from"`;
		if (!row) {
			throw new AppError('invalid', m.err_component_other_page(), {
				components: m.err_component_other_page()
			});
		}
		if (row.from !== state)
			changes.push({ componentId, name: row.name, from: row.from, to: state });
	}
	return changes;
}

/**
 * The components the public incident affects: the set given (else the one it had), with
 * those whose state this update sets. All must be of this page.
 */
async function setAffectedComponents(
	tx: Db,
	organizationId: string,
	statusIncidentId: string,
	given: string[] | undefined,
	stateSet: string[]
) {
	const chosen = [...new Set([...(given ?? []), ...stateSet])];
	await assertOwnRows(tx, 'status_components', organizationId, chosen, {
		field: 'affectedComponents',
		message: m.err_status_component_foreign
	});
	if (given) {
		await tx`
			delete from status_incident_components
			where status_incident_id = ${statusIncidentId} and not (component_id = any(${chosen}::uuid[]))`;
	}
	await tx`
		insert into status_incident_components (status_incident_id, component_id)
		select ${statusIncidentId}, unnest(${chosen}::uuid[])
		on conflict do nothing`;
}
