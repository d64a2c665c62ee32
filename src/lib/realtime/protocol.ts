/**
 * The socket.io contract, declared once: the compiler checks every emit and every listener on
 * both sides. Shared with the browser, so it imports nothing from the server.
 */

import type { DeliveredEvent, StreamKind } from '$lib/events/payloads';
import type { Role } from '$lib/organizations/roles';

export type { DeliveredEvent, StreamEvent, StreamKind } from '$lib/events/payloads';

export interface RoomRef {
	kind: StreamKind;
	id: string;
}

export interface PresencePerson {
	userId: string;
	name: string;
	/** What the person is looking at in the room (a runbook step id, later). */
	focus: string | null;
}

/** One person arrived or moved (person), or left (left: their user id). */
export interface PresenceChange {
	person?: PresencePerson;
	left?: string;
}

/**
 * What changed in a room's presence since the last delta: one change as it is, several (a
 * room's changes are batched, one delta per room every ~100 ms) in `batch`, in order;
 * `present`, how many people are in the room after them.
 */
export interface PresenceDelta {
	room: string;
	person?: PresencePerson;
	left?: string;
	batch?: PresenceChange[];
	present: number;
}

/** A joiner is told at most this many of the people already there (and how many there are). */
export const PRESENCE_LIST_MAX = 50;

/**
 * `people`: at most PRESENCE_LIST_MAX of those in the room (a room of 2,000 watchers would
 * otherwise send each joiner the whole list: N² entries for N joins); `present`: how many.
 */
export type JoinReply =
	| { ok: true; latestSeq: number; people: PresencePerson[]; present: number }
	| { ok: false; error: string };

export interface ServerToClientEvents {
	event: (event: DeliveredEvent) => void;
	heartbeat: (beat: { streamId: string; latestSeq: number }) => void;
	'presence:delta': (delta: PresenceDelta) => void;
	'session-ended': (info: { reason: string }) => void;
}

export interface ClientToServerEvents {
	'room:join': (room: RoomRef, reply: (answer: JoinReply) => void) => void;
	'room:leave': (room: RoomRef) => void;
	'presence:focus': (room: RoomRef, focus: string | null) => void;
}

export interface SocketData {
	userId: string;
	name: string;
	sessionId: string;
	/** The language its refusals are written in. */
	locale: 'en' | 'fr';
	focus: Record<string, string | null>;
	/**
	 * The role this socket reads each joined room with, decided at its join and forgotten when
	 * it leaves or when an event changes it (a role change, a removal, an incident's sharing).
	 */
	readers: Record<string, Role>;
}

export function roomName(room: RoomRef): string {
	return `${room.kind}:${room.id}`;
}

/** The reason given to a browser whose handshake carried no valid session. */
export const UNAUTHENTICATED = 'unauthenticated';
