import { scrape } from '$lib/server/metrics/http';
import type { RequestHandler } from './$types';

/** Prometheus text exposition, for a scraper holding METRICS_TOKEN (see README). */
export const GET: RequestHandler = ({ request }) =>
	scrape(request.headers.get('authorization'), false);
