import { ofKind } from '$lib/events/payloads';
import { draftSections } from '$lib/postmortems/draft';
import { recordSpansYears } from '$lib/postmortems/figures';
import { timelineEntries } from '$lib/postmortems/key-events';
import { planRefresh, type RefreshPlan } from '$lib/postmortems/refresh';
import { computeFigures } from '$lib/postmortems/report';
import {
	canMovePostmortem,
	SECTION_KEYS,
	SECTION_MAX,
	SECTION_SAVED,
	postmortemStatusLabel,
	sectionTitle,
	type PostmortemStatus
} from '$lib/postmortems/sections';
import { getLocale } from '$lib/paraglide/runtime';
import { db, type Tx } from '../db/db';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { runCommand, type CommandContext, command } from '../events/command';
import { authorizeIncident, inIncident } from '../incidents/access';
import { buildDocument } from './build-document';
import { loadFigureInput } from './figure-input';
import { draftLanguage, inPostmortemLanguage } from './language';
import { findPostmortem } from './queries';
import { moveInput, sectionInput } from './schemas';
import { m } from '$lib/paraglide/messages';

const NOT_FOUND = () => m.err_postmortem_not_found();
export const READ_ONLY = () => m.err_postmortem_read_only();

/**
 * Creates the post-mortem of a resolved incident, each section pre-filled from what was
 * recorded (times written in the incident's timezone, words in the creator's language).
 */
export async function createPostmortem(context: CommandContext, incidentId: string) {
	return runCommand(context, async (tx, emit) => {
		await authorizeIncident(context.actor, incidentId, 'incident.update', tx);
		const [incident] = await tx<
			{
				status: string;
				title: string;
				severity: string;
				summary: string;
				detected_at: Date;
				timezone: string;
			}[]
		>`
			select status, title, severity, summary, detected_at, timezone
			from incidents where id = ${incidentId} for update`;
		if (!incident) throw new AppError('not_found', m.err_incident_not_found());
		if (incident.status !== 'resolved' && incident.status !== 'closed') {
			throw new AppError('invalid', m.err_resolve_before_postmortem());
		}
		if (await findPostmortem(tx, incidentId))
			throw new AppError('conflict', m.err_postmortem_exists());
		const bodies = await draftOf(tx, incidentId, incident);
		await tx`
			insert into postmortems (incident_id, created_by, locale)
			values (${incidentId}, ${context.actor.userId}, ${draftLanguage()})`;
		const rows = SECTION_KEYS.map((key) => ({
			incident_id: incidentId,
			key,
			body: bodies[key],
			generated: bodies[key],
			updated_by: context.actor.userId
		}));
		await tx`insert into postmortem_sections ${tx(rows)}`;
		await emit({ streamId: incidentId, kind: 'postmortem.created', payload: {} });
		return { incidentId };
	});
}

interface DraftIncident {
	title: string;
	severity: string;
	summary: string;
	detected_at: Date;
	timezone: string;
}

async function draftOf(tx: Tx, incidentId: string, incident: DraftIncident) {
	const input = await loadFigureInput(tx, incidentId);
	const format = {
		timezone: incident.timezone,
		locale: getLocale(),
		withYear: recordSpansYears(input, incident.timezone)
	};
	const titles = new Map(input.run?.steps.map((s) => [s.id, s.title]));
	const problems = input.events
		.filter(ofKind('step.blocked', 'step.failed'))
		.filter((e) => e.payload.reason)
		.map((e) => `${titles.get(e.payload.stepId) ?? ''}: ${e.payload.reason}`);
	return draftSections(
		{
			incident: { ...incident, detectedAt: incident.detected_at.toISOString() },
			resolvedAt: input.incident.resolvedAt,
			affected: input.items,
			figures: computeFigures(input, format),
			timeline: timelineEntries(input),
			problems
		},
		format
	);
}

/**
 * Saves one section, only over the version the text was typed on: a save over an older one
 * is refused (someone else saved meanwhile), so no one's text is silently replaced.
 */
export const saveSection = command(
	inIncident('incident.update'),
	sectionInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		const [postmortem] = await tx<{ status: PostmortemStatus }[]>`
			select status from postmortems where incident_id = ${incidentId} for share`;
		if (!postmortem) throw new AppError('not_found', NOT_FOUND());
		if (postmortem.status === 'published') throw new AppError('conflict', READ_ONLY());
		const [row] = await tx<{ version: number }[]>`
			update postmortem_sections
			set body = ${data.body}, version = version + 1, updated_at = now(),
				updated_by = ${context.actor.userId}
			where incident_id = ${incidentId} and key = ${data.key} and version = ${data.baseVersion}
			returning version`;
		if (!row) await refuseStaleSave(tx, incidentId, data.key, data.baseVersion);
		const version = row?.version ?? data.baseVersion + 1;
		await emit({
			streamId: incidentId,
			kind: SECTION_SAVED,
			payload: { key: data.key, body: data.body, version }
		});
		return { key: data.key, version };
	}
);

async function refuseStaleSave(
	tx: Tx,
	incidentId: string,
	key: (typeof SECTION_KEYS)[number],
	baseVersion: number
): Promise<never> {
	const [current] = await tx<{ version: number; name: string | null }[]>`
		select s.version, u.display_name as name
		from postmortem_sections s left join users u on u.id = s.updated_by
		where s.incident_id = ${incidentId} and s.key = ${key}`;
	if (!current) throw new AppError('not_found', NOT_FOUND());
	throw new AppError(
		'conflict',
		current.name
			? m.err_section_saved_meanwhile({
					name: current.name,
					section: sectionTitle(key),
					version: current.version,
					base: baseVersion
				})
			: m.err_section_saved_meanwhile_someone({
					section: sectionTitle(key),
					version: current.version,
					base: baseVersion
				}),
		{ body: 'conflict', currentVersion: String(current.version) }
	);
}

/**
 * Moves the post-mortem through draft ⇄ in review → published. Publishing stores the whole
 * document as publication n+1, unchanged from then on; a revision goes back to draft.
 */
export const movePostmortem = command(
	inIncident('incident.update'),
	moveInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		const current = await findPostmortem(tx, incidentId, true);
		if (!current) throw new AppError('not_found', NOT_FOUND());
		if (data.version !== undefined && data.version !== current.version) {
			throw new AppError(
				'conflict',
				m.err_postmortem_moved_meanwhile({
					status: postmortemStatusLabel(current.status).toLowerCase()
				})
			);
		}
		if (!canMovePostmortem(current.status, data.to)) {
			throw new AppError(
				'invalid',
				m.err_postmortem_transition({
					from: postmortemStatusLabel(current.status).toLowerCase(),
					to: postmortemStatusLabel(data.to).toLowerCase()
				})
			);
		}
		const publication = data.to === 'published' ? current.publication + 1 : current.publication;
		if (data.to === 'published') await publish(tx, context, incidentId, publication);
		const [row] = await tx<{ version: number }[]>`
			update postmortems
			set status = ${data.to}, publication = ${publication}, version = version + 1, updated_at = now()
			where incident_id = ${incidentId} returning version`;
		await emit({
			streamId: incidentId,
			kind: 'postmortem.status_changed',
			payload: {
				from: current.status,
				to: data.to,
				publication,
				version: row?.version ?? current.version + 1
			}
		});
		return { status: data.to, version: row?.version ?? current.version + 1, publication };
	}
);

async function publish(tx: Tx, context: CommandContext, incidentId: string, number: number) {
	const [incident] = await tx<{ timezone: string }[]>`
		select timezone from incidents where id = ${incidentId}`;
	const document = await buildDocument(tx, incidentId, {
		timezone: incident?.timezone ?? 'UTC',
		locale: getLocale()
	});
	const publishedAt = new Date().toISOString();
	const published = {
		...document,
		status: 'published' as const,
		publication: { number, publishedAt, publishedByName: context.actor.name }
	};
	await tx`
		insert into postmortem_publications (incident_id, number, document, published_at, published_by)
		values (${incidentId}, ${number}, ${tx.json(JSON.parse(JSON.stringify(published)))},
			${publishedAt}, ${context.actor.userId})`;
}

/**
 * What "refresh from the timeline" would do now: each generated section written again from
 * the record and merged with what people wrote (see planRefresh). Read in the reader's words.
 */
async function refreshPlanOf(tx: Tx, incidentId: string): Promise<RefreshPlan> {
	const [incident] = await tx<DraftIncident[]>`
		select title, severity, summary, detected_at, timezone from incidents where id = ${incidentId}`;
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
	const sections = await tx<
		{ key: (typeof SECTION_KEYS)[number]; body: string; generated: string | null }[]
	>`
		select key, body, generated from postmortem_sections where incident_id = ${incidentId}
		order by array_position(${[...SECTION_KEYS]}::text[], key)`;
	const [postmortem] = await tx<{ locale: string | null }[]>`
		select locale from postmortems where incident_id = ${incidentId}`;
	const drafted = await inPostmortemLanguage(postmortem?.locale ?? null, () =>
		draftOf(tx, incidentId, incident)
	);
	return planRefresh([...sections], drafted);
}

function planResult(plan: RefreshPlan) {
	return {
		...plan.counts,
		changes: plan.changes.map((c) => ({
			section: c.key,
			kind: c.kind,
			text: c.text,
			before: c.before ?? null
		}))
	};
}

/** The refresh a person would apply, shown before they apply it (anyone who may edit). */
export async function previewRefresh(actor: Pick<Actor, 'userId'>, incidentId: string) {
	return db().begin(async (tx) => {
		await authorizeIncident(actor, incidentId, 'incident.update', tx);
		const postmortem = await findPostmortem(tx, incidentId);
		if (!postmortem) throw new AppError('not_found', NOT_FOUND());
		const plan = await refreshPlanOf(tx, incidentId);
		return { status: postmortem.status, ...planResult(plan) };
	});
}

/**
 * Refreshes the post-mortem from the timeline: the generated lines follow the record, what
 * people wrote stays. One event says what changed; each section rewritten gets a new version,
 * so an editor open on it sees the new text arrive like anyone's save.
 */
export async function refreshPostmortem(context: CommandContext, incidentId: string) {
	return runCommand(context, async (tx, emit) => {
		await authorizeIncident(context.actor, incidentId, 'incident.update', tx);
		const postmortem = await findPostmortem(tx, incidentId, true);
		if (!postmortem) throw new AppError('not_found', NOT_FOUND());
		if (postmortem.status === 'published') throw new AppError('conflict', READ_ONLY());
		const plan = await refreshPlanOf(tx, incidentId);
		const versions: { key: (typeof SECTION_KEYS)[number]; version: number }[] = [];
		for (const section of plan.sections) {
			if (section.body.length > SECTION_MAX) {
				throw new AppError(
					'invalid',
					m.err_pm_refresh_too_long({ section: sectionTitle(section.key), max: SECTION_MAX })
				);
			}
			const [row] = await tx<{ version: number; body: string }[]>`
				update postmortem_sections s
				set body = ${section.body}, generated = ${section.generated},
					version = case when s.body = ${section.body} then s.version else s.version + 1 end,
					updated_at = case when s.body = ${section.body} then s.updated_at else now() end,
					updated_by = case when s.body = ${section.body} then s.updated_by
						else ${context.actor.userId}::uuid end
				where incident_id = ${incidentId} and key = ${section.key}
				returning version`;
			if (row && section.changes.length > 0)
				versions.push({ key: section.key, version: row.version });
		}
		if (plan.changes.length > 0) {
			await emit({
				streamId: incidentId,
				kind: 'postmortem.refreshed',
				payload: { sections: versions, ...plan.counts }
			});
		}
		return planResult(plan);
	});
}
