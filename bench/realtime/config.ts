/** The benchmark's settings: command-line flags win over environment variables. */
import { parseArgs } from 'node:util';

export interface BenchConfig {
	/** Room sizes to measure, in order. */
	clients: number[];
	seconds: number;
	/** Step updates (and bare broadcasts) per second. */
	rate: number;
	workers: number;
	concurrency: number;
	/** Each client its own person (realistic presence), or all clients one person. */
	distinctPeople: boolean;
	/** Clients parse presence lists in full (as browsers do) instead of counting entries. */
	decodePresence: boolean;
	connectTimeoutMs: number;
	/** How long clients may take, after the last update, to receive everything. */
	graceMs: number;
	adminUrl: string;
	keepDatabase: boolean;
}

const USAGE = `bench:realtime [--n 100,1000,2000] [--seconds 20] [--rate 20] [--workers 4]
  [--concurrency 25] [--people distinct|shared] [--presence count|decode]
  [--connect-timeout 600] [--grace 60] [--keep-db]
Environment: BENCH_N, BENCH_SECONDS, BENCH_RATE, BENCH_WORKERS, BENCH_CONCURRENCY,
  BENCH_PEOPLE, BENCH_PRESENCE, BENCH_CONNECT_TIMEOUT, BENCH_GRACE, BENCH_DATABASE_URL (else TEST_DATABASE_URL, else
  postgres://postgres@127.0.0.1:5432/postgres: a database nightshift_bench_<time> is created
  there and dropped at the end).`;

export function readBenchConfig(argv: string[], env: NodeJS.ProcessEnv): BenchConfig {
	const { values } = parseArgs({
		args: argv,
		options: {
			n: { type: 'string' },
			seconds: { type: 'string' },
			rate: { type: 'string' },
			workers: { type: 'string' },
			concurrency: { type: 'string' },
			people: { type: 'string' },
			presence: { type: 'string' },
			'connect-timeout': { type: 'string' },
			grace: { type: 'string' },
			'keep-db': { type: 'boolean' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const clients = (values.n ?? env.BENCH_N ?? '100,1000,2000').split(',').map(positive('--n'));
	const people = values.people ?? env.BENCH_PEOPLE ?? 'distinct';
	if (people !== 'distinct' && people !== 'shared') {
		throw new Error('--people is distinct or shared.');
	}
	const presence = values.presence ?? env.BENCH_PRESENCE ?? 'count';
	if (presence !== 'count' && presence !== 'decode') {
		throw new Error('--presence is count or decode.');
	}
	return {
		clients,
		seconds: positive('--seconds')(values.seconds ?? env.BENCH_SECONDS ?? '20'),
		rate: positive('--rate')(values.rate ?? env.BENCH_RATE ?? '20'),
		workers: positive('--workers')(values.workers ?? env.BENCH_WORKERS ?? '4'),
		concurrency: positive('--concurrency')(values.concurrency ?? env.BENCH_CONCURRENCY ?? '25'),
		distinctPeople: people === 'distinct',
		decodePresence: presence === 'decode',
		connectTimeoutMs:
			1000 *
			positive('--connect-timeout')(
				values['connect-timeout'] ?? env.BENCH_CONNECT_TIMEOUT ?? '600'
			),
		graceMs: 1000 * positive('--grace')(values.grace ?? env.BENCH_GRACE ?? '60'),
		adminUrl:
			env.BENCH_DATABASE_URL ??
			env.TEST_DATABASE_URL ??
			'postgres://postgres@127.0.0.1:5432/postgres',
		keepDatabase: values['keep-db'] ?? false
	};
}

function positive(name: string) {
	return (text: string): number => {
		const value = Number(text.trim());
		if (!Number.isFinite(value) || value <= 0)
			throw new Error(`${name} must be a positive number.`);
		return value;
	};
}
