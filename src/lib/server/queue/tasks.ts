import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { sweepRateCounters } from '../access/rate-limits';
import { sendMailJob } from '../mail/outbox';
import { mailDueActionItems } from '../mail/due';
import { deliverJob } from '../webhooks/deliver';
import { fanOut } from '../webhooks/fanout';

// Payloads come back from the jobs table as JSON: parsed, never cast.
const outbound = z.object({
	events: z.array(z.object({ streamId: z.string().uuid(), seq: z.number().int() }))
});
const delivery = z.object({ deliveryId: z.string().uuid() });
const mail = z.object({ mailId: z.string().uuid() });

const outboundEvent: Task = async (payload) => fanOut(outbound.parse(payload).events);
const webhookDeliver: Task = async (payload) => deliverJob(delivery.parse(payload).deliveryId);
const mailSend: Task = async (payload) => sendMailJob(mail.parse(payload).mailId);
const actionItemsDue: Task = async () => {
	await mailDueActionItems();
};

/** What the queue runs, by job name (see queue.ts for the payloads). */
export const TASKS: TaskList = {
	outbound_event: outboundEvent,
	webhook_deliver: webhookDeliver,
	mail_send: mailSend,
	action_items_due: actionItemsDue,
	rate_counters_sweep: async () => {
		await sweepRateCounters();
	}
};

/**
 * Every morning at 07:00 UTC, the action items due today are mailed to their owners; every
 * five minutes, the rate-limit windows that have ended are deleted (one node runs each).
 */
export const CRONTAB = ['0 7 * * * action_items_due', '*/5 * * * * rate_counters_sweep'].join('\n');
