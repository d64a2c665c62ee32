/** The PostgreSQL cluster on disk: created by initdb on first start, owned by the server user. */
import {
	chmod,
	chown,
	lchown,
	lstat,
	mkdir,
	readdir,
	rename,
	rm,
	rmdir,
	stat
} from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from './context';
import { EmbeddedDatabaseError, errnoCode } from './errors';
import type { OsUser } from './os-user';
import { generatePassword, PASSWORD_FILE, readPassword, writeSecretFile } from './password';
import { SUPERUSER } from './settings';
import { formatTail, supervise } from './supervise';
import { within } from './timing';

export const CLUSTER_DIR = 'pg';
// initdb runs here and the result is renamed to CLUSTER_DIR, so a half-initialised cluster
// (killed during the first start) is never mistaken for a real one.
const INIT_DIR = 'pg.initialising';
const INITDB_TIMEOUT_MS = 120_000;

/** Creates the cluster on first start; returns the superuser password. */
export async function prepareCluster(ctx: Context): Promise<string> {
	const passwordPath = join(ctx.dataDir, PASSWORD_FILE);
	if (!(await exists(join(ctx.clusterDir, 'PG_VERSION')))) {
		await assertNoForeignClusterDir(ctx.clusterDir);
		return initialiseCluster(ctx, passwordPath);
	}
	const password = await readPassword(passwordPath, ctx);
	if (ctx.owner) await giveClusterTo(ctx.clusterDir, ctx.owner);
	return password;
}

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

async function assertNoForeignClusterDir(clusterDir: string): Promise<void> {
	try {
		await rmdir(clusterDir);
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return;
		throw new EmbeddedDatabaseError(
			`${clusterDir} exists but is not a PostgreSQL data directory (it has no PG_VERSION ` +
				'file). Move it away or delete it so Nightshift can create a new database there.',
			{ cause: error }
		);
	}
}

async function initialiseCluster(ctx: Context, passwordPath: string): Promise<string> {
	const initDir = join(ctx.dataDir, INIT_DIR);
	const pwfile = join(ctx.dataDir, `${INIT_DIR}.pwfile`);
	// Leftovers of an interrupted first start.
	await rm(initDir, { recursive: true, force: true });
	await mkdir(initDir, { mode: 0o700 });
	if (ctx.owner) await chown(initDir, ctx.owner.uid, ctx.owner.gid);
	const password = generatePassword();
	ctx.log.info({ clusterDir: ctx.clusterDir }, 'creating a new PostgreSQL cluster');
	try {
		await writeSecretFile(pwfile, password, ctx.owner);
		await runInitdb(ctx, initDir, pwfile);
	} catch (error) {
		await rm(initDir, { recursive: true, force: true });
		throw error;
	} finally {
		await rm(pwfile, { force: true });
	}
	await writeSecretFile(passwordPath, password, undefined);
	await rename(initDir, ctx.clusterDir);
	return password;
}

async function runInitdb(ctx: Context, pgdata: string, pwfile: string): Promise<void> {
	const proc = await supervise(ctx.binaries.initdb, initdbArgs(pgdata, pwfile), {
		owner: ctx.owner,
		cwd: ctx.dataDir,
		log: ctx.log.child({ source: 'initdb' }),
		detached: false
	});
	if (!(await within(proc.closed, INITDB_TIMEOUT_MS))) {
		proc.child.kill('SIGKILL');
		await proc.exited;
		throw new EmbeddedDatabaseError(
			`initdb did not finish within ${INITDB_TIMEOUT_MS / 1000} seconds while creating the ` +
				`PostgreSQL cluster in ${ctx.clusterDir}.${formatTail(proc.tail)}`
		);
	}
	if (proc.child.exitCode !== 0) {
		throw new EmbeddedDatabaseError(
			`initdb could not create the PostgreSQL cluster in ${ctx.clusterDir} ` +
				`(${proc.describeExit()}).${formatTail(proc.tail)}`
		);
	}
}

function initdbArgs(pgdata: string, pwfile: string): string[] {
	return [
		`--pgdata=${pgdata}`,
		`--username=${SUPERUSER}`,
		`--pwfile=${pwfile}`,
		'--auth=scram-sha-256',
		'--encoding=UTF8',
		// The builtin provider gives Unicode-aware C.UTF-8 without depending on OS locales.
		'--locale=C',
		'--locale-provider=builtin',
		'--builtin-locale=C.UTF-8',
		'--lc-messages=C'
	];
}

/** PostgreSQL insists on owning its data directory with mode 0700 or 0750. */
async function giveClusterTo(clusterDir: string, owner: OsUser): Promise<void> {
	const info = await lstat(clusterDir);
	if (info.uid !== owner.uid || info.gid !== owner.gid) {
		await chownTree(clusterDir, owner.uid, owner.gid);
	}
	if ((info.mode & 0o027) !== 0) await chmod(clusterDir, 0o700);
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
	await lchown(path, uid, gid);
	const info = await lstat(path);
	if (!info.isDirectory()) return;
	for (const entry of await readdir(path)) await chownTree(join(path, entry), uid, gid);
}
