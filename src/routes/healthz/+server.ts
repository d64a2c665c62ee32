import { json } from '@sveltejs/kit';

/** The process is alive and serving requests. */
export const GET = () => json({ status: 'ok' });
