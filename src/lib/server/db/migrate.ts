import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from './db';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// An arbitrary constant shared by every node: the key of the advisory lock.
const MIGRATION_LOCK_KEY = 7_461_937_113;

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export class MigrationError extends Error {}

export async function readMigrations(dir: string): Promise<Migration[]> {
	const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	const migrations: Migration[] = [];
	for (const name of files) {
		const match = MIGRATION_FILE.exec(name);
		if (!match?.[1]) throw new MigrationError(`Migration file name not understood: ${name}`);
		migrations.push({
			version: Number(match[1]),
			name,
			sql: await readFile(path.join(dir, name), 'utf8')
		});
	}
	return migrations;
}

/**
 * Applies the pending migrations in one transaction under a transaction-scoped advisory
 * lock: a session lock taken on a pooled connection could be released on another one, and
 * the transaction makes a failed migration leave the schema exactly as it was.
 */
export async function migrate(sql: Sql, migrations: Migration[]): Promise<string[]> {
	try {
		return await sql.begin(async (tx) => {
			await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
			await tx`
				create table if not exists schema_migrations (
					version integer primary key,
					name text not null,
					applied_at timestamptz not null default now()
				)`;
			const rows = await tx<{ version: number }[]>`select version from schema_migrations`;
			const applied = new Set(rows.map((r) => r.version));
			const done: string[] = [];
			for (const m of migrations.filter((m) => !applied.has(m.version))) {
				await tx.unsafe(m.sql).catch((cause: unknown) => {
					const reason = cause instanceof Error ? cause.message : String(cause);
					throw new MigrationError(`Migration ${m.name} failed: ${reason}`);
				});
				await tx`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`;
				done.push(m.name);
			}
			return done;
		});
	} catch (cause) {
		if (cause instanceof MigrationError) throw cause;
		throw new MigrationError(
			`Migrations failed: ${cause instanceof Error ? cause.message : cause}`
		);
	}
}

/** Whether every migration on disk is applied: what /readyz reports. */
export async function pendingMigrations(sql: Sql, migrations: Migration[]): Promise<number> {
	const exists = await sql<
		{ t: string | null }[]
	>`select to_regclass('schema_migrations')::text as t`;
	if (!exists[0]?.t) return migrations.length;
	const rows = await sql<{ version: number }[]>`select version from schema_migrations`;
	const applied = new Set(rows.map((r) => r.version));
	return migrations.filter((m) => !applied.has(m.version)).length;
}
