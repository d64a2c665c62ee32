/** Whether the OS user PostgreSQL runs as can reach the data directory and the binaries. */
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PostgresBinaries } from './binaries';
import { EmbeddedDatabaseError } from './errors';
import type { OsUser } from './os-user';

export async function assertServerUserCanReach(
	user: OsUser,
	dataDir: string,
	binaries: PostgresBinaries
): Promise<void> {
	const blocked = await findBlockingDirectory(dataDir, user);
	if (blocked) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL runs as the "${user.name}" user because it refuses to run as root, but that ` +
				`user cannot enter ${blocked}, so it cannot reach the data directory ${dataDir}. ` +
				'Set NIGHTSHIFT_DATA_DIR to a directory outside it (for example /var/lib/nightshift), ' +
				`or allow entry with: chmod o+x ${blocked}`
		);
	}
	const nativeDir = dirname(dirname(binaries.postgres));
	const blockedBinaries = await findBlockingDirectory(nativeDir, user);
	if (blockedBinaries) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL runs as the "${user.name}" user because it refuses to run as root, but that ` +
				`user cannot enter ${blockedBinaries}, so it cannot run the PostgreSQL binaries in ` +
				`${nativeDir}. Install Nightshift somewhere that user can reach, or allow entry ` +
				`with: chmod o+x ${blockedBinaries}`
		);
	}
}

/** The outermost directory on the way to `target` that `user` may not search, if any. */
async function findBlockingDirectory(target: string, user: OsUser): Promise<string | undefined> {
	for (const dir of ancestorsFromRoot(target)) {
		const info = await stat(dir);
		if (!canSearch(info.mode, info.uid, info.gid, user)) return dir;
	}
	return undefined;
}

function ancestorsFromRoot(target: string): string[] {
	const dirs = [target];
	for (let dir = dirname(target); dir !== dirs[0]; dir = dirname(dir)) dirs.unshift(dir);
	return dirs;
}

function canSearch(mode: number, uid: number, gid: number, user: OsUser): boolean {
	// Unix checks only the most specific class: owner, else group, else others.
	if (uid === user.uid) return (mode & 0o100) !== 0;
	if (gid === user.gid || user.groups.includes(gid)) return (mode & 0o010) !== 0;
	return (mode & 0o001) !== 0;
}
