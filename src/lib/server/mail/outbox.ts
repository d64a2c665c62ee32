import type { Db } from '../db/db';
import { db } from '../db/db';
import { log } from '../log';
import { addJob } from '../queue/queue';
import { smtpSettings, transporter } from './settings';
import { isOptional, type MailKind, type Rendered } from './templates';

export interface NewMail extends Rendered {
	recipient: string;
	userId: string | null;
	organizationId: string | null;
	kind: MailKind;
	locale: string;
	/** One mail per fact: a second queueing with the same key is ignored. */
	dedupeKey?: string;
}

const MINUTE = 60_000;
/** Retries: 1, 2, 4… minutes (with jitter), capped at an hour, for a day. */
const MAX_DELAY_MS = 60 * MINUTE;
const GIVE_UP_MS = 24 * 60 * MINUTE;

/**
 * Queues a mail in the caller's transaction: the row and its job commit with the fact they
 * tell of. Without SMTP the row is kept, marked "not configured", and nothing is sent; a
 * person who turned this kind off gets nothing.
 */
export async function queueMail(sql: Db, mail: NewMail): Promise<string | null> {
	if (mail.userId && isOptional(mail.kind)) {
		const [off] =
			await sql`select 1 from mail_opt_outs where user_id = ${mail.userId} and kind = ${mail.kind}`;
		if (off) return null;
	}
	const configured = smtpSettings() !== null;
	const [row] = await sql<{ id: string }[]>`
		insert into mail_messages (organization_id, user_id, recipient, kind, locale, subject, text_body,
			html_body, dedupe_key, status)
		values (${mail.organizationId}, ${mail.userId}, ${mail.recipient}, ${mail.kind}, ${mail.locale},
			${mail.subject}, ${mail.text}, ${mail.html}, ${mail.dedupeKey ?? null},
			${configured ? 'queued' : 'not_configured'})
		on conflict (dedupe_key) do nothing
		returning id`;
	if (!row) return null;
	if (configured) await addJob(sql, 'mail_send', { mailId: row.id });
	return row.id;
}

interface MailRow {
	id: string;
	recipient: string;
	subject: string;
	text_body: string;
	html_body: string;
	status: string;
	attempts: number;
	created_at: Date;
}

/** The queue's task: sends one mail; a failure is logged, kept on the row and retried. */
export async function sendMailJob(mailId: string, sql: Db = db()): Promise<void> {
	const [mail] = await sql<MailRow[]>`
		select id, recipient, subject, text_body, html_body, status, attempts, created_at
		from mail_messages where id = ${mailId}`;
	if (!mail || mail.status === 'sent' || mail.status === 'failed') return;
	const settings = smtpSettings();
	if (!settings) {
		await sql`update mail_messages set status = 'not_configured' where id = ${mailId}`;
		return;
	}
	const attempts = mail.attempts + 1;
	try {
		await transporter(settings).sendMail({
			from: settings.from,
			to: mail.recipient,
			subject: mail.subject,
			text: mail.text_body,
			html: mail.html_body
		});
		await sql`
			update mail_messages set status = 'sent', attempts = ${attempts}, sent_at = now(), error = null,
				next_attempt_at = null
			where id = ${mailId}`;
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const ceiling = Math.min(MAX_DELAY_MS, retryBaseMs() * 2 ** (attempts - 1));
		const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
		const giveUp = Date.now() + delay - mail.created_at.getTime() > GIVE_UP_MS;
		const next = giveUp ? null : new Date(Date.now() + delay);
		log.warn(
			{ mailId, recipient: mail.recipient, attempts, err: reason, nextAttemptAt: next },
			'mail not sent: SMTP refused or unreachable; it will be retried'
		);
		await sql`
			update mail_messages set status = ${giveUp ? 'failed' : 'retrying'}, attempts = ${attempts},
				error = ${reason.slice(0, 500)}, next_attempt_at = ${next}
			where id = ${mailId}`;
		if (next) await addJob(sql, 'mail_send', { mailId }, next);
	}
}

function retryBaseMs(): number {
	const n = Number(process.env.MAIL_RETRY_BASE_MS);
	return Number.isFinite(n) && n > 0 ? n : MINUTE;
}

export interface MailStatus {
	configured: boolean;
	/** The latest failure still being retried, for the pages to show. */
	failing: { error: string; attempts: number; nextAttemptAt: Date | null; at: Date } | null;
	recent: {
		id: string;
		recipient: string;
		kind: MailKind;
		subject: string;
		status: string;
		attempts: number;
		error: string | null;
		createdAt: Date;
	}[];
}

/** The mails of an organization's members and its own, newest first, for its admins. */
export async function mailStatus(organizationId: string, sql: Db = db()): Promise<MailStatus> {
	const recent = await sql<MailStatus['recent']>`
		select id, recipient, kind, subject, status, attempts, error, created_at as "createdAt"
		from mail_messages where organization_id = ${organizationId}
		order by created_at desc limit 30`;
	const [failing] = await sql<
		{ error: string; attempts: number; nextAttemptAt: Date | null; at: Date }[]
	>`
		select error, attempts, next_attempt_at as "nextAttemptAt", created_at as at
		from mail_messages where status = 'retrying' and error is not null
		order by created_at desc limit 1`;
	return { configured: smtpSettings() !== null, failing: failing ?? null, recent };
}
