import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For `use:enhance` on a form people correct and send again (settings, a refused sign-up): the
 * answer is applied but the fields keep what was typed.
 */
export const keepTyped: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });

/**
 * A form that says it is working while it is sent (its button reads "Signing in…" and is
 * disabled), keeping what was typed. Call it once in a component's script.
 */
export function submitting(): { readonly busy: boolean; enhance: SubmitFunction } {
	let busy = $state(false);
	return {
		get busy() {
			return busy;
		},
		enhance: () => {
			busy = true;
			return async ({ update }) => {
				await update({ reset: false });
				busy = false;
			};
		}
	};
}
