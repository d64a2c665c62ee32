/**
 * What a panel reads of its page's last form answer (`form`): which of the page's forms it
 * was, the refusal, the refused fields and what was typed (see FormFailure on the server).
 * A panel shows it only when `action` is its own form's.
 */
export interface FormFailureView {
	action?: string | null;
	message?: string;
	fields?: Record<string, string>;
	values?: Record<string, string>;
}
