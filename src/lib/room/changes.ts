import type { StepCommand } from '$lib/components/runbook/types';
import { actionLabel } from '$lib/components/runbook/labels';
import type { ItemStatus } from '$lib/inventory/model';
import { statusLabel } from '$lib/inventory/labels';
import type { Outbox } from '$lib/offline/outbox.svelte';
import { m } from '$lib/paraglide/messages';
import type { Run } from '$lib/runbooks/types';
import { isTransition } from '$lib/runbooks/states';
import { fromWallClock } from '$lib/format/zoned';
import type { RoomServer } from './servers';

/**
 * The room's changes as outbox entries: each says in words what the person did (shown while it
 * waits or if it is refused) and goes to the same JSON endpoint the API offers.
 */
export function roomChanges(outbox: () => Outbox | null, incidentId: string, timezone: string) {
	const submit = (label: string, url: string, body: Record<string, unknown>) =>
		outbox()?.submit({ incidentId, label, url, body }) ?? Promise.resolve(null);

	return {
		step(command: StepCommand, run: Run | null) {
			const title = run?.steps.find((s) => s.id === command.stepId)?.title ?? '';
			const action = isTransition(command.action) ? actionLabel(command.action) : command.action;
			const { stepId, ...body } = command;
			return submit(
				m.outbox_step({ action, title }),
				`/api/v1/incidents/${incidentId}/steps/${stepId}`,
				body
			);
		},
		note(values: Record<string, string>) {
			const { clientMutationId: _ignored, occurredAt, ...rest } = values;
			// A back-dated time was typed on the person's wall clock, in their own timezone.
			const body = occurredAt ? { ...rest, occurredAt: fromWallClock(occurredAt, timezone) } : rest;
			const text = (values.text ?? '').slice(0, 60);
			return submit(m.outbox_note({ text }), `/api/v1/incidents/${incidentId}/notes`, body);
		},
		serverStatus(server: RoomServer, status: ItemStatus) {
			void submit(
				m.outbox_server({ hostname: server.hostname, status: statusLabel(status) }),
				`/api/v1/orgs/${server.organizationId}/inventory/${server.id}/status`,
				{ status, version: server.version }
			);
		}
	};
}
