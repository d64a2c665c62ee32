import { keyFromTitle, uniqueKey } from '$lib/runbooks/keys';
import type { TypedStep } from '$lib/runbooks/types';

/** The editor's working copy: strings as typed, plus a uid per row for keyed lists. */
export interface EditStep extends TypedStep {
	uid: string;
	approvalRole: string;
	approvalOrganizationId: string;
}

export interface EditPhase {
	uid: string;
	title: string;
	steps: EditStep[];
}

interface LooseStep {
	key?: unknown;
	title?: unknown;
	instructions?: unknown;
	ownerSide?: unknown;
	role?: unknown;
	plannedMinutes?: unknown;
	dependsOn?: unknown;
	itemIds?: unknown;
	expandTag?: unknown;
	requiresApproval?: { role?: unknown; organizationId?: unknown } | null;
}

let counter = 0;
const uid = () => `row-${++counter}`;
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

export function blankStep(): EditStep {
	return {
		uid: uid(),
		key: '',
		title: '',
		instructions: '',
		ownerSide: 'provider',
		role: '',
		plannedMinutes: '30',
		dependsOn: [],
		itemIds: [],
		expandTag: '',
		approvalRole: '',
		approvalOrganizationId: ''
	};
}

export function blankPhase(): EditPhase {
	return { uid: uid(), title: '', steps: [] };
}

/** From a saved body or from the JSON a refused save sent back (values as typed). */
export function toEditable(body: unknown): EditPhase[] {
	const phases = (body as { phases?: unknown } | null)?.phases;
	if (!Array.isArray(phases)) return [];
	return phases.map((phase: { title?: unknown; steps?: unknown }) => ({
		uid: uid(),
		title: str(phase.title),
		steps: (Array.isArray(phase.steps) ? phase.steps : []).map((s: LooseStep) => ({
			uid: uid(),
			key: str(s.key),
			title: str(s.title),
			instructions: str(s.instructions),
			ownerSide: str(s.ownerSide) || 'provider',
			role: str(s.role),
			plannedMinutes: str(s.plannedMinutes),
			dependsOn: strings(s.dependsOn),
			itemIds: strings(s.itemIds),
			expandTag: str(s.expandTag),
			approvalRole: str(s.requiresApproval?.role),
			approvalOrganizationId: str(s.requiresApproval?.organizationId)
		}))
	}));
}

/** Gives a step without a key one made from its title, so others can depend on it. */
export function ensureKey(step: EditStep, phases: EditPhase[]) {
	if (step.key || !step.title.trim()) return;
	const taken = new Set(phases.flatMap((p) => p.steps.map((s) => s.key)).filter(Boolean));
	step.key = uniqueKey(keyFromTitle(step.title), taken);
}

/** Removes a step and every dependency on it. */
export function removeStep(phases: EditPhase[], phase: EditPhase, step: EditStep) {
	phase.steps = phase.steps.filter((s) => s.uid !== step.uid);
	for (const other of phases.flatMap((p) => p.steps)) {
		other.dependsOn = other.dependsOn.filter((k) => k !== step.key);
	}
}

export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
	const to = index + by;
	if (to < 0 || to >= list.length) return list;
	const copy = [...list];
	const [item] = copy.splice(index, 1);
	if (item !== undefined) copy.splice(to, 0, item);
	return copy;
}
