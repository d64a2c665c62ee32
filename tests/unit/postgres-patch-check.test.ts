import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unpatchedPostgresFiles } from '../../src/lib/server/db/patched';

const installed = path.resolve('node_modules/postgres');
let copy: string | null = null;

afterEach(() => {
	if (copy) rmSync(copy, { recursive: true, force: true });
	copy = null;
});

describe('the postgres.js patch check at start', () => {
	it('finds the patch applied to the installed library', () => {
		expect(unpatchedPostgresFiles()).toEqual([]);
	});

	it('names the files of an install where the patch was skipped', () => {
		copy = mkdtempSync(path.join(tmpdir(), 'postgres-unpatched-'));
		cpSync(installed, copy, { recursive: true });
		const file = path.join(copy, 'cjs/src/index.js');
		writeFileSync(file, readFileSync(file, 'utf8').replaceAll('Nightshift patch', 'upstream'));
		rmSync(path.join(copy, 'src/connection.js'));
		expect(unpatchedPostgresFiles(copy)).toEqual(['src/connection.js', 'cjs/src/index.js']);
	});
});
