import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	migrate,
	MigrationError,
	readMigrations,
	type Migration
} from '../../src/lib/server/db/migrate';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();

async function tableExists(name: string): Promise<boolean> {
	const [row] = await sql()<{ t: string | null }[]>`select to_regclass(${name})::text as t`;
	return Boolean(row?.t);
}

describe('migrations', () => {
	it('a migration that fails leaves the schema as it was and records nothing', async () => {
		const broken: Migration[] = [
			{ version: 9001, name: '9001_good.sql', sql: 'create table migration_probe (id int);' },
			{ version: 9002, name: '9002_bad.sql', sql: 'alter table no_such_table add column x int;' }
		];
		await expect(migrate(sql(), broken)).rejects.toThrow(MigrationError);
		await expect(migrate(sql(), broken)).rejects.toThrow(/9002_bad\.sql failed: .*no_such_table/);
		expect(await tableExists('migration_probe')).toBe(false);
		const rows = await sql()`select version from schema_migrations where version >= 9000`;
		expect(rows).toHaveLength(0);
	});

	it('applies each migration once even when two nodes migrate at the same time', async () => {
		const once: Migration[] = [
			{ version: 9101, name: '9101_once.sql', sql: 'create table migration_once (id int);' }
		];
		const results = await Promise.all([migrate(sql(), once), migrate(sql(), once)]);
		expect(results.flat()).toEqual(['9101_once.sql']);
		expect(await tableExists('migration_once')).toBe(true);
		await sql()`drop table migration_once`;
		await sql()`delete from schema_migrations where version = 9101`;
	});

	it('reads the numbered migration files in order and finds them all applied', async () => {
		const files = await readMigrations(path.resolve('migrations'));
		expect(files[0]?.name).toBe('0001_init.sql');
		expect(await migrate(sql(), files)).toEqual([]);
	});
});
