/** Every expected failure; the message tells the operator what is wrong and what to do. */
export class EmbeddedDatabaseError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EmbeddedDatabaseError';
	}
}

/** Internal: lets an automatically chosen port that was grabbed meanwhile be retried. */
export class PortInUseError extends EmbeddedDatabaseError {}

export function errnoCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
	return typeof error.code === 'string' ? error.code : undefined;
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
