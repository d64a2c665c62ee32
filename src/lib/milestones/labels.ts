import type { MilestonePayload } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';
import type { Milestone } from './model';

const NAMES = {
	trigger: m.night_ms_trigger,
	detected: m.night_ms_detected,
	acknowledged: m.night_ms_acknowledged,
	identified: m.night_ms_identified,
	mitigated: m.night_ms_mitigated,
	recovered: m.night_ms_recovered
} satisfies Record<Milestone, () => string>;

/** "Root cause identified", in the reader's language. */
export function milestoneName(milestone: Milestone): string {
	return (NAMES[milestone] ?? (() => milestone))();
}

/** The timeline's line for a milestone: "Milestone: recovered", or its correction and why. */
export function milestoneLine(p: MilestonePayload): string {
	const name = milestoneName(p.milestone);
	return p.previous
		? m.night_ms_corrected({ name, reason: p.reason ?? '' })
		: m.night_ms_set({ name });
}
