import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { resetRateLimits, sweepRateCounters } from '../../src/lib/server/access/rate-limits';
import { db } from '../../src/lib/server/db/db';
import { newOrganization, newUser, useTestDatabase } from './setup';

/**
 * Two nodes, two processes (each its own memory and pool), one PostgreSQL: the JSON API's
 * limit is one budget. With a limit of N a minute, N requests spread over both nodes pass and
 * the next one is refused on either node; counted in each process's memory, 2N would pass.
 */

useTestDatabase();
const LIMIT = 40;
const children: ChildProcess[] = [];

function startNode(): Promise<string> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/integration/limits/api-node.ts'],
		{
			env: {
				...process.env,
				DATABASE_URL: inject('databaseUrl'),
				API_RATE_LIMIT: String(LIMIT),
				LOG_LEVEL: 'warn'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	children.push(child);
	return new Promise((resolve, reject) => {
		let stdout = '';
		let stderr = '';
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const line = stdout.split('\n').find((l) => l.startsWith('READY '));
			if (line) resolve(line.slice('READY '.length).trim());
		});
		child.once('exit', (code) => reject(new Error(`node exited (${code}): ${stderr}`)));
	});
}

let nodes: string[] = [];

beforeAll(async () => {
	nodes = await Promise.all([startNode(), startNode()]);
}, 60_000);

afterAll(async () => {
	await Promise.all(
		children.map((child) => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			return exited;
		})
	);
});

async function newToken() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const { token } = await createApiToken({ actor: owner }, org, { name: 'Zabbix', role: 'viewer' });
	if (!token) throw new Error('no token secret');
	return token;
}

async function get(node: string, token: string) {
	const answer = await fetch(`${node}/api/v1/me`, {
		headers: { authorization: `Bearer ${token}` }
	});
	return {
		status: answer.status,
		body: await answer.text(),
		retryAfter: answer.headers.get('retry-after')
	};
}

describe('one rate-limit budget across nodes', () => {
	it('N requests alternating over two nodes pass; the next is refused on both nodes', async () => {
		await resetRateLimits();
		const token = await newToken();
		const [a, b] = nodes;
		if (!a || !b) throw new Error('nodes not started');
		const statuses: number[] = [];
		for (let i = 0; i < LIMIT; i++) statuses.push((await get(i % 2 === 0 ? a : b, token)).status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
		// Each node has seen only N/2 of them: in memory, both would still have half a budget.
		const onA = await get(a, token);
		const onB = await get(b, token);
		expect(onA.status).toBe(429);
		expect(onB.status).toBe(429);
		expect(JSON.parse(onB.body)).toMatchObject({ error: { code: 'rate_limited' } });
		expect(Number(onB.retryAfter)).toBeGreaterThan(0);
	});

	it('a burst of 1.5 N concurrent requests over both nodes lets exactly N through', async () => {
		await resetRateLimits();
		const token = await newToken();
		const answers = await Promise.all(
			Array.from({ length: LIMIT * 1.5 }, (_, i) => get(nodes[i % 2] ?? '', token))
		);
		const counts = { ok: 0, limited: 0, other: 0 };
		for (const { status } of answers)
			counts[status === 200 ? 'ok' : status === 429 ? 'limited' : 'other'] += 1;
		expect(counts).toEqual({ ok: LIMIT, limited: LIMIT / 2, other: 0 });
	});

	it('ended windows are swept; live ones are kept', async () => {
		await resetRateLimits();
		await db()`
			insert into rate_counters (key, hits, reset_at) values
				('api:ended', 3, now() - interval '1 second'),
				('api:live', 3, now() + interval '1 minute')`;
		expect(await sweepRateCounters()).toBe(1);
		const keys = await db()<{ key: string }[]>`select key from rate_counters order by key`;
		expect(keys.map((k) => k.key)).toEqual(['api:live']);
	});
});
