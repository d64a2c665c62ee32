import { join } from 'node:path';
import postgres from 'postgres';
import type { Context } from './context';
import { EmbeddedDatabaseError, errnoCode, errorText } from './errors';
import { PASSWORD_FILE } from './password';
import { DATABASE, HOST, SUPERUSER } from './settings';

/** Creates the application database in a fresh cluster; a no-op once it exists. */
export async function ensureAppDatabase(
	ctx: Context,
	port: number,
	password: string
): Promise<void> {
	const sql = postgres({
		host: HOST,
		port,
		user: SUPERUSER,
		password,
		database: 'postgres',
		max: 1,
		connect_timeout: 10,
		onnotice: () => undefined
	});
	try {
		const found = await sql`select 1 from pg_database where datname = ${DATABASE}`;
		if (found.length === 0) {
			await sql.unsafe(`create database ${DATABASE}`);
			ctx.log.info({ database: DATABASE }, 'created the application database');
		}
	} catch (error) {
		const hint =
			errnoCode(error) === '28P01'
				? ` The password in ${join(ctx.dataDir, PASSWORD_FILE)} does not match the cluster; ` +
					'restore the original file.'
				: '';
		throw new EmbeddedDatabaseError(
			`PostgreSQL started but Nightshift could not create or open its "${DATABASE}" ` +
				`database (${errorText(error)}).${hint}`,
			{ cause: error }
		);
	} finally {
		await sql.end({ timeout: 5 });
	}
}
