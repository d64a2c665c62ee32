import { keyFromTitle, uniqueKey } from '$lib/runbooks/keys';
import type { TypedStep } from '$lib/runbooks/types';

/**
 * Reads the template editor's form (which works without JavaScript) into a template body.
 * Fields: name, description, version; phase.<p>.title, phase.<p>.remove; and per step
 * step.<p>.<s>.<field> (key, title, instructions, ownerSide, role, plannedMinutes, dependsOn
 * and itemIds repeated, expandTag, approvalOrganizationId, approvalRole, remove). A step slot left blank (no title,
 * no instructions) is the editor's empty "new step" row and is ignored; a step without a key
 * gets one made from its title. Values are left as typed: the schema validates them.
 */

export interface RawStep extends TypedStep {
	requiresApproval: { organizationId: string; role: string } | null;
}

export interface RawBody {
	phases: { title: string; steps: RawStep[] }[];
}

export interface TemplateForm {
	name: string;
	description: string;
	version: string;
	body: RawBody;
}

const PHASE_FIELD = /^phase\.(\d+)\.(title|remove)$/;
const STEP_FIELD = /^step\.(\d+)\.(\d+)\.([a-zA-Z]+)$/;

export function templateFromForm(form: FormData): TemplateForm {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const phaseIndexes = new Set<number>();
	const stepIndexes = new Map<number, Set<number>>();
	for (const name of form.keys()) {
		const phase = PHASE_FIELD.exec(name);
		if (phase) phaseIndexes.add(Number(phase[1]));
		const step = STEP_FIELD.exec(name);
		if (step) {
			const p = Number(step[1]);
			stepIndexes.set(p, (stepIndexes.get(p) ?? new Set()).add(Number(step[2])));
		}
	}
	const phases = [...phaseIndexes]
		.sort((a, b) => a - b)
		.filter((p) => !text(`phase.${p}.remove`) && text(`phase.${p}.title`).trim() !== '')
		.map((p) => ({
			title: text(`phase.${p}.title`),
			steps: [...(stepIndexes.get(p) ?? [])]
				.sort((a, b) => a - b)
				.map((s) => readStep(form, `step.${p}.${s}.`))
				.filter((step): step is RawStep => step !== null)
		}));
	assignMissingKeys(phases.flatMap((p) => p.steps));
	return {
		name: text('name'),
		description: text('description'),
		version: text('version'),
		body: { phases }
	};
}

function readStep(form: FormData, prefix: string): RawStep | null {
	const text = (field: string) => {
		const value = form.get(prefix + field);
		return typeof value === 'string' ? value : '';
	};
	const all = (field: string) =>
		form.getAll(prefix + field).filter((v): v is string => typeof v === 'string' && v !== '');
	if (text('remove')) return null;
	if (text('title').trim() === '' && text('instructions').trim() === '') return null;
	const approvalRole = text('approvalRole').trim();
	return {
		key: text('key').trim(),
		title: text('title'),
		instructions: text('instructions'),
		ownerSide: text('ownerSide'),
		role: text('role'),
		plannedMinutes: text('plannedMinutes'),
		dependsOn: all('dependsOn'),
		itemIds: all('itemIds'),
		expandTag: text('expandTag'),
		requiresApproval: approvalRole
			? { organizationId: text('approvalOrganizationId').trim(), role: approvalRole }
			: null
	};
}

function assignMissingKeys(steps: RawStep[]) {
	const taken = new Set(steps.map((s) => s.key).filter(Boolean));
	for (const step of steps) {
		if (step.key) continue;
		const key = uniqueKey(keyFromTitle(step.title), taken);
		taken.add(key);
		step.key = key;
	}
}
