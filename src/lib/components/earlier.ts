/** What an "it happened earlier" control (EarlierTime.svelte) sent: wall-clock time and why. */
export interface EarlierValues {
	/** As typed in the datetime-local field, on the person's wall clock ('' for now). */
	occurredAt: string;
	reason: string;
}

/** Reads the control's fields from a submitted form. */
export function earlierValues(
	data: FormData,
	timeName = 'occurredAt',
	reasonName = 'reason'
): EarlierValues {
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value.trim() : '';
	};
	return { occurredAt: text(timeName), reason: text(reasonName) };
}
