import { m } from '$lib/paraglide/messages';
import type { StreamEvent } from '$lib/realtime/protocol';
import {
	ACTION_ITEM_STATUSES,
	actionStatusLabel,
	POSTMORTEM_STATUSES,
	postmortemStatusLabel,
	SECTION_KEYS,
	sectionTitle,
	type ActionItemStatus,
	type PostmortemStatus,
	type SectionKey
} from './sections';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isOne = <T extends string>(list: readonly T[], v: unknown): v is T =>
	typeof v === 'string' && (list as readonly string[]).includes(v);

/** What the room's timeline says for the post-mortem's own events (null for any other). */
export function describePostmortemEvent(event: StreamEvent): string | null {
	const p = event.payload;
	switch (event.kind) {
		case 'postmortem.created':
			return m.pm_tl_created();
		case 'postmortem.section_saved':
			return isOne<SectionKey>(SECTION_KEYS, p.key)
				? m.pm_tl_section_saved({ section: sectionTitle(p.key), version: String(p.version ?? '') })
				: null;
		case 'postmortem.status_changed':
			return isOne<PostmortemStatus>(POSTMORTEM_STATUSES, p.to)
				? m.pm_tl_status({ status: postmortemStatusLabel(p.to) })
				: null;
		case 'action_item.added':
			return m.pm_tl_item_added({
				title: str(p.title),
				owner: str(p.ownerName),
				due: str(p.dueOn)
			});
		case 'action_item.updated':
			return isOne<ActionItemStatus>(ACTION_ITEM_STATUSES, p.status)
				? m.pm_tl_item_updated({ title: str(p.title), status: actionStatusLabel(p.status) })
				: null;
		case 'action_item.removed':
			return m.pm_tl_item_removed({ title: str(p.title) });
		default:
			return null;
	}
}
