import { auditToCsv } from '$lib/server/audit/csv';
import { AUDIT_EXPORT_SIZE, listAudit } from '$lib/server/audit/queries';
import { pageFailure } from '$lib/server/page-load';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access/require-user';

/** The audit log as CSV, with the page's filters (?category=&actorId=&from=&to=). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals, url);
	try {
		const entries = await listAudit(
			{ userId: locals.user.id },
			params.id,
			Object.fromEntries(url.searchParams),
			{ timeZone: locals.user.timezone, limit: AUDIT_EXPORT_SIZE }
		);
		const day = new Date().toISOString().slice(0, 10);
		return new Response(auditToCsv(entries), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="nightshift-audit-${day}.csv"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		pageFailure(e);
	}
};
