/** PostgreSQL refuses to run as root: when we are root, it runs as the "postgres" OS user. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from '../../log';
import { EmbeddedDatabaseError, errorText } from './errors';

const OS_USER = 'postgres';

const execFileAsync = promisify(execFile);

export interface OsUser {
	name: string;
	uid: number;
	gid: number;
	groups: number[];
}

/** The user PostgreSQL must run as, or undefined when we are not root (it runs as us). */
export async function resolveServerUser(log: Logger): Promise<OsUser | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	return (await lookupUser(OS_USER)) ?? (await createServerUser(log));
}

async function lookupUser(name: string): Promise<OsUser | undefined> {
	try {
		const [uid, gid, groups] = await Promise.all(
			['-u', '-g', '-G'].map(async (flag) => (await execFileAsync('id', [flag, name])).stdout)
		);
		const user = {
			name,
			uid: Number.parseInt(uid ?? '', 10),
			gid: Number.parseInt(gid ?? '', 10),
			groups: (groups ?? '').trim().split(/\s+/).map(Number)
		};
		return Number.isInteger(user.uid) && Number.isInteger(user.gid) ? user : undefined;
	} catch {
		return undefined;
	}
}

async function createServerUser(log: Logger): Promise<OsUser> {
	log.warn(
		{ user: OS_USER },
		'creating an OS user to run PostgreSQL, which refuses to run as root'
	);
	const args = await userAddArgs();
	try {
		await execFileAsync('useradd', args);
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL refuses to run as root, and Nightshift could not create a "${OS_USER}" user ` +
				`to run it as (${errorText(error)}). Create that user yourself ` +
				`(useradd --system --user-group ${OS_USER}) or run Nightshift as a non-root user.`,
			{ cause: error }
		);
	}
	const user = await lookupUser(OS_USER);
	if (!user) {
		throw new EmbeddedDatabaseError(
			`The "${OS_USER}" user was created but cannot be looked up. Check it with "id ${OS_USER}".`
		);
	}
	return user;
}

async function userAddArgs(): Promise<string[]> {
	const groupExists = await execFileAsync('getent', ['group', OS_USER]).then(
		() => true,
		() => false
	);
	return [
		'--system',
		'--no-create-home',
		'--home-dir',
		'/nonexistent',
		'--shell',
		'/usr/sbin/nologin',
		...(groupExists ? ['--gid', OS_USER] : ['--user-group']),
		OS_USER
	];
}
