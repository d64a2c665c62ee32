import { getContext, setContext } from 'svelte';
import type { LiveConnection } from './client.svelte';

const KEY = Symbol('live-connection');

/** The page's one live connection, created by the app layout in the browser only. */
export function provideLive(getter: () => LiveConnection | null) {
	setContext(KEY, getter);
}

export function useLive(): () => LiveConnection | null {
	return getContext<() => LiveConnection | null>(KEY) ?? (() => null);
}
