import type { ItemStatus } from '$lib/inventory/model';
import type { Tx } from '../db/db';
import type { Emit } from '../events/command';
import { insertIncident } from '../incidents/commands';
import { declareInput } from '../incidents/schemas';
import { lockItem } from '../inventory/queries';
import { applyItemStatus } from '../inventory/status';
import { parse } from '../validation';
import type { AlertAction } from './integrations';
import { hostnamesOf, severityOf, type IncomingMember } from './normalize';

/** What an integration's firing alerts do (its row in `integrations`). */
export interface Rules {
	action: AlertAction;
	matchLabels: string[];
	defaultSeverity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
	serverStatus: 'degraded' | 'down' | null;
	stormMinutes: number;
}

interface RuleIntegration extends Rules {
	id: string;
	organizationId: string;
	userId: string;
	name: string;
}

interface GroupState {
	groupId: string;
	title: string;
	incidentId: string | null;
	firing: boolean;
	changed: IncomingMember[];
}

interface MatchedItem {
	id: string;
	hostname: string;
}

/**
 * Applies the rules to members that just started firing: the servers their labels name
 * (`instance`, `host`, `service`… → an inventory hostname or tag) lead to an open incident
 * they are linked to; without one, `declare` opens an incident, unless the integration
 * declared one for a group still firing within the storm window (one outage, one incident,
 * however many services alert). The servers are linked to the incident and, by rule, marked
 * degraded or down.
 */
export async function applyRules(
	tx: Tx,
	emit: Emit,
	integration: RuleIntegration,
	group: GroupState
): Promise<{ incidentId: string | null; declared: boolean }> {
	let incidentId =
		group.incidentId && (await isOpen(tx, group.incidentId)) ? group.incidentId : null;
	const firing = group.changed.filter((m) => m.status === 'firing');
	if (firing.length === 0 || !group.firing) return { incidentId, declared: false };
	const items = await matchItems(tx, integration, firing);
	let declared = false;
	if (!incidentId && integration.action !== 'list') {
		incidentId = await openIncidentOf(tx, integration.organizationId, items);
		if (!incidentId && integration.action === 'declare') {
			// Declaring is serialized per integration: a storm's groups arriving together wait
			// here, and all but the first find the incident the first one declared.
			await tx`select id from integrations where id = ${integration.id} for update`;
			incidentId = await stormIncident(tx, integration);
			if (!incidentId) {
				incidentId = await declareFromAlerts(tx, emit, integration, group.title, firing);
				declared = true;
			}
		}
	}
	if (incidentId && incidentId !== group.incidentId) {
		await tx`update alert_groups set incident_id = ${incidentId} where id = ${group.groupId}`;
	}
	if (incidentId) await linkItems(tx, emit, integration, incidentId, items);
	if (integration.serverStatus) await markItems(tx, emit, integration, items);
	return { incidentId, declared };
}

async function isOpen(tx: Tx, incidentId: string): Promise<boolean> {
	const [row] = await tx`
		select 1 from incidents where id = ${incidentId} and status not in ('resolved', 'closed')`;
	return row !== undefined;
}

/** Inventory items of the organization named by the members' matching labels. */
async function matchItems(
	tx: Tx,
	integration: RuleIntegration,
	members: readonly IncomingMember[]
): Promise<MatchedItem[]> {
	const names = new Set<string>();
	for (const member of members) {
		for (const label of integration.matchLabels) {
			const value = member.labels[label];
			if (value) for (const name of hostnamesOf(value)) names.add(name);
		}
	}
	if (names.size === 0) return [];
	return tx<MatchedItem[]>`
		select id, hostname from inventory_items
		where organization_id = ${integration.organizationId}
			and (lower(hostname) = any(${[...names]})
				or exists (select 1 from unnest(tags) t where lower(t) = any(${[...names]})))
		order by hostname
		limit 200`;
}

/** The latest open incident the organization takes part in that one of the items is linked to. */
async function openIncidentOf(
	tx: Tx,
	organizationId: string,
	items: readonly MatchedItem[]
): Promise<string | null> {
	if (items.length === 0) return null;
	const [row] = await tx<{ id: string }[]>`
		select i.id from incidents i
		join incident_items ii on ii.incident_id = i.id
		join incident_organizations io on io.incident_id = i.id and io.organization_id = ${organizationId}
		where ii.item_id = any(${items.map((item) => item.id)})
			and i.status not in ('resolved', 'closed') and i.mode = 'real'
		order by i.detected_at desc
		limit 1`;
	return row?.id ?? null;
}

/** The open incident this integration's alerts joined, from a group still firing in the window. */
async function stormIncident(tx: Tx, integration: RuleIntegration): Promise<string | null> {
	if (integration.stormMinutes === 0) return null;
	const [row] = await tx<{ id: string }[]>`
		select i.id from alert_groups g join incidents i on i.id = g.incident_id
		where g.integration_id = ${integration.id} and g.status = 'firing'
			and g.last_seen_at > now() - make_interval(mins => ${integration.stormMinutes})
			and i.status not in ('resolved', 'closed')
		order by g.last_seen_at desc
		limit 1`;
	return row?.id ?? null;
}

async function declareFromAlerts(
	tx: Tx,
	emit: Emit,
	integration: RuleIntegration,
	title: string,
	firing: readonly IncomingMember[]
): Promise<string> {
	const starts = firing
		.map((m) => m.startsAt?.getTime())
		.filter((t): t is number => t !== undefined && t <= Date.now());
	const detectedAt = starts.length > 0 ? new Date(Math.min(...starts)) : new Date();
	const summaries = [...new Set(firing.map((m) => m.summary))].slice(0, 10);
	const data = parse(declareInput, {
		title: (title.length >= 3 ? title : `Alert: ${title}`).slice(0, 140),
		severity: severityOf(firing, integration.defaultSeverity),
		summary: `Declared by ${integration.name} from ${firing.length} firing alert(s):\n${summaries
			.map((s) => `- ${s}`)
			.join('\n')}`.slice(0, 4000),
		detectedAt
	});
	return insertIncident(tx, emit, integration.organizationId, data, {
		createdBy: integration.userId,
		commanderId: null
	});
}

async function linkItems(
	tx: Tx,
	emit: Emit,
	integration: RuleIntegration,
	incidentId: string,
	items: readonly MatchedItem[]
) {
	for (const item of items) {
		const [inserted] = await tx<{ status: ItemStatus }[]>`
			insert into incident_items (incident_id, item_id, linked_by)
			select ${incidentId}, id, ${integration.userId} from inventory_items where id = ${item.id}
			on conflict do nothing
			returning (select status from inventory_items where id = ${item.id}) as status`;
		if (!inserted) continue;
		await emit({
			streamId: incidentId,
			kind: 'inventory.linked',
			payload: { itemId: item.id, hostname: item.hostname, status: inserted.status }
		});
	}
}

/** A rebuild in progress stays so, and a server down is not raised to degraded by an alert. */
async function markItems(
	tx: Tx,
	emit: Emit,
	integration: RuleIntegration,
	items: readonly MatchedItem[]
) {
	const target = integration.serverStatus;
	if (!target) return;
	for (const { id } of items) {
		const item = await lockItem(tx, id);
		if (!item || item.status === target || item.status === 'rebuilding') continue;
		if (target === 'degraded' && item.status === 'down') continue;
		await applyItemStatus(tx, emit, item, target, `Alert from ${integration.name}`);
	}
}
