import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** The kinds of mail, each a preference a person may turn off (some cannot be: see below). */
export const MAIL_KINDS = [
	'org_invite',
	'incident_invite',
	'approval_requested',
	'incident_shared',
	'step_assigned',
	'password_reset',
	'action_item_due',
	'webhook_disabled',
	'status_confirm',
	'status_update'
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** What a person chooses on their account page; the rest is sent because they asked for it. */
export const OPTIONAL_MAIL_KINDS = [
	'approval_requested',
	'incident_shared',
	'step_assigned',
	'action_item_due',
	'webhook_disabled'
] as const satisfies readonly MailKind[];
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];

export function isOptional(kind: MailKind): kind is OptionalMailKind {
	return (OPTIONAL_MAIL_KINDS as readonly MailKind[]).includes(kind);
}

export interface Rendered {
	subject: string;
	text: string;
	html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One mail: a subject, a few lines, one link; plain text and the same as simple HTML. */
export function renderMail(
	locale: Locale,
	mail: { subject: string; lines: string[]; link: string; action: string }
): Rendered {
	const footer = m.mail_footer({}, { locale });
	const text = [...mail.lines, '', `${mail.action}: ${mail.link}`, '', '—', footer].join('\n');
	const html = `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">
${mail.lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
<p><a href="${escape(mail.link)}" style="display:inline-block;padding:8px 14px;background:#1f4fd1;color:#fff;border-radius:6px;text-decoration:none">${escape(mail.action)}</a></p>
<p style="font-size:13px;color:#555">${escape(mail.link)}</p>
<hr><p style="font-size:12px;color:#666">${escape(footer)}</p>
</body></html>`;
	return { subject: mail.subject, text, html };
}

export const asLocale = (value: string | null | undefined): Locale =>
	value === 'fr' ? 'fr' : 'en';
