import { z } from 'zod';
import { COMPONENT_STATES, IMPACTS, PUBLIC_PHASES, SLUG_PATTERN } from '$lib/status/model';
import { uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

const checkbox = z
	.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.transform((v) => v === true || v === 'on' || v === 'true');

export const componentInput = z.object({
	itemId: uuid,
	name: z
		.string({ error: () => m.val_component_name_required() })
		.trim()
		.min(1, { error: () => m.val_component_name_required() })
		.max(80, { error: () => m.val_component_name_long() }),
	state: z
		.enum(COMPONENT_STATES, {
			error: () => m.val_component_state()
		})
		.default('operational')
});

/** The whole page at once: its address, title, whether it is public, and its components. */
export const statusPageInput = z.object({
	enabled: checkbox.default(false),
	slug: z
		.string({ error: () => m.val_status_slug_required() })
		.trim()
		.toLowerCase()
		.regex(SLUG_PATTERN, {
			error: () => m.val_status_slug_pattern()
		}),
	title: z
		.string({ error: () => m.val_status_title_required() })
		.trim()
		.min(1, { error: () => m.val_status_title_required() })
		.max(120, { error: () => m.val_status_title_long() }),
	components: z
		.array(componentInput, { error: () => m.val_components_list() })
		.max(50, { error: () => m.val_components_max() })
		.default([]),
	version: z.coerce.number().int().positive().optional()
});
export type StatusPageInput = z.infer<typeof statusPageInput>;

/** A deliberate public update, written from the room: never anything of its timeline. */
export const publicUpdateInput = z.object({
	name: z
		.string({ error: () => m.val_public_name_required() })
		.trim()
		.max(120, { error: () => m.val_public_name_long() })
		.optional(),
	phase: z.enum(PUBLIC_PHASES, {
		error: () => m.val_public_phase()
	}),
	impact: z.enum(IMPACTS, { error: () => m.val_public_impact() }).optional(),
	body: z
		.string({ error: () => m.val_public_body_required() })
		.trim()
		.min(1, { error: () => m.val_public_body_required() })
		.max(4000, { error: () => m.val_public_body_long() }),
	/** Component states to set with the update (the others keep theirs). */
	components: z
		.array(
			z.object({
				componentId: uuid,
				state: z.enum(COMPONENT_STATES, {
					error: () => m.val_component_state()
				})
			}),
			{ error: () => m.val_components_list() }
		)
		.max(50, { error: () => m.val_components_max() })
		.default([])
});
export type PublicUpdateInput = z.infer<typeof publicUpdateInput>;

export const subscribeInput = z.object({
	email: z
		.string({ error: () => m.val_subscribe_email_required() })
		.trim()
		.toLowerCase()
		.max(254, { error: () => m.val_subscribe_email_long() })
		.email({ error: () => m.val_subscribe_email_invalid() })
});

export const subscriptionToken = z
	.string()
	.regex(/^[A-Za-z0-9_-]{20,100}$/, { error: () => m.val_subscription_token() });

/**
 * The settings form: one checkbox, name and state per inventory item (`public.<id>`,
 * `name.<id>`, `state.<id>`), read into the JSON API's shape.
 */
export function statusPageFromForm(values: Record<string, string>): Record<string, unknown> {
	const components = Object.keys(values)
		.filter((key) => key.startsWith('public.') && values[key] === 'on')
		.map((key) => key.slice('public.'.length))
		.map((itemId) => ({
			itemId,
			name: values[`name.${itemId}`] ?? '',
			state: values[`state.${itemId}`] || 'operational'
		}));
	return {
		enabled: values.enabled ?? '',
		slug: values.slug,
		title: values.title,
		components,
		version: values.version || undefined
	};
}

/** The room's composer: one state select per component (`state.<componentId>`, '' unchanged). */
export function publicUpdateFromForm(values: Record<string, string>): Record<string, unknown> {
	const components = Object.keys(values)
		.filter((key) => key.startsWith('state.') && values[key])
		.map((key) => ({ componentId: key.slice('state.'.length), state: values[key] }));
	return {
		name: values.name,
		phase: values.phase,
		impact: values.impact || undefined,
		body: values.body,
		components
	};
}
