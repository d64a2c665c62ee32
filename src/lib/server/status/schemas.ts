import { z } from 'zod';
import { fromWallClock } from '$lib/time/zoned';
import { m } from '$lib/paraglide/messages';
import { MAINTENANCE_STATUSES } from '$lib/status/maintenance';
import { COMPONENT_STATES, IMPACTS, PUBLIC_PHASES, SLUG_PATTERN } from '$lib/status/model';
import { checkbox, expectedVersion, requiredText, uuid } from '../validation';

export const componentInput = z.object({
	itemId: uuid,
	name: requiredText(
		{ max: 80 },
		{ required: () => m.val_component_name_required(), long: () => m.val_component_name_long() }
	),
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
	title: requiredText(
		{ max: 120 },
		{ required: () => m.val_status_title_required(), long: () => m.val_status_title_long() }
	),
	components: z
		.array(componentInput, { error: () => m.val_components_list() })
		.max(50, { error: () => m.val_components_max() })
		.default([]),
	version: expectedVersion
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
	body: requiredText(
		{ max: 4000 },
		{ required: () => m.val_public_body_required(), long: () => m.val_public_body_long() }
	),
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
		.default([]),
	/**
	 * The components the public incident affects (Statuspage's `components` of an incident),
	 * the whole set; absent, it keeps its set. Those whose state this update sets are added.
	 */
	affectedComponents: z
		.array(uuid, { error: () => m.val_components_list() })
		.max(50, { error: () => m.val_components_max() })
		.optional()
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

/** The ids of the checked boxes named `<prefix><id>`. */
const checked = (values: Record<string, string>, prefix: string) =>
	Object.keys(values)
		.filter((key) => key.startsWith(prefix) && values[key] === 'on')
		.map((key) => key.slice(prefix.length));

/**
 * The room's composer: one state select per component (`state.<componentId>`, '' unchanged)
 * and one "affected" box each (`affected.<componentId>`, the whole set when `affectedShown`).
 */
export function publicUpdateFromForm(values: Record<string, string>): Record<string, unknown> {
	const components = Object.keys(values)
		.filter((key) => key.startsWith('state.') && values[key])
		.map((key) => ({ componentId: key.slice('state.'.length), state: values[key] }));
	return {
		name: values.name,
		phase: values.phase,
		impact: values.impact || undefined,
		body: values.body,
		components,
		affectedComponents: values.affectedShown ? checked(values, 'affected.') : undefined
	};
}

const instant = z.coerce.date({ error: () => m.val_datetime_invalid() });
const maintenanceName = requiredText(
	{ max: 120 },
	{ required: () => m.val_maintenance_name_required(), long: () => m.val_maintenance_name_long() }
);
const maintenanceBody = z
	.string({ error: () => m.val_maintenance_body_long() })
	.trim()
	.max(4000, { error: () => m.val_maintenance_body_long() });
const maintenanceComponents = z
	.array(uuid, { error: () => m.val_components_list() })
	.max(50, { error: () => m.val_components_max() });

/** A maintenance announced on the page: its window, what it affects, what the public reads. */
export const maintenanceInput = z
	.object({
		name: maintenanceName,
		body: maintenanceBody.min(1, { error: () => m.val_maintenance_body_required() }),
		scheduledFor: instant,
		scheduledUntil: instant,
		components: maintenanceComponents.default([])
	})
	.refine((v) => v.scheduledUntil.getTime() > v.scheduledFor.getTime(), {
		path: ['scheduledUntil'],
		error: () => m.val_maintenance_window()
	})
	.refine((v) => v.scheduledUntil.getTime() > Date.now(), {
		path: ['scheduledUntil'],
		error: () => m.val_maintenance_past()
	});
export type MaintenanceInput = z.infer<typeof maintenanceInput>;

/**
 * A change of a maintenance: its status by hand (with words for the public, or none), or its
 * name, window and components; on `version` when given.
 */
export const maintenanceChange = z.object({
	status: z.enum(MAINTENANCE_STATUSES, { error: () => m.val_maintenance_status() }).optional(),
	body: maintenanceBody.default(''),
	name: maintenanceName.optional(),
	scheduledFor: instant.optional(),
	scheduledUntil: instant.optional(),
	components: maintenanceComponents.optional(),
	version: expectedVersion
});
export type MaintenanceChange = z.infer<typeof maintenanceChange>;

/** The settings page's maintenance form, its times typed on the admin's wall clock. */
export function maintenanceFromForm(
	values: Record<string, string>,
	timeZone: string
): Record<string, unknown> {
	const at = (value: string | undefined) => (value ? fromWallClock(value, timeZone) : undefined);
	return {
		name: values.name,
		body: values.body,
		scheduledFor: at(values.scheduledFor),
		scheduledUntil: at(values.scheduledUntil),
		components: checked(values, 'component.')
	};
}

/** The settings page's status change of one maintenance. */
export function maintenanceChangeFromForm(values: Record<string, string>): Record<string, unknown> {
	return {
		status: values.status || undefined,
		body: values.body ?? '',
		version: values.version || undefined
	};
}
