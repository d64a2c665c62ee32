import { z } from 'zod';
import type { Actor } from '../access/actor';
import { db, type Db } from '../db/db';
import { runCommand, type CommandContext } from '../events/command';
import { parse } from '../validation';
import { OPTIONAL_MAIL_KINDS, type OptionalMailKind } from './templates';

const on = z
	.union([z.boolean(), z.enum(['true', 'false', 'on', ''])])
	.transform((v) => v === true || v === 'true' || v === 'on');

/** Each optional kind on or off; a kind left out is off (an unticked checkbox sends nothing). */
export const preferencesInput = z.object({
	approval_requested: on.optional(),
	incident_shared: on.optional(),
	step_assigned: on.optional(),
	action_item_due: on.optional(),
	webhook_disabled: on.optional()
} satisfies Record<OptionalMailKind, z.ZodOptional<typeof on>>);

export type MailPreferences = Record<OptionalMailKind, boolean>;

/** Which optional mails a person gets (all of them unless turned off). */
export async function readMailPreferences(
	actor: Pick<Actor, 'userId'>,
	sql: Db = db()
): Promise<MailPreferences> {
	const off = await sql<{ kind: string }[]>`
		select kind from mail_opt_outs where user_id = ${actor.userId}`;
	const offKinds = new Set(off.map((r) => r.kind));
	const get = (kind: OptionalMailKind) => !offKinds.has(kind);
	return {
		approval_requested: get('approval_requested'),
		incident_shared: get('incident_shared'),
		step_assigned: get('step_assigned'),
		action_item_due: get('action_item_due'),
		webhook_disabled: get('webhook_disabled')
	};
}

/** One's own choices: the kinds not ticked are turned off. */
export async function setMailPreferences(context: CommandContext, input: unknown) {
	const data = parse(preferencesInput, input);
	const off = OPTIONAL_MAIL_KINDS.filter((kind) => data[kind] !== true);
	const { result, replayed } = await runCommand(context, async (tx) => {
		await tx`delete from mail_opt_outs where user_id = ${context.actor.userId}`;
		for (const kind of off) {
			await tx`insert into mail_opt_outs (user_id, kind) values (${context.actor.userId}, ${kind})`;
		}
		return { off };
	});
	return { result, replayed };
}
