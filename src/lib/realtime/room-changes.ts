import type { StepCommand } from '$lib/components/runbook/types';
import { actionLabel } from '$lib/components/runbook/labels';
import type { ItemStatus } from '$lib/inventory/model';
import { statusLabel } from '$lib/inventory/labels';
import type { Outbox, OutboxEntry } from '$lib/offline/outbox.svelte';
import { m } from '$lib/paraglide/messages';
import type { Run } from '$lib/runbooks/types';
import { isTransition, TRANSITIONS } from '$lib/runbooks/states';
import { fromWallClock } from '$lib/time/zoned';
import type { EarlierValues } from '$lib/components/earlier';
import type { PendingChange } from '../offline/pending';
import type { RoomServer } from '../inventory/room-servers';

/**
 * The room's changes as outbox entries: each says in words what the person did (shown while it
 * waits or if it is refused) and goes to the same JSON endpoint the API offers.
 */
export function roomChanges(outbox: () => Outbox | null, incidentId: string, timezone: string) {
	const submit = (label: string, url: string, body: OutboxEntry['body'], preview?: PendingChange) =>
		outbox()?.submit({ incidentId, label, url, body, preview }) ?? Promise.resolve(null);

	/** A true time typed on the person's wall clock, sent as an instant with its reason. */
	const trueTime = (earlier: EarlierValues | undefined) =>
		earlier?.occurredAt
			? { occurredAt: fromWallClock(earlier.occurredAt, timezone), reason: earlier.reason }
			: {};

	return {
		step(command: StepCommand, run: Run | null) {
			const title = run?.steps.find((s) => s.id === command.stepId)?.title ?? '';
			const action = isTransition(command.action) ? actionLabel(command.action) : command.action;
			const { stepId, earlier, ...rest } = command;
			const body = { ...rest, ...trueTime(earlier) };
			const preview: PendingChange | undefined = isTransition(command.action)
				? { kind: 'step', stepId, to: TRANSITIONS[command.action].to, baseVersion: command.version }
				: undefined;
			return submit(
				m.outbox_step({ action, title }),
				`/api/v1/incidents/${incidentId}/steps/${stepId}`,
				body,
				preview
			);
		},
		note(values: Record<string, string>) {
			const { clientMutationId: _ignored, occurredAt, ...rest } = values;
			// A back-dated time was typed on the person's wall clock, in their own timezone.
			const body = occurredAt ? { ...rest, occurredAt: fromWallClock(occurredAt, timezone) } : rest;
			const text = values.text ?? '';
			return submit(
				m.outbox_note({ text: text.slice(0, 60) }),
				`/api/v1/incidents/${incidentId}/notes`,
				body,
				{
					kind: 'note',
					noteKind: values.kind === 'decision' ? 'decision' : 'note',
					text,
					occurredAt: typeof body.occurredAt === 'string' ? body.occurredAt : null
				}
			);
		},
		serverStatus(server: RoomServer, status: ItemStatus, earlier?: EarlierValues) {
			void submit(
				m.outbox_server({ hostname: server.hostname, status: statusLabel(status) }),
				`/api/v1/orgs/${server.organizationId}/inventory/${server.id}/status`,
				{ status, version: server.version, ...trueTime(earlier) },
				{ kind: 'server', itemId: server.id, to: status, baseVersion: server.version }
			);
		}
	};
}
