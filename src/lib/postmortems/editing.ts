/**
 * One section's editor, as a pure state: what the server last had (base), what this person
 * typed on top of it (draft), and a newer version someone else saved meanwhile (incoming).
 * A newer version replaces an untouched section at once; over typed text it waits as a
 * conflict the person resolves, never a silent overwrite either way.
 */
export interface SectionVersion {
	body: string;
	version: number;
	byName: string | null;
}

export interface SectionEditor {
	base: SectionVersion;
	draft: string | null;
	incoming: SectionVersion | null;
}

export function openEditor(base: SectionVersion): SectionEditor {
	return { base, draft: null, incoming: null };
}

export function isDirty(editor: SectionEditor): boolean {
	return editor.draft !== null && editor.draft !== editor.base.body;
}

export function type(editor: SectionEditor, text: string): SectionEditor {
	return { ...editor, draft: text };
}

/** Someone's save arrives (live, or as a refused save's answer). */
export function receive(editor: SectionEditor, saved: SectionVersion): SectionEditor {
	if (saved.version <= editor.base.version) return editor;
	if (!isDirty(editor) || editor.draft === saved.body) return openEditor(saved);
	if (editor.incoming && editor.incoming.version >= saved.version) return editor;
	return { ...editor, incoming: saved };
}

/** Our save went through: it is the new base (a newer save by someone else still wins). */
export function saved(editor: SectionEditor, version: SectionVersion): SectionEditor {
	const next = openEditor(version.version >= editor.base.version ? version : editor.base);
	return editor.incoming ? receive(next, editor.incoming) : next;
}

/** Resolving a conflict by taking their text: what was typed is dropped, knowingly. */
export function takeTheirs(editor: SectionEditor): SectionEditor {
	return editor.incoming ? openEditor(editor.incoming) : editor;
}

/**
 * Resolving by keeping (or merging into) our text: the next save names their version as the
 * one it replaces, so the server accepts it as a deliberate choice.
 */
export function keepMine(editor: SectionEditor, text = editor.draft ?? editor.base.body) {
	if (!editor.incoming) return editor;
	return { base: editor.incoming, draft: text, incoming: null };
}
