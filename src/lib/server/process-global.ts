/**
 * State that must exist once per process. In development Vite re-executes server modules
 * when files change; state kept in module variables would be lost (a second boot, a database
 * pool nobody holds, a publisher nobody installed). It lives on globalThis instead.
 */
export function processGlobal<T>(name: string, initial: T): { value: T } {
	const key = Symbol.for(`nightshift.${name}`);
	const registry = globalThis as unknown as Record<symbol, { value: T } | undefined>;
	registry[key] ??= { value: initial };
	return registry[key];
}
