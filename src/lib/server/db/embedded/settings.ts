/** Names and timings shared by the embedded database's modules. */

export const DATABASE = 'nightshift';
export const SUPERUSER = 'postgres';
export const HOST = '127.0.0.1';
export const POLL_MS = 100;
