/** The side-by-side table printed for each room size. */
import type { PhaseResult } from './phase';
import { ratio } from './stats';

export interface SizeResult {
	clients: number;
	nightshift: PhaseResult;
	bare: PhaseResult;
}

type Cell = number | string | null;

const fixed = (digits: number) => (value: number | null) =>
	value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
const ms = fixed(1);
const one = fixed(1);
const int = fixed(0);

export function formatSize(result: SizeResult, header: string): string {
	const { nightshift: ours, bare } = result;
	const rows: [string, Cell, Cell, Cell][] = [
		...(['p50', 'p95', 'p99', 'max'] as const).map((key): [string, Cell, Cell, Cell] => [
			`latency ${key} (ms)`,
			ms(ours.latency[key]),
			ms(bare.latency[key]),
			times(ratio(ours.latency[key], bare.latency[key]))
		]),
		['events sent (last seq in run)', eventsSent(ours), eventsSent(bare), null],
		['delivered / expected', delivered(ours), delivered(bare), null],
		['lost', ours.events.lost, bare.events.lost, null],
		['duplicated', ours.events.duplicated, bare.events.duplicated, null],
		['out of order', ours.events.outOfOrder, bare.events.outOfOrder, null],
		[
			'disconnects during events',
			disconnects(ours.events.disconnects),
			disconnects(bare.events.disconnects),
			null
		],
		['connected / failed', connected(ours), connected(bare), null],
		[
			'time to connect + join all (s)',
			one(ours.joinSeconds),
			one(bare.joinSeconds),
			times(ratio(ours.joinSeconds, bare.joinSeconds))
		],
		['… until presence settled (s)', settledText(ours), '—', null],
		[
			'disconnects while connecting',
			disconnects(ours.disconnectsWhileConnecting),
			disconnects(bare.disconnectsWhileConnecting),
			null
		],
		['per-client join p50/p95 (ms)', joinMs(ours), joinMs(bare), null],
		['presence packets (MB) to clients', presence(ours), '—', null],
		['server RSS before → after (MB)', rss(ours), rss(bare), null],
		['server RSS peak (MB)', int(ours.memory.peakMb), int(bare.memory.peakMb), null],
		[
			'memory per client (kB)',
			one(ours.memory.perClientKb),
			one(bare.memory.perClientKb),
			times(ratio(ours.memory.perClientKb, bare.memory.perClientKb))
		],
		[
			'server CPU while connecting (s)',
			one(ours.cpu.connectSeconds),
			one(bare.cpu.connectSeconds),
			null
		],
		[
			'server CPU during events (% core)',
			int(ours.cpu.eventsPercent),
			int(bare.cpu.eventsPercent),
			null
		]
	];
	rows.push(['machine load (1 min) before/after', loadText(ours), loadText(bare), null]);
	if (ours.driver) {
		const d = ours.driver;
		rows.push(
			['driver: updates ok / failed', `${d.sent} / ${d.failed}`, '—', null],
			['driver: achieved rate (/s)', one(d.achievedRate), '—', null],
			[
				'driver: HTTP p50/p95/max (ms)',
				`${ms(d.httpP50)}/${ms(d.httpP95)}/${ms(d.httpMax)}`,
				'—',
				null
			]
		);
	}
	const widths = [34, 18, 18, 8];
	const line = (cells: Cell[]) =>
		cells
			.map((cell, i) => {
				const text = cell === null ? '' : String(cell);
				return i === 0 ? text.padEnd(widths[0] ?? 0) : text.padStart(widths[i] ?? 0);
			})
			.join(' ');
	const failures = [...ours.failureSamples, ...bare.failureSamples];
	return [
		header,
		line(['', 'Nightshift', 'bare socket.io', 'ratio']),
		...rows.map(line),
		...(failures.length > 0 ? [`connect failures, e.g.: ${failures.join(' | ')}`] : [])
	].join('\n');
}

function loadText(r: PhaseResult): string {
	return `${r.load.before.toFixed(1)}/${r.load.after.toFixed(1)}`;
}

function times(value: number | null): string {
	return value === null ? '—' : `${value.toFixed(2)}×`;
}

function eventsSent(r: PhaseResult): string {
	return String(r.driver ? r.driver.sent : r.events.lastSeq);
}

function delivered(r: PhaseResult): string {
	return `${r.events.delivered}/${r.events.expected}`;
}

function settledText(r: PhaseResult): string {
	return `${one(r.presenceSettledSeconds)}${r.presenceComplete ? '' : ' (incomplete)'}`;
}

function disconnects(counts: Record<string, number>): string {
	const entries = Object.entries(counts);
	if (entries.length === 0) return '0';
	return entries.map(([reason, count]) => `${count} ${reason}`).join(', ');
}

function connected(r: PhaseResult): string {
	return `${r.connected} / ${r.connectFailures}`;
}

function joinMs(r: PhaseResult): string {
	return `${int(r.clientJoinMs.p50)}/${int(r.clientJoinMs.p95)}`;
}

function presence(r: PhaseResult): string {
	return `${r.presence.messages} (${int(r.presence.megabytes)})`;
}

function rss(r: PhaseResult): string {
	return `${int(r.memory.beforeMb)} → ${int(r.memory.afterMb)}`;
}
