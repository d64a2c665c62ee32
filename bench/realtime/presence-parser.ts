/**
 * A socket.io parser for benchmark clients that reads presence lists without decoding them.
 *
 * A join answers the joiner with the room's whole list and tells everyone else only who
 * arrived (a "presence:delta", batched per room every 100 ms: one entry per person in it), so
 * N joins still send about N² entries in all. The benchmark's few
 * client processes still take in what N browsers would, so by default clients count deltas
 * (arrivals and bytes) and skip JSON.parse; `decode` mode parses everything, as browsers do.
 */
import { Decoder, Encoder } from 'socket.io-parser';

/** How a socket.io EVENT packet for "presence:delta" on the main namespace starts. */
const PRESENCE_PREFIX = '2["presence:delta",';
/** Appears in a delta that announces an arrival (a departure carries "left" instead). */
const ENTRY = '"person":';

export interface PresenceSeen {
	/** 1 for an arrival, 0 for a departure. */
	people: number;
	bytes: number;
}

export function presenceParser(onPresence: (seen: PresenceSeen) => void, decode: boolean) {
	class PresenceCountingDecoder extends Decoder {
		override add(packet: unknown): void {
			if (typeof packet === 'string' && packet.startsWith(PRESENCE_PREFIX)) {
				onPresence({ people: countEntries(packet), bytes: Buffer.byteLength(packet) });
				if (decode) super.add(packet);
				return;
			}
			super.add(packet);
		}
	}
	return { Encoder, Decoder: PresenceCountingDecoder };
}

function countEntries(text: string): number {
	let count = 0;
	for (let at = text.indexOf(ENTRY); at >= 0; at = text.indexOf(ENTRY, at + ENTRY.length)) {
		count += 1;
	}
	return count;
}
