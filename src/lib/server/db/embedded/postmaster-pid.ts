import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePid } from './processes';

export interface PostmasterPid {
	pid: number;
	status: string | undefined;
}

/** The cluster's postmaster.pid, if there is one naming a pid. */
export async function readPostmasterPid(clusterDir: string): Promise<PostmasterPid | undefined> {
	let text: string;
	try {
		text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8');
	} catch {
		return undefined;
	}
	const pid = parsePid(text);
	// Line 8 is the server status that pg_ctl waits on: "starting", "ready", "stopping".
	return pid === undefined ? undefined : { pid, status: text.split('\n')[7]?.trim() };
}
