import type { z } from 'zod';
import { checkTemplate, describeProblem } from '$lib/runbooks/template-check';
import type { TemplateBody } from '$lib/runbooks/types';
import { AppError } from '../errors';
import { templateBodyInput } from './schemas';
import { m } from '$lib/paraglide/messages';

type Input = z.input<typeof templateBodyInput>;

/**
 * Validates a template body: field by field (a message naming the step at fault, and the
 * field's path for the editor), then its graph (unknown keys, cycles, named by title).
 */
export function parseTemplateBody(input: unknown): TemplateBody {
	const result = templateBodyInput.safeParse(input);
	if (!result.success) {
		const fields: Record<string, string> = {};
		for (const issue of result.error.issues) fields[issue.path.join('.')] ??= issue.message;
		const issue = result.error.issues[0];
		const where = issue ? describePath(input, issue.path) : '';
		throw new AppError('invalid', `${where}${issue?.message ?? m.val_template_invalid()}`, fields);
	}
	const problem = checkTemplate(result.data);
	if (problem)
		throw new AppError('invalid', describeProblem(problem), { body: describeProblem(problem) });
	return result.data;
}

/** "Step “Reinstall Debian”: " for an issue inside a step, "Phase 2: " inside a phase. */
function describePath(input: unknown, path: PropertyKey[]): string {
	const [, phaseIndex, , stepIndex] = path;
	if (typeof phaseIndex !== 'number') return '';
	const phases = (input as Partial<Input> | null)?.phases;
	const phase = Array.isArray(phases) ? phases[phaseIndex] : undefined;
	if (typeof stepIndex !== 'number') return m.val_where_phase({ phase: phaseIndex + 1 });
	const step = Array.isArray(phase?.steps) ? phase.steps[stepIndex] : undefined;
	const title = typeof step?.title === 'string' && step.title.trim() ? step.title.trim() : null;
	return title
		? m.val_where_step({ title })
		: m.val_where_step_number({ step: stepIndex + 1, phase: phaseIndex + 1 });
}
