import { cycleThrough } from '$lib/inventory/graph';
import type { Db, Tx } from '../db/db';
import { AppError } from '../errors';
import { listEdges, mapHostnames } from './queries';
import { m } from '$lib/paraglide/messages';

/**
 * Turns the hostnames an item should depend on into ids of the same organization, refusing
 * unknown names, the item itself, and a dependency that would close a cycle.
 */
export async function resolveDependencies(
	tx: Db,
	organizationId: string,
	item: { id: string | null; hostname: string },
	names: readonly string[]
): Promise<string[]> {
	const known = await mapHostnames(organizationId, tx);
	const ids = new Set<string>();
	for (const name of names) {
		const target = known.get(name.toLowerCase());
		if (name.toLowerCase() === item.hostname.toLowerCase() || (target && target.id === item.id)) {
			refuse(m.err_item_self_dependency({ hostname: item.hostname }));
		}
		if (!target) refuse(m.err_item_unknown_dependency({ name }));
		ids.add(target.id);
	}
	if (item.id && ids.size > 0) {
		const cycle = cycleThrough(item.id, [...ids], await listEdges(organizationId, tx));
		if (cycle) {
			const byId = new Map([...known.values()].map((entry) => [entry.id, entry.hostname]));
			const path = cycle.map((id) => byId.get(id) ?? item.hostname).join(' → ');
			refuse(m.err_item_dependency_cycle({ path }));
		}
	}
	return [...ids];
}

function refuse(message: string): never {
	throw new AppError('invalid', message, { dependsOn: message });
}

/** Replaces what an item depends on; returns whether anything changed. */
export async function replaceDependencies(
	tx: Tx,
	itemId: string,
	dependsOnIds: readonly string[]
): Promise<boolean> {
	const removed = await tx`
		delete from inventory_dependencies
		where item_id = ${itemId} and not (depends_on_id = any(${dependsOnIds as string[]}::uuid[]))`;
	if (dependsOnIds.length === 0) return removed.count > 0;
	const added = await tx`
		insert into inventory_dependencies (item_id, depends_on_id)
		select ${itemId}, unnest(${dependsOnIds as string[]}::uuid[])
		on conflict do nothing`;
	return removed.count > 0 || added.count > 0;
}

/** A hostname names one item per organization, whatever its case. */
export async function assertHostnameFree(
	tx: Db,
	organizationId: string,
	hostname: string,
	exceptId: string | null = null
): Promise<void> {
	const [taken] = await tx<{ hostname: string }[]>`
		select hostname from inventory_items
		where organization_id = ${organizationId} and lower(hostname) = lower(${hostname})
			and id is distinct from ${exceptId}::uuid`;
	if (taken) {
		const message = m.err_hostname_taken({ hostname: taken.hostname });
		throw new AppError('conflict', message, { hostname: message });
	}
}

/** A provider organization named on an item must exist and be a provider. */
export async function assertProviderOrganization(tx: Db, id: string | undefined): Promise<void> {
	if (!id) return;
	const [row] = await tx<{ kind: string }[]>`select kind from organizations where id = ${id}`;
	if (row?.kind !== 'provider') {
		const message = m.err_provider_organization_choice();
		throw new AppError('invalid', message, { providerOrganizationId: message });
	}
}

/** Two people creating the same hostname at once: the unique index refuses the second. */
export function rethrowIfHostnameTaken(hostname: string) {
	return (error: unknown): never => {
		const code = (error as { code?: unknown } | null)?.code;
		if (code === '23505') {
			const message = m.err_hostname_taken({ hostname });
			throw new AppError('conflict', message, { hostname: message });
		}
		throw error;
	};
}
