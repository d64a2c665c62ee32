import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go unless the operator says so: loopback, private, link-local
 * (and the cloud metadata address inside it), carrier-grade NAT, unspecified and multicast,
 * in IPv4 and IPv6 (IPv4-mapped addresses are checked as IPv4).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const) {
	BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	BLOCKED.addSubnet(net, prefix, 'ipv6');
}

export class RefusedTarget extends Error {}

/** The operator's WEBHOOKS_ALLOW_PRIVATE: `true` for every address, or a list of CIDRs. */
export function allowList(setting: string | undefined): BlockList | 'all' | null {
	const value = (setting ?? '').trim();
	if (value === '' || value === 'false') return null;
	if (value === 'true') return 'all';
	const allowed = new BlockList();
	for (const entry of value
		.split(',')
		.map((e) => e.trim())
		.filter(Boolean)) {
		const [address = '', bits] = entry.split('/');
		const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
		if (!isIP(address)) throw new Error(`WEBHOOKS_ALLOW_PRIVATE: not an address: ${entry}`);
		allowed.addSubnet(address, Number(bits ?? (family === 'ipv6' ? 128 : 32)), family);
	}
	return allowed;
}

function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
	return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Throws RefusedTarget when the address is internal and not allowed. */
export function checkAddress(raw: string, allow: BlockList | 'all' | null): void {
	const { address, family } = unmapped(raw);
	if (!BLOCKED.check(address, family)) return;
	if (allow === 'all' || allow?.check(address, family)) return;
	throw new RefusedTarget(
		`Refused: ${address} is a loopback, private, link-local or metadata address (set WEBHOOKS_ALLOW_PRIVATE to allow it).`
	);
}

/**
 * Resolves a host at delivery time and checks every address it has; the request then
 * connects to the checked address, so a name re-pointed meanwhile cannot slip through.
 */
export async function resolveTarget(
	hostname: string,
	allow: BlockList | 'all' | null
): Promise<{ address: string; family: 4 | 6 }> {
	const bare = hostname.replace(/^\[|\]$/g, '');
	if (isIP(bare)) {
		checkAddress(bare, allow);
		return { address: bare, family: isIP(bare) === 6 ? 6 : 4 };
	}
	const addresses = await lookup(bare, { all: true }).catch(() => {
		throw new RefusedTarget(`The host ${bare} does not resolve.`);
	});
	for (const a of addresses) checkAddress(a.address, allow);
	const first = addresses[0];
	if (!first) throw new RefusedTarget(`The host ${bare} does not resolve.`);
	return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
