/** Expected failures, mapped to an HTTP status and a human message in one place. */
export type AppErrorCode =
	'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'gone';

const STATUS: Record<AppErrorCode, number> = {
	invalid: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	gone: 410,
	rate_limited: 429
};

export class AppError extends Error {
	readonly code: AppErrorCode;
	/** Field-level messages for forms: field name → message. */
	readonly fields: Record<string, string>;

	constructor(code: AppErrorCode, message: string, fields: Record<string, string> = {}) {
		super(message);
		this.name = 'AppError';
		this.code = code;
		this.fields = fields;
	}

	get status(): number {
		return STATUS[this.code];
	}
}

export function isAppError(value: unknown): value is AppError {
	return value instanceof AppError;
}
