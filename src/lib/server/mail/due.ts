import { db, type Sql } from '../db/db';
import { mailActionItemDue } from './compose';

/** The queue's morning task: each open action item due today, to its owner (once per day). */
export async function mailDueActionItems(sql: Sql = db()): Promise<number> {
	const due = await sql<
		{
			id: string;
			title: string;
			due_on: string;
			incident_id: string;
			incident_title: string;
			organization_id: string;
			email: string;
			user_id: string;
			locale: string;
		}[]
	>`
		select a.id, a.title, a.due_on::text, a.incident_id, i.title as incident_title,
			coalesce(a.owner_organization_id, i.organization_id) as organization_id,
			u.email, u.id as user_id, u.locale
		from action_items a join incidents i on i.id = a.incident_id join users u on u.id = a.owner_id
		where a.status in ('open', 'in_progress') and a.due_on = current_date`;
	for (const item of due) {
		await sql.begin((tx) =>
			mailActionItemDue(
				tx,
				{ email: item.email, userId: item.user_id, locale: item.locale },
				{
					incidentId: item.incident_id,
					title: item.incident_title,
					organizationId: item.organization_id,
					item: item.title,
					itemId: item.id,
					dueOn: item.due_on
				}
			)
		);
	}
	return due.length;
}
