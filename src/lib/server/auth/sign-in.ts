import { AppError } from '../errors';
import { recordAuthEvent } from './auth-events';
import { findUserByEmail } from '../users/queries';
import { signInInput } from '../users/schemas';
import { parse } from '../validation';
import { verifyDecoy, verifyPassword } from './password';
import { assertLoginAllowed, recordLoginAttempt } from './rate-limit';
import { createSession } from './session';
import { findRequiredProviders } from '../sso/providers';
import { m } from '$lib/paraglide/messages';

export async function signIn(input: unknown, context: { address: string; userAgent?: string }) {
	const { email, password } = parse(signInInput, input);
	await assertLoginAllowed(email, context.address);
	const user = await findUserByEmail(email);
	const valid = user
		? await verifyPassword(user.password_hash, password)
		: await verifyDecoy(password);
	await recordLoginAttempt(email, context.address, valid);
	const audit = { userId: user?.id ?? null, email, ...context };
	if (!user || !valid) {
		await recordAuthEvent('sign_in_failed', audit);
		// One message for an unknown email and a wrong password: no account enumeration.
		throw new AppError('unauthenticated', m.err_wrong_credentials(), {
			form: m.err_wrong_credentials()
		});
	}
	await refuseIfSsoRequired(user.id, audit);
	const { token, session } = await createSession(user.id, context);
	await recordAuthEvent('sign_in', audit);
	return { token, session, userId: user.id };
}

/**
 * A member of an organization that requires its identity provider may not use a password,
 * even the right one (checked after it, so that the refusal reveals nothing to a guesser).
 */
async function refuseIfSsoRequired(userId: string, audit: Parameters<typeof recordAuthEvent>[1]) {
	const [provider] = await findRequiredProviders(userId);
	if (!provider) return;
	await recordAuthEvent('password_refused_sso', {
		...audit,
		organizationId: provider.organizationId,
		detail: provider.displayName
	});
	const message = provider.organizationName
		? m.err_sso_required_named({
				organization: provider.organizationName,
				provider: provider.displayName
			})
		: m.err_sso_required({ provider: provider.displayName });
	throw new AppError('forbidden', message, {
		form: message,
		ssoProviderId: provider.id,
		ssoProviderName: provider.displayName
	});
}
