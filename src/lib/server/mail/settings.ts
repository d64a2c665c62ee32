import nodemailer, { type Transporter } from 'nodemailer';

/** SMTP, from the environment; without SMTP_HOST nothing is sent (and the pages say so). */
export interface SmtpSettings {
	host: string;
	port: number;
	/** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
	secure: boolean;
	user: string | null;
	password: string | null;
	from: string;
}

export function smtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
	const host = env.SMTP_HOST?.trim();
	if (!host) return null;
	const port = Number(env.SMTP_PORT ?? '') || 587;
	return {
		host,
		port,
		secure: env.SMTP_TLS === 'true' || (env.SMTP_TLS === undefined && port === 465),
		user: env.SMTP_USER || null,
		password: env.SMTP_PASSWORD || null,
		from: env.SMTP_FROM || 'Nightshift <nightshift@localhost>'
	};
}

/** The base of links in mails: ORIGIN, else the local address the server listens on. */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
	return (env.ORIGIN ?? `http://localhost:${env.PORT ?? '3000'}`).replace(/\/$/, '');
}

let cached: { key: string; transporter: Transporter } | null = null;

export function transporter(settings: SmtpSettings): Transporter {
	const key = JSON.stringify(settings);
	if (cached?.key !== key) {
		cached = {
			key,
			transporter: nodemailer.createTransport({
				host: settings.host,
				port: settings.port,
				secure: settings.secure,
				auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
				connectionTimeout: 10_000,
				greetingTimeout: 10_000,
				socketTimeout: 20_000
			})
		};
	}
	return cached.transporter;
}

/** Where mail goes, in words, for the start banner and the pages. */
export function describeSmtp(settings: SmtpSettings | null): string {
	if (!settings) return 'not configured (SMTP_HOST unset): no e-mail is sent';
	const auth = settings.user ? ` as ${settings.user}` : '';
	return `smtp${settings.secure ? 's' : ''}://${settings.host}:${settings.port}${auth}, from ${settings.from}`;
}
