import pino from 'pino';

/** The one structured JSON logger; child loggers carry a request id or a component name. */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: { app: 'nightshift' },
	redact: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie']
});

export type Logger = typeof log;
