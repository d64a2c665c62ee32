/** The superuser password: generated once by initdb's caller, kept beside the cluster. */
import { randomBytes } from 'node:crypto';
import { chmod, chown, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { Context } from './context';
import { EmbeddedDatabaseError, errorText } from './errors';
import type { OsUser } from './os-user';

export const PASSWORD_FILE = 'postgres-password';

export function generatePassword(): string {
	return randomBytes(32).toString('base64url');
}

/** Atomic, so a crash never leaves a truncated password behind. */
export async function writeSecretFile(
	path: string,
	content: string,
	owner: OsUser | undefined
): Promise<void> {
	const tmp = `${path}.tmp-${process.pid}`;
	await writeFile(tmp, `${content}\n`, { mode: 0o600 });
	// writeFile keeps the mode of a file that already existed.
	await chmod(tmp, 0o600);
	if (owner) await chown(tmp, owner.uid, owner.gid);
	await rename(tmp, path);
}

export async function readPassword(path: string, ctx: Context): Promise<string> {
	let password: string;
	try {
		password = (await readFile(path, 'utf8')).trim();
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`The PostgreSQL cluster in ${ctx.clusterDir} exists but its password file ${path} ` +
				`cannot be read (${errorText(error)}). Restore that file from a backup, or move ` +
				`${ctx.clusterDir} away to start with a new, empty database.`,
			{ cause: error }
		);
	}
	if (!password) {
		throw new EmbeddedDatabaseError(
			`The password file ${path} is empty. Restore it from a backup, or move ` +
				`${ctx.clusterDir} away to start with a new, empty database.`
		);
	}
	const { mode } = await stat(path);
	if ((mode & 0o077) !== 0) {
		ctx.log.warn({ path }, 'the database password file was readable by others; restricting it');
		await chmod(path, 0o600);
	}
	return password;
}
