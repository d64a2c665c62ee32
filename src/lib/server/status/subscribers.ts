import { m } from '$lib/paraglide/messages';
import { labels } from '$lib/text/labels';
import { baseLocale, locales } from '$lib/paraglide/runtime';
import type { PublicPhase } from '$lib/status/model';
import { hashSecret, randomSecret } from '../auth/tokens';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { queueMail } from '../mail/outbox';
import { addJobs } from '../queue/queue';
import { publicOrigin, smtpSettings } from '../mail/settings';
import { asLocale, renderMail } from '../mail/templates';
import { parse } from '../validation';
import { subscribeInput, subscriptionToken } from './schemas';

/** A second sign-up of the same address within this time sends no second confirmation mail. */
const RESEND_AFTER_MINUTES = 10;

const pageLink = (slug: string) => `${publicOrigin()}/status/${slug}`;

export const phaseIn = labels<PublicPhase>({
	investigating: m.status_phase_investigating,
	identified: m.status_phase_identified,
	monitoring: m.status_phase_monitoring,
	resolved: m.status_phase_resolved
});

/** Whether the page can offer e-mail subscriptions: only with SMTP configured. */
export function subscriptionsOffered(): boolean {
	return smtpSettings() !== null;
}

/**
 * A visitor asks for the page's updates by e-mail (double opt-in): a confirmation link is
 * mailed, nothing more until it is followed. The answer is the same whether the address was
 * already subscribed or not, so the form tells nobody who subscribes. Without SMTP the mail
 * is kept as "not configured" (the page does not offer the form then).
 */
export async function subscribe(slug: string, input: unknown, locale: string): Promise<void> {
	const { email } = parse(subscribeInput, input);
	await db().begin(async (tx) => {
		const [page] = await tx<{ organization_id: string; title: string }[]>`
			select organization_id, title from status_pages where slug = ${slug} and enabled`;
		if (!page) throw new AppError('not_found', m.err_status_page_not_found());
		const token = randomSecret(24);
		const [row] = await tx<{ id: string; confirmed: boolean }[]>`
			insert into status_subscribers (organization_id, email, token_hash, locale, confirm_sent_at)
			values (${page.organization_id}, ${email}, ${hashSecret(token)}, ${asLocale(locale)}, now())
			on conflict (organization_id, email) do update
				set token_hash = excluded.token_hash, locale = excluded.locale, confirm_sent_at = now()
				where status_subscribers.confirmed_at is null
					and (status_subscribers.confirm_sent_at is null
						or status_subscribers.confirm_sent_at < now() - make_interval(mins => ${RESEND_AFTER_MINUTES}))
			returning id, confirmed_at is not null as confirmed`;
		if (!row) return; // Already confirmed, or a confirmation was just sent.
		const to = asLocale(locale);
		await queueMail(tx, {
			...renderMail(to, {
				subject: m.mail_status_confirm_subject({ title: page.title }, { locale: to }),
				lines: [m.mail_status_confirm_line({ title: page.title }, { locale: to })],
				link: `${pageLink(slug)}/subscription/${token}`,
				action: m.mail_status_confirm_action({}, { locale: to })
			}),
			recipient: email,
			userId: null,
			organizationId: page.organization_id,
			kind: 'status_confirm',
			locale: to
		});
	});
}

export type SubscriptionState = 'pending' | 'confirmed' | 'unknown';

interface SubscriberRow {
	id: string;
	confirmed_at: Date | null;
	email: string;
}

async function findSubscriber(sql: Db, slug: string, token: string): Promise<SubscriberRow | null> {
	const parsed = subscriptionToken.safeParse(token);
	if (!parsed.success) return null;
	const [row] = await sql<SubscriberRow[]>`
		select s.id, s.confirmed_at, s.email from status_subscribers s
		join status_pages p on p.organization_id = s.organization_id
		where p.slug = ${slug}
			and (s.token_hash = ${hashSecret(parsed.data)} or s.unsubscribe_token = ${parsed.data})`;
	return row ?? null;
}

/** What the link of a mail leads to, read without changing anything (mail scanners follow links). */
export async function subscriptionState(slug: string, token: string): Promise<SubscriptionState> {
	const row = await findSubscriber(db(), slug, token);
	if (!row) return 'unknown';
	return row.confirmed_at ? 'confirmed' : 'pending';
}

/** The second opt-in: the person pressed "confirm" on the page their link opened. */
export async function confirmSubscription(slug: string, token: string): Promise<void> {
	await db().begin(async (tx) => {
		const row = await findSubscriber(tx, slug, token);
		if (!row) throw new AppError('not_found', m.err_subscription_link_invalid());
		await tx`
			update status_subscribers set confirmed_at = coalesce(confirmed_at, now()),
				unsubscribe_token = coalesce(unsubscribe_token, ${randomSecret(24)})
			where id = ${row.id}`;
	});
}

export async function unsubscribe(slug: string, token: string): Promise<void> {
	await db().begin(async (tx) => {
		const row = await findSubscriber(tx, slug, token);
		if (!row) throw new AppError('not_found', m.err_subscription_link_invalid());
		await tx`delete from status_subscribers where id = ${row.id}`;
	});
}

/**
 * Queues the update for every confirmed subscriber, in the command's transaction, in two
 * statements whatever their number: the mail is rendered once per language with a stand-in
 * for the unsubscribe token, PostgreSQL writes one row per subscriber with theirs, and one
 * `add_jobs` queues them all. Without SMTP the rows are kept as "not configured".
 */
export async function mailSubscribersOfUpdate(
	tx: Db,
	organizationId: string,
	update: {
		updateId: string;
		slug: string;
		title: string;
		name: string;
		phase: PublicPhase;
		body: string;
	}
) {
	const stand = `unsubscribe${randomSecret(12).replace(/[^A-Za-z0-9]/g, '')}`;
	const rendered = locales.map((locale) => {
		const phase = phaseIn(update.phase, locale);
		return {
			locale,
			...renderMail(locale, {
				subject: m.mail_status_update_subject(
					{ title: update.title, name: update.name, phase },
					{ locale }
				),
				lines: [
					update.body,
					m.mail_status_unsubscribe(
						{ link: `${pageLink(update.slug)}/subscription/${stand}` },
						{ locale }
					)
				],
				link: pageLink(update.slug),
				action: m.mail_status_update_action({}, { locale })
			})
		};
	});
	const configured = smtpSettings() !== null;
	const mails = await tx<{ id: string }[]>`
		with rendered as (
			select * from unnest(${rendered.map((r) => r.locale)}::text[],
				${rendered.map((r) => r.subject)}::text[], ${rendered.map((r) => r.text)}::text[],
				${rendered.map((r) => r.html)}::text[]) as r (locale, subject, text_body, html_body)
		)
		insert into mail_messages (organization_id, user_id, recipient, kind, locale, subject,
			text_body, html_body, dedupe_key, status)
		select s.organization_id, null, s.email, 'status_update', r.locale, r.subject,
			replace(r.text_body, ${stand}, s.unsubscribe_token),
			replace(r.html_body, ${stand}, s.unsubscribe_token),
			'status-update:' || ${update.updateId} || ':' || s.id,
			${configured ? 'queued' : 'not_configured'}
		from status_subscribers s
		join rendered r on r.locale = case when s.locale = any(${[...locales]}::text[])
			then s.locale else ${baseLocale} end
		where s.organization_id = ${organizationId} and s.confirmed_at is not null
			and s.unsubscribe_token is not null
		on conflict (dedupe_key) do nothing
		returning id`;
	if (configured)
		await addJobs(
			tx,
			'mail_send',
			mails.map((mail) => ({ mailId: mail.id }))
		);
	return mails.length;
}
