import type { Logger } from '../../log';
import type { PostgresBinaries } from './binaries';
import type { OsUser } from './os-user';

/** What every step of a start needs to know about the cluster it works on. */
export interface Context {
	dataDir: string;
	clusterDir: string;
	log: Logger;
	binaries: PostgresBinaries;
	/** Set when we are root: PostgreSQL refuses root, so it runs as this user instead. */
	owner: OsUser | undefined;
}
