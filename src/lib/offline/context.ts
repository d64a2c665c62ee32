import { getContext, setContext } from 'svelte';
import type { Outbox } from './outbox.svelte';

const KEY = Symbol('outbox');

/** The signed-in person's outbox, created by the app layout in the browser only. */
export function provideOutbox(getter: () => Outbox | null) {
	setContext(KEY, getter);
}

export function useOutbox(): () => Outbox | null {
	return getContext<() => Outbox | null>(KEY) ?? (() => null);
}
