import type { StreamEvent } from '$lib/realtime/protocol';
import { describeInventoryEvent } from '$lib/inventory/events';
import { m } from '$lib/paraglide/messages';
import { describePostmortemEvent } from '$lib/postmortems/timeline-text';
import { statusLabel } from './incident';

const str = (v: unknown) =>
	typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

/** What a timeline row says for an event of an incident's stream. */
export function describeIncidentEvent(event: StreamEvent): string {
	const p = event.payload;
	switch (event.kind) {
		case 'incident.declared':
			return m.tl_declared({ severity: str(p.severity), title: str(p.title) });
		case 'incident.status_changed':
			return (
				m.tl_status({ from: statusLabel(str(p.from)), to: statusLabel(str(p.to)) }) +
				(p.reason ? ` — ${str(p.reason)}` : '')
			);
		case 'incident.commander_changed':
			return m.tl_commander({ name: str(p.name) });
		case 'timeline.note':
		case 'timeline.decision':
			return str(p.text);
		case 'timeline.pinned':
			return p.pinned ? m.tl_pinned({ seq: str(p.seq) }) : m.tl_unpinned({ seq: str(p.seq) });
		case 'contact.called':
			return m.tl_called({ name: str(p.name), provider: str(p.provider), outcome: str(p.outcome) });
		case 'run.started':
			return m.tl_run_started({ name: str(p.templateName ?? p.name) });
		case 'incident.shared':
			return m.tl_shared({ name: str(p.name) });
		case 'incident.unshared':
			return m.tl_unshared({ name: str(p.name) });
		default:
			return (
				describeStepEvent(event) ??
				describeInventoryEvent(event) ??
				describePostmortemEvent(event) ??
				event.kind
			);
	}
}

function describeStepEvent(event: StreamEvent): string | null {
	if (!event.kind.startsWith('step.')) return null;
	const p = event.payload;
	const title = str(p.title);
	const reason = p.reason ? ` — ${str(p.reason)}` : '';
	const labels: Record<string, () => string> = {
		'step.started': () => m.tl_step_started({ title }),
		'step.done': () => m.tl_step_done({ title }),
		'step.failed': () => m.tl_step_failed({ title }) + reason,
		'step.blocked': () => m.tl_step_blocked({ title }) + reason,
		'step.resumed': () => {
			const hold = p.overrodeHold;
			if (!hold || typeof hold !== 'object' || !('byName' in hold))
				return m.tl_step_resumed({ title });
			const reason = 'reason' in hold ? str(hold.reason) : '';
			return m.tl_step_resumed_override({ title, name: str(hold.byName), reason });
		},
		'step.retried': () => m.tl_step_retried({ title }),
		'step.skipped': () => m.tl_step_skipped({ title }) + reason,
		'step.reopened': () => m.tl_step_reopened({ title }) + reason,
		'step.assigned': () => m.tl_step_assigned({ title, name: str(p.assigneeName) }),
		'step.noted': () => m.tl_step_noted({ title, note: str(p.note) }),
		'step.approval_requested': () => m.tl_step_approval_requested({ title }),
		'step.approved': () => m.tl_step_approved({ title }),
		'step.approval_refused': () => m.tl_step_approval_refused({ title }) + reason
	};
	return labels[event.kind]?.() ?? null;
}

/** The icon that goes with the words, never instead of them. */
export function eventIcon(kind: string): string {
	if (kind === 'step.done') return '✓';
	if (kind.startsWith('inventory.')) return '◐';
	if (kind === 'step.failed') return '✕';
	if (kind === 'step.blocked') return '⏸';
	if (kind === 'contact.called') return '☎';
	if (kind === 'timeline.decision') return '◆';
	if (kind === 'timeline.note') return '✎';
	if (kind.startsWith('incident.')) return '●';
	return '·';
}
