/**
 * "Refresh from the timeline": the generated parts of the post-mortem follow the record, and
 * what people wrote stays as they wrote it. Each section keeps the text last generated for it
 * (its base); a refresh writes the record again (theirs) and carries over to the section as it
 * stands (ours) only the lines the record changed: a generated line the record no longer gives
 * is removed if nobody edited it, a new one goes in next to its neighbours, and a generated
 * line someone rewrote stays rewritten. Pure, so it is tested on plain strings.
 */
import { diffArrays } from 'diff';
import { m } from '$lib/paraglide/messages';
import type { SectionKey } from './sections';

export type RefreshChangeKind = 'added' | 'removed' | 'changed' | 'kept';

/** One line of what a refresh does (or would do) to a section. */
export interface RefreshChange {
	key: SectionKey;
	kind: RefreshChangeKind;
	/** The line as it reads after the refresh (for a removed line: the line removed). */
	text: string;
	/** For a changed line: what it read before. */
	before?: string;
}

export interface SectionRefresh {
	key: SectionKey;
	/** The section after the refresh. */
	body: string;
	/** The text generated now: the base of the next refresh. */
	generated: string;
	changes: RefreshChange[];
}

export interface RefreshCounts {
	added: number;
	removed: number;
	changed: number;
	kept: number;
}

export interface RefreshPlan {
	/** Only the sections whose text the refresh changes (or whose base it moves). */
	sections: SectionRefresh[];
	changes: RefreshChange[];
	counts: RefreshCounts;
}

const lines = (text: string) => (text === '' ? [] : text.split('\n'));

/** Pairs of indices (a, b) of the lines two lists share, in order (jsdiff's Myers diff). */
function commonLines(a: string[], b: string[]): [number, number][] {
	const pairs: [number, number][] = [];
	let [i, j] = [0, 0];
	for (const part of diffArrays(a, b)) {
		if (part.added) j += part.count;
		else if (part.removed) i += part.count;
		else for (let n = 0; n < part.count; n++) pairs.push([i++, j++]);
	}
	return pairs;
}

/** A stretch of the base the record replaced: base lines [from, to) became `lines`. */
interface Hunk {
	from: number;
	to: number;
	lines: string[];
}

function hunks(base: string[], theirs: string[]): Hunk[] {
	const found: Hunk[] = [];
	let [i, j] = [0, 0];
	const ends: [number, number][] = [...commonLines(base, theirs), [base.length, theirs.length]];
	for (const [a, b] of ends) {
		if (a > i || b > j) found.push({ from: i, to: a, lines: theirs.slice(j, b) });
		[i, j] = [a + 1, b + 1];
	}
	return found;
}

/**
 * Carries what changed from `base` to `theirs` over to `ours`. Without a base (a section
 * written before refreshes existed), the lines ours and theirs share are taken as the
 * generated ones: the record's new lines go in, nothing is removed.
 */
export function mergeSection(
	key: SectionKey,
	base: string | null,
	ours: string,
	theirs: string
): { body: string; changes: RefreshChange[] } {
	const o = lines(ours);
	const t = lines(theirs);
	const b = base === null ? commonLines(o, t).map(([i]) => o[i] ?? '') : lines(base);
	// Where each base line still stands in ours (absent: someone rewrote or removed it).
	const at = new Map<number, number>(commonLines(b, o));
	const removed = new Set<number>();
	const before = new Map<number, string[]>();
	const changes: RefreshChange[] = [];
	const present = new Set(o.filter((l) => l.trim() !== ''));
	const insert = (position: number, added: string[]) =>
		before.set(position, [...(before.get(position) ?? []), ...added]);

	for (const hunk of hunks(b, t)) {
		const span = Array.from({ length: hunk.to - hunk.from }, (_, n) => hunk.from + n);
		const standing = span.filter((n) => at.has(n));
		const rewritten = span.filter((n) => !at.has(n));
		// A generated line someone rewrote, that the record now words differently: theirs stays.
		if (standing.length === 0 && rewritten.length > 0 && rewritten.length === hunk.lines.length) {
			for (const line of hunk.lines) changes.push({ key, kind: 'kept', text: line });
			continue;
		}
		const gone = standing.map((n) => ({ position: at.get(n) ?? 0, text: b[n] ?? '' }));
		const added = hunk.lines.filter((l) => l.trim() === '' || !present.has(l));
		for (const g of gone) removed.add(g.position);
		// In place of the first line removed; else just before the next generated line (what
		// people wrote under an entry stays under it), or after the last one, or at the end.
		const after = [...at.entries()].filter(([n]) => n < hunk.from).at(-1)?.[1];
		const next = [...at.entries()].find(([n]) => n >= hunk.to)?.[1];
		const position = gone[0]?.position ?? next ?? (after !== undefined ? after + 1 : o.length);
		insert(position, added);
		const visible = added.filter((l) => l.trim() !== '');
		const dropped = gone.filter((g) => g.text.trim() !== '');
		const paired = Math.min(visible.length, dropped.length);
		for (let n = 0; n < visible.length; n++) {
			const text = visible[n] ?? '';
			changes.push(
				n < paired
					? { key, kind: 'changed', text, before: dropped[n]?.text ?? '' }
					: { key, kind: 'added', text }
			);
		}
		for (const g of dropped.slice(paired)) changes.push({ key, kind: 'removed', text: g.text });
	}
	const body: string[] = [];
	for (let n = 0; n <= o.length; n++) {
		body.push(...(before.get(n) ?? []));
		if (n < o.length && !removed.has(n)) body.push(o[n] ?? '');
	}
	return { body: body.join('\n'), changes };
}

export function countChanges(changes: RefreshChange[]): RefreshCounts {
	const count = (kind: RefreshChangeKind) => changes.filter((c) => c.kind === kind).length;
	return {
		added: count('added'),
		removed: count('removed'),
		changed: count('changed'),
		kept: count('kept')
	};
}

/** The refresh of every generated section: what each would read, and what changes. */
export function planRefresh(
	current: { key: SectionKey; body: string; generated: string | null }[],
	drafted: Record<SectionKey, string>
): RefreshPlan {
	const sections = current.flatMap((section) => {
		const theirs = drafted[section.key];
		const merged = mergeSection(section.key, section.generated, section.body, theirs);
		const moved = merged.body !== section.body || section.generated !== theirs;
		return moved ? [{ key: section.key, generated: theirs, ...merged }] : [];
	});
	const changes = sections.flatMap((s) => s.changes);
	return { sections, changes, counts: countChanges(changes) };
}

/** "3 entries added, 1 line changed": what a refresh does, in the reader's language. */
export function refreshSummary(counts: RefreshCounts): string {
	const parts: (string | false)[] = [
		counts.added === 1
			? m.pm_refresh_added_one()
			: counts.added > 0 && m.pm_refresh_added({ count: counts.added }),
		counts.changed === 1
			? m.pm_refresh_changed_one()
			: counts.changed > 0 && m.pm_refresh_changed({ count: counts.changed }),
		counts.removed === 1
			? m.pm_refresh_removed_one()
			: counts.removed > 0 && m.pm_refresh_removed({ count: counts.removed }),
		counts.kept === 1
			? m.pm_refresh_kept_one()
			: counts.kept > 0 && m.pm_refresh_kept({ count: counts.kept })
	].filter((p) => p !== false);
	return parts.length ? parts.join(', ') : m.pm_refresh_nothing();
}
