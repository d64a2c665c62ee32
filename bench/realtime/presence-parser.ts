/**
 * A socket.io parser for benchmark clients that reads presence lists without decoding them.
 *
 * A join answers the joiner with how many are in the room and up to 50 of them, and tells
 * everyone else who arrived (a "presence:delta", batched per room every 100 ms, with the
 * room's count): N joins send about N²/batch-size entries in all. The benchmark's few
 * client processes still take in what N browsers would, so by default clients count deltas
 * (the count they carry, and bytes) and skip JSON.parse; `decode` mode parses everything, as browsers do.
 */
import { Decoder, Encoder } from 'socket.io-parser';

/** How a socket.io EVENT packet for "presence:delta" on the main namespace starts. */
const PRESENCE_PREFIX = '2["presence:delta",';
/** Every delta says how many people are in the room after it. */
const PRESENT = '"present":';

export interface PresenceSeen {
	/** How many people the delta says are in the room. */
	present: number;
	bytes: number;
}

export function presenceParser(onPresence: (seen: PresenceSeen) => void, decode: boolean) {
	class PresenceCountingDecoder extends Decoder {
		override add(packet: unknown): void {
			if (typeof packet === 'string' && packet.startsWith(PRESENCE_PREFIX)) {
				onPresence({ present: presentIn(packet), bytes: Buffer.byteLength(packet) });
				if (decode) super.add(packet);
				return;
			}
			super.add(packet);
		}
	}
	return { Encoder, Decoder: PresenceCountingDecoder };
}

/** The delta's `present` (its last key, after the people it lists). */
function presentIn(text: string): number {
	const at = text.lastIndexOf(PRESENT);
	return at < 0 ? 0 : Number.parseInt(text.slice(at + PRESENT.length), 10) || 0;
}
