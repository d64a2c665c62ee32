import { DESCRIPTIVE_FIELDS, type ItemFields } from '$lib/inventory/model';
import { inOrganization } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, command } from '../events/command';
import { parse } from '../validation';
import { authorizeItem } from './access';
import { assertEditable } from './changes';
import {
	assertHostnameFree,
	assertProviderOrganization,
	replaceDependencies,
	resolveDependencies,
	rethrowIfHostnameTaken
} from './dependencies';
import { listDependenciesOf, listDirectDependents, listOpenIncidentsOf } from './queries';
import { createItemInput, deleteItemInput, updateItemInput } from './schemas';
import { m } from '$lib/paraglide/messages';

function fieldsOf(data: ItemFields) {
	return {
		kind: data.kind,
		hostname: data.hostname,
		role: data.role,
		environment: data.environment,
		location: data.location,
		provider: data.provider,
		addresses: data.addresses,
		os: data.os,
		criticality: data.criticality,
		tags: data.tags,
		notes: data.notes
	};
}

export const createItem = command(
	inOrganization('inventory.edit'),
	createItemInput,
	async (tx, emit, data, { id: organizationId }) => {
		await assertHostnameFree(tx, organizationId, data.hostname);
		await assertProviderOrganization(tx, data.providerOrganizationId);
		const dependsOn = await resolveDependencies(
			tx,
			organizationId,
			{ id: null, ...data },
			data.dependsOn
		);
		const row = {
			...fieldsOf(data),
			organization_id: organizationId,
			provider_organization_id: data.providerOrganizationId ?? null,
			status: data.status
		};
		const [item] = await tx<{ id: string }[]>`
			insert into inventory_items ${tx(row)} returning id`.catch(rethrowIfHostnameTaken(data.hostname));
		if (!item) throw new Error('inventory item insert returned no row');
		await replaceDependencies(tx, item.id, dependsOn);
		await emit({
			streamId: organizationId,
			kind: 'inventory.created',
			payload: { itemId: item.id, hostname: data.hostname, status: data.status, version: 1 }
		});
		return { itemId: item.id, version: 1 };
	}
);

export async function updateItem(context: CommandContext, itemId: string, input: unknown) {
	const data = parse(updateItemInput, input);
	return runCommand(context, async (tx, emit) => {
		const item = await authorizeItem(context.actor, itemId, 'inventory.edit', tx, { lock: true });
		await assertEditable(tx, item, data.version);
		if (data.hostname.toLowerCase() !== item.hostname.toLowerCase()) {
			await assertHostnameFree(tx, item.organizationId, data.hostname, item.id);
		}
		await assertProviderOrganization(tx, data.providerOrganizationId);
		const dependsOn = await resolveDependencies(tx, item.organizationId, item, data.dependsOn);
		const next = {
			...fieldsOf(data),
			provider_organization_id: data.providerOrganizationId ?? null
		};
		const changed = DESCRIPTIVE_FIELDS.filter(
			(field) => JSON.stringify(item[field]) !== JSON.stringify(next[field])
		) as string[];
		if ((item.providerOrganizationId ?? null) !== next.provider_organization_id) {
			changed.push('providerOrganization');
		}
		if (await replaceDependencies(tx, item.id, dependsOn)) changed.push('dependsOn');
		if (changed.length === 0) return { itemId, version: item.version, changed: [] };
		const version = item.version + 1;
		await tx`update inventory_items set ${tx(next)}, version = ${version} where id = ${itemId}`.catch(
			rethrowIfHostnameTaken(data.hostname)
		);
		await emit({
			streamId: item.organizationId,
			kind: 'inventory.updated',
			payload: { itemId, hostname: data.hostname, version, changed }
		});
		return { itemId, version, changed };
	});
}

/**
 * Deletes an item. Refused while an open incident lists it (its timeline is still being
 * written), and while other items depend on it unless `detach` also removes those
 * dependencies: deleting db01 should never silently shrink web01's blast radius.
 */
export async function deleteItem(context: CommandContext, itemId: string, input: unknown = {}) {
	const data = parse(deleteItemInput, input);
	return runCommand(context, async (tx, emit) => {
		const item = await authorizeItem(context.actor, itemId, 'inventory.edit', tx, { lock: true });
		if (data.version !== undefined) await assertEditable(tx, item, data.version);
		await assertNotInOpenIncident(tx, item.id, item.hostname);
		const dependents = (await listDirectDependents(item.id, tx)).map((d) => d.hostname);
		if (dependents.length > 0 && !data.detach) {
			throw new AppError(
				'conflict',
				m.err_item_has_dependents({
					count: dependents.length,
					dependents: dependents.join(', '),
					hostname: item.hostname
				})
			);
		}
		const dependsOn = (await listDependenciesOf(item.id, tx)).map((d) => d.hostname);
		await tx`delete from inventory_items where id = ${item.id}`;
		await emit({
			streamId: item.organizationId,
			kind: 'inventory.deleted',
			payload: { itemId, hostname: item.hostname, dependents, dependsOn }
		});
		return { itemId, hostname: item.hostname, detached: dependents };
	});
}

async function assertNotInOpenIncident(tx: Tx, itemId: string, hostname: string) {
	const [incident] = await listOpenIncidentsOf(itemId, tx);
	if (incident) {
		throw new AppError(
			'conflict',
			m.err_item_in_open_incident({ hostname, title: incident.title })
		);
	}
}
