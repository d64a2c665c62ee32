import { AppError } from '../errors';
import { findUserByEmail } from '../users/queries';
import { signInInput } from '../users/schemas';
import { parse } from '../validation';
import { verifyDecoy, verifyPassword } from './password';
import { assertLoginAllowed, recordLoginAttempt } from './rate-limit';
import { createSession } from './session';

/** One message for an unknown email and a wrong password: no account enumeration. */
export const WRONG_CREDENTIALS = 'Wrong email or password.';

export async function signIn(input: unknown, context: { address: string; userAgent?: string }) {
	const { email, password } = parse(signInInput, input);
	await assertLoginAllowed(email, context.address);
	const user = await findUserByEmail(email);
	const valid = user
		? await verifyPassword(user.password_hash, password)
		: await verifyDecoy(password);
	await recordLoginAttempt(email, context.address, valid);
	if (!user || !valid)
		throw new AppError('unauthenticated', WRONG_CREDENTIALS, { form: WRONG_CREDENTIALS });
	const { token, session } = await createSession(user.id, context);
	return { token, session, userId: user.id };
}
