import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { m } from '../../src/lib/paraglide/messages';
import { requestPasswordReset, readPasswordReset } from '../../src/lib/server/auth/password-reset';
import { createSession } from '../../src/lib/server/auth/session';
import { db } from '../../src/lib/server/db/db';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { log } from '../../src/lib/server/log';
import { mailStatus } from '../../src/lib/server/mail/outbox';
import { setMailPreferences } from '../../src/lib/server/mail/preferences';
import { createInvite } from '../../src/lib/server/organizations/invites';
import { stopWorker } from '../../src/lib/server/queue/queue';
import { startOwnWorker } from './outbound/queue';
import { readRun, startRun } from '../../src/lib/server/runbooks/runs';
import { actOnStep } from '../../src/lib/server/runbooks/steps';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { shareAccepted } from './harness/consent';
import { call } from './harness/dispatch';
import { until } from './outbound/receivers';
import { startSmtp } from './outbound/smtp';
import { templateStep } from './runbooks-fixtures';
import { addMember, newOrganization, newUser, uniqueEmail, useTestDatabase } from './setup';

useTestDatabase();

/**
 * E-mail against a real SMTP server on loopback (smtp-server, with a login): what arrives, to
 * whom, in which language, with which link; a wrong password is reported and nothing is lost.
 */

const env = { ...process.env };
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const ORIGIN = 'http://nightshift.test';

function smtpEnv(password: string) {
	process.env = {
		...env,
		SMTP_HOST: '127.0.0.1',
		SMTP_PORT: String(smtp.port),
		SMTP_TLS: 'false',
		SMTP_USER: 'nightshift',
		SMTP_PASSWORD: password,
		SMTP_FROM: 'Nightshift <night@shift.test>',
		ORIGIN,
		MAIL_RETRY_BASE_MS: '100'
	};
}

beforeAll(async () => {
	smtp = await startSmtp('nightshift', 'right password');
	await startOwnWorker(inject('databaseUrl'));
});
afterAll(async () => {
	await stopWorker();
	await smtp.close();
	process.env = env;
});
beforeEach(() => smtpEnv('right password'));

const mailTo = (address: string) =>
	until(() => smtp.received.find((mail) => mail.to.includes(address)), `a mail to ${address}`);

async function inFrench(userId: string) {
	await db()`update users set locale = 'fr' where id = ${userId}`;
}

describe('e-mail over SMTP', () => {
	it('mails an invitation in the language of the invited account, with the link that joins', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const [org] = await db()<
			{ name: string }[]
		>`select name from organizations where id = ${organizationId}`;
		const french = await newUser('Amélie');
		await inFrench(french.userId);
		const invite = await createInvite({ actor: owner }, organizationId, {
			role: 'responder',
			email: french.email
		});
		const mail = await mailTo(french.email);
		expect(mail.to).toEqual([french.email]);
		expect(mail.from).toBe('night@shift.test');
		expect(mail.subject).toBe(
			m.mail_invite_subject({ inviter: 'Claire', organization: org?.name ?? '' }, { locale: 'fr' })
		);
		expect(mail.text).toContain(`${ORIGIN}/invite/${invite.token}`);
		expect(mail.html).toContain(`${ORIGIN}/invite/${invite.token}`);
		expect(mail.text).toContain(m.role_responder({}, { locale: 'fr' }));

		// Someone without an account reads it in the inviter's language.
		const stranger = uniqueEmail('stranger');
		await createInvite({ actor: owner }, organizationId, { role: 'viewer', email: stranger });
		const english = await mailTo(stranger);
		expect(english.subject).toBe(
			m.mail_invite_subject({ inviter: 'Claire', organization: org?.name ?? '' }, { locale: 'en' })
		);
	});

	it('mails an approval asked of the approvers (never the requester), in their language', async () => {
		const claire = await newUser('Claire');
		const merchant = await newOrganization(claire, 'merchant');
		const nadia = await newUser('Nadia');
		const hoster = await newOrganization(nadia, 'provider');
		const marc = await addMember(hoster, 'responder', 'Marc');
		const security = await addMember(merchant, 'admin', 'Security officer');
		await inFrench(security.userId);
		const [securityRow] = await db()<
			{ email: string }[]
		>`select email from users where id = ${security.userId}`;
		const { templateId } = (
			await createTemplate({ actor: nadia }, hoster, {
				name: 'Open the firewall',
				body: {
					phases: [
						{
							title: 'Firewall',
							steps: [
								templateStep('open', {
									title: 'Open the firewall',
									requiresApproval: { organizationId: merchant, role: 'admin' }
								})
							]
						}
					]
				}
			})
		).result;
		const { incidentId } = (
			await declareIncident({ actor: claire }, merchant, { title: 'Shop down', severity: 'SEV1' })
		).result;
		await shareAccepted(claire, incidentId, hoster);
		await startRun({ actor: marc }, incidentId, { templateId });
		const step = (await readRun(marc, incidentId))?.steps[0];
		if (!step) throw new Error('no step');
		await actOnStep({ actor: marc }, incidentId, step.id, {
			action: 'request_approval',
			version: step.version
		});
		const mail = await mailTo(securityRow?.email ?? '');
		expect(mail.subject).toBe(
			m.mail_approval_subject({ step: 'Open the firewall' }, { locale: 'fr' })
		);
		expect(mail.text).toContain(`${ORIGIN}/incidents/${incidentId}`);
		expect(mail.text).toContain('Marc');
		const [marcRow] = await db()<
			{ email: string }[]
		>`select email from users where id = ${marc.userId}`;
		expect(smtp.received.some((r) => r.to.includes(marcRow?.email ?? ''))).toBe(false);
	});

	it("keeps a person's mail choices: a kind not ticked is turned off", async () => {
		const person = await newUser('Quiet admin');
		await setMailPreferences({ actor: person }, { step_assigned: true });
		const [row] = await db()<
			{ kind: string }[]
		>`select kind from mail_opt_outs where user_id = ${person.userId} order by kind`;
		expect(row?.kind).toBe('action_item_due');
		const kinds = await db()<
			{ kind: string }[]
		>`select kind from mail_opt_outs where user_id = ${person.userId}`;
		expect(kinds.map((k) => k.kind).sort()).toEqual(
			['action_item_due', 'approval_requested', 'incident_shared', 'webhook_disabled'].sort()
		);
	});

	it('mails a reset link asked for on the sign-in page; the link opens the reset page', async () => {
		const person = await newUser('Marc');
		await inFrench(person.userId);
		await requestPasswordReset({ email: person.email.toUpperCase() }, '10.0.0.1');
		const mail = await mailTo(person.email);
		expect(mail.subject).toBe(m.mail_reset_subject({}, { locale: 'fr' }));
		const token = /\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
		if (!token) throw new Error(`no reset link in ${mail.text}`);
		expect(mail.text).toContain(`${ORIGIN}/reset/${token}`);
		expect((await readPasswordReset(token)).email).toBe(person.email);
		// An unknown address gets the same answer, and nothing is sent.
		const before = smtp.received.length;
		await expect(requestPasswordReset({ email: uniqueEmail('nobody') })).resolves.toEqual({
			requested: true
		});
		const [queued] = await db()<
			{ n: number }[]
		>`select count(*)::int as n from mail_messages where status = 'queued'`;
		expect(queued?.n ?? 0).toBeGreaterThanOrEqual(0);
		expect(smtp.received.length).toBe(before);
	});

	it('reports a wrong SMTP password to admins and in the log, keeps the mail and sends it once fixed', async () => {
		const warn = vi.spyOn(log, 'warn');
		smtpEnv('wrong password');
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const invited = uniqueEmail('patient');
		await createInvite({ actor: owner }, organizationId, { role: 'viewer', email: invited });
		const failing = await until(async () => {
			const [row] = await db()<{ status: string; attempts: number; error: string | null }[]>`
				select status, attempts, error from mail_messages where recipient = ${invited}`;
			return row?.status === 'retrying' ? row : null;
		}, 'a refused mail');
		expect(failing.error).toMatch(/Invalid login|535|Invalid username or password/);
		expect(smtp.refusedLogins).toContain('nightshift');
		expect(warn.mock.calls.some(([, message]) => String(message).includes('mail not sent'))).toBe(
			true
		);

		// The organization's page tells its admins: its mail panel reads this status.
		const { token } = await createSession(owner.userId);
		const page = await call(
			{ kind: 'view', key: 'view /(app)/orgs/[id=uuid]', routeId: '/(app)/orgs/[id=uuid]' },
			{ params: { id: organizationId } },
			{ session: token }
		);
		expect(page.status).toBe(200);
		expect((JSON.parse(page.body) as { keys: string[] }).keys).toContain('mail');
		const status = await mailStatus(organizationId);
		expect(status.configured).toBe(true);
		expect(status.failing?.error).toMatch(/Invalid login|535|Invalid username or password/);
		expect(status.recent.find((r) => r.recipient === invited)?.status).toBe('retrying');
		expect(smtp.received.some((r) => r.to.includes(invited))).toBe(false);

		smtpEnv('right password');
		const mail = await mailTo(invited);
		expect(mail.subject).toContain('Claire');
		// The server has it before the queue records it as sent: wait for the row.
		const sent = await until(async () => {
			const [row] = await db()<{ status: string; attempts: number }[]>`
				select status, attempts from mail_messages where recipient = ${invited}`;
			return row?.status === 'sent' ? row : null;
		}, 'the mail recorded as sent');
		expect(sent?.attempts).toBeGreaterThan(1);
		expect(smtp.received.filter((r) => r.to.includes(invited))).toHaveLength(1);
		warn.mockRestore();
	}, 60_000);

	it('sends nothing without SMTP, and keeps the mail marked so', async () => {
		process.env = { ...env, ORIGIN };
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const invited = uniqueEmail('unsent');
		await createInvite({ actor: owner }, organizationId, { role: 'viewer', email: invited });
		const [row] = await db()<{ status: string }[]>`
			select status from mail_messages where recipient = ${invited}`;
		expect(row?.status).toBe('not_configured');
		await expect(requestPasswordReset({ email: owner.email })).rejects.toMatchObject({
			code: 'conflict'
		});
	});
});
