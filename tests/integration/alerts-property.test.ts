import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { listAlertGroups } from '../../src/lib/server/alerts/queries';
import { fixture, newIntegration, post } from './alerts-helpers';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

/**
 * Random valid sequences of Alertmanager notifications (some members of some groups, firing
 * or resolved, repeats included) end in the state of a reference model: a member has the
 * status of its last notification, a group fires while any member does.
 */
const GROUPS = ['{}:{alertname="A"}', '{}:{alertname="B"}'];
const FINGERPRINTS = ['f1', 'f2', 'f3'];

const notification = fc.record({
	group: fc.constantFrom(...GROUPS),
	members: fc.uniqueArray(fc.constantFrom(...FINGERPRINTS), { minLength: 1, maxLength: 3 }),
	status: fc.constantFrom('firing' as const, 'resolved' as const)
});

type Model = Map<string, Map<string, 'firing' | 'resolved'>>;

function apply(
	model: Model,
	n: { group: string; members: string[]; status: 'firing' | 'resolved' }
) {
	const group = model.get(n.group) ?? new Map<string, 'firing' | 'resolved'>();
	for (const fp of n.members) group.set(fp, n.status);
	model.set(n.group, group);
}

function payloadOf(n: { group: string; members: string[]; status: 'firing' | 'resolved' }) {
	const base = fixture('alertmanager-v4');
	const [alert] = base.alerts as Record<string, unknown>[];
	return {
		...base,
		groupKey: n.group,
		status: n.status,
		alerts: n.members.map((fp) => ({
			...alert,
			status: n.status,
			labels: { ...(alert?.labels as object), member: fp },
			fingerprint: fp,
			endsAt: n.status === 'resolved' ? '2023-02-06T14:00:00Z' : '0001-01-01T00:00:00Z'
		}))
	};
}

describe('alert state against a reference model', () => {
	it('random firing/resolved sequences end in the model state', async () => {
		const owner = await newUser('Claire');
		const org = await newOrganization(owner);
		await fc.assert(
			fc.asyncProperty(
				fc.array(notification, { minLength: 1, maxLength: 12 }),
				async (sequence) => {
					await resetRateLimits();
					const integration = await newIntegration(owner, org, {
						kind: 'alertmanager',
						name: 'Model',
						action: 'list'
					});
					const model: Model = new Map();
					for (const n of sequence) {
						apply(model, n);
						const answer = await post(integration.path, payloadOf(n));
						expect(answer.status).toBe(202);
					}
					const page = await listAlertGroups(owner, org, { limit: 200 });
					const stored = page.items.filter((g) => g.integrationId === integration.integrationId);
					const got = Object.fromEntries(
						stored.map((g) => [
							g.groupKey,
							{
								status: g.status,
								members: Object.fromEntries(g.members.map((m) => [m.fingerprint, m.status]))
							}
						])
					);
					const expected = Object.fromEntries(
						[...model].map(([key, members]) => [
							key,
							{
								status: [...members.values()].includes('firing') ? 'firing' : 'resolved',
								members: Object.fromEntries(members)
							}
						])
					);
					expect(got).toEqual(expected);
				}
			),
			{ numRuns: 25 }
		);
	}, 120_000);
});
