/**
 * Drives step updates through the real write path (the HTTP API, then runCommand: one
 * transaction, an event, publish after commit), one request at a time on a steady schedule.
 * The step is blocked and resumed in turn, so each update costs the same.
 */
export interface DriveOptions {
	origin: string;
	incidentId: string;
	stepId: string;
	token: string;
	rate: number;
	seconds: number;
	/** Where the step stands now (read from the database). */
	step: () => Promise<{ state: string; version: number }>;
}

export interface DriveResult {
	sent: number;
	failed: number;
	errors: Record<string, number>;
	/** Round-trip time of each successful request, in ms. */
	httpMs: number[];
	/** Updates per second actually achieved (below the target when requests were slow). */
	achievedRate: number;
}

interface StepAnswer {
	state: string;
	version: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function driveSteps(options: DriveOptions): Promise<DriveResult> {
	const total = Math.round(options.rate * options.seconds);
	const interval = 1000 / options.rate;
	const result: DriveResult = { sent: 0, failed: 0, errors: {}, httpMs: [], achievedRate: 0 };
	let step = await options.step();
	const started = performance.now();
	for (let i = 0; i < total; i++) {
		await sleep(started + i * interval - performance.now());
		const sentAt = performance.now();
		const answer = await update(options, step).catch((error: unknown) =>
			error instanceof Error ? error : new Error(String(error))
		);
		if (answer instanceof Error) {
			result.failed += 1;
			result.errors[answer.message] = (result.errors[answer.message] ?? 0) + 1;
			step = await options.step();
			continue;
		}
		result.sent += 1;
		result.httpMs.push(performance.now() - sentAt);
		step = answer;
	}
	result.achievedRate = result.sent / ((performance.now() - started) / 1000);
	return result;
}

async function update(options: DriveOptions, step: StepAnswer): Promise<StepAnswer> {
	const body =
		step.state === 'in_progress'
			? { action: 'block', version: step.version, reason: 'Benchmark: waiting on the provider.' }
			: { action: 'resume', version: step.version };
	const response = await fetch(
		`${options.origin}/api/v1/incidents/${options.incidentId}/steps/${options.stepId}`,
		{
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: options.origin,
				cookie: `nightshift_session=${options.token}`
			},
			body: JSON.stringify(body)
		}
	);
	const answer = (await response.json()) as Partial<StepAnswer> & { error?: { message?: string } };
	if (!response.ok || typeof answer.version !== 'number' || typeof answer.state !== 'string') {
		throw new Error(`${response.status} ${answer.error?.message ?? 'unexpected answer'}`);
	}
	return { state: answer.state, version: answer.version };
}
