/** The client worker processes of one measurement, and waiting for what each reports. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { WorkerOrder, WorkerReport } from './messages';

type ReportOf<T extends WorkerReport['type']> = Extract<WorkerReport, { type: T }>;

export interface WorkerPool {
	size: number;
	send(order: (index: number) => WorkerOrder): void;
	/** Every worker's next report of this type; rejects after `timeoutMs`. */
	all<T extends WorkerReport['type']>(type: T, timeoutMs: number): Promise<ReportOf<T>[]>;
	close(): Promise<void>;
}

export function startWorkers(count: number): WorkerPool {
	const children: ChildProcess[] = [];
	const inboxes: WorkerReport[][] = [];
	const wake: (() => void)[] = [];
	for (let i = 0; i < count; i++) {
		const child = fork(path.join(import.meta.dirname, 'client-worker.ts'), [], {
			execArgv: ['--import', 'tsx'],
			// Room for the latencies and sockets of a few hundred clients.
			env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=2048' }
		});
		const inbox: WorkerReport[] = [];
		child.on('message', (report: WorkerReport) => {
			inbox.push(report);
			for (const notify of wake.splice(0)) notify();
		});
		child.on('exit', () => {
			for (const notify of wake.splice(0)) notify();
		});
		children.push(child);
		inboxes.push(inbox);
	}

	const take = <T extends WorkerReport['type']>(index: number, type: T): ReportOf<T> | null => {
		const inbox = inboxes[index] ?? [];
		const at = inbox.findIndex((r) => r.type === type);
		return at < 0 ? null : (inbox.splice(at, 1)[0] as ReportOf<T>);
	};

	return {
		size: count,
		send(order) {
			children.forEach((child, index) => child.send(order(index)));
		},
		async all(type, timeoutMs) {
			const found: (ReportOf<typeof type> | null)[] = children.map(() => null);
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				found.forEach((report, index) => {
					if (!report) found[index] = take(index, type);
				});
				if (found.every((report) => report !== null)) return found as ReportOf<typeof type>[];
				const dead = children.findIndex((c, i) => !found[i] && c.exitCode !== null);
				if (dead >= 0) throw new Error(`Client worker ${dead} exited before reporting ${type}.`);
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`Timed out waiting for ${type} from the client workers.`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, Math.min(left, 1000));
					wake.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
		},
		async close() {
			await Promise.all(
				children.map(
					(child) =>
						new Promise<void>((resolve) => {
							if (child.exitCode !== null || child.signalCode !== null) return resolve();
							child.once('exit', () => resolve());
							child.kill('SIGKILL');
						})
				)
			);
		}
	};
}
