import { createHash, randomUUID } from 'node:crypto';
import {
	GO_ZERO_TIME,
	type AlertmanagerPayload,
	type GrafanaPayload,
	type PagerdutyEvent
} from './payloads';

/** What every format comes down to: one group and the state of some of its members. */
export type MemberStatus = 'firing' | 'acknowledged' | 'resolved';

export interface IncomingMember {
	fingerprint: string;
	status: MemberStatus;
	summary: string;
	severity: string | null;
	labels: Record<string, string>;
	annotations: Record<string, string>;
	startsAt: Date | null;
	endsAt: Date | null;
	generatorUrl: string | null;
	links: { href: string; text: string }[];
}

export interface IncomingGroup {
	groupKey: string;
	title: string;
	truncatedAlerts: number;
	commonLabels: Record<string, string>;
	externalUrl: string | null;
	members: IncomingMember[];
	/** PagerDuty: an acknowledge or resolve for a key never triggered is ignored, as PagerDuty does. */
	updateOnly: boolean;
}

function instant(value: string | undefined): Date | null {
	if (!value || value === GO_ZERO_TIME) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

/** Alertmanager's fingerprint is a hash of the label set; older releases do not send it. */
export function labelsFingerprint(labels: Record<string, string>): string {
	const canonical = Object.keys(labels)
		.sort()
		.map((key) => `${key}\u0000${labels[key]}`)
		.join('\u0001');
	return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function summaryOf(labels: Record<string, string>, annotations: Record<string, string>) {
	return (
		annotations.summary ||
		annotations.description ||
		labels.alertname ||
		Object.entries(labels)
			.map(([k, v]) => `${k}=${v}`)
			.join(', ') ||
		'Alert'
	).slice(0, 1024);
}

/** Alertmanager v4 and Grafana share the envelope and the alert shape. */
export function fromWebhook(payload: AlertmanagerPayload | GrafanaPayload): IncomingGroup {
	const members = payload.alerts.map((alert): IncomingMember => {
		const summary = summaryOf(alert.labels, alert.annotations);
		return {
			fingerprint: alert.fingerprint || labelsFingerprint(alert.labels),
			status: alert.status,
			summary,
			severity: alert.labels.severity ?? null,
			labels: alert.labels,
			annotations: alert.annotations,
			startsAt: instant(alert.startsAt),
			endsAt: instant(alert.endsAt),
			generatorUrl: alert.generatorURL || null,
			links: alert.generatorURL ? [{ href: alert.generatorURL, text: 'Source' }] : []
		};
	});
	const title =
		payload.commonAnnotations.summary ||
		payload.commonLabels.alertname ||
		(members.length === 1 ? members[0]?.summary : undefined) ||
		('title' in payload && payload.title ? payload.title : undefined) ||
		members[0]?.summary ||
		payload.groupKey;
	return {
		groupKey: payload.groupKey,
		title: title.slice(0, 1024),
		truncatedAlerts: payload.truncatedAlerts,
		commonLabels: payload.commonLabels,
		externalUrl: payload.externalURL || null,
		members,
		updateOnly: false
	};
}

const PAGERDUTY_STATUS = {
	trigger: 'firing',
	acknowledge: 'acknowledged',
	resolve: 'resolved'
} as const satisfies Record<PagerdutyEvent['event_action'], MemberStatus>;

/** One PagerDuty event is one group of one member, both keyed by its dedup_key. */
export function fromPagerduty(event: PagerdutyEvent): IncomingGroup {
	const dedupKey = event.dedup_key ?? randomUUID();
	const payload = event.payload;
	const labels: Record<string, string> = {};
	if (payload) {
		for (const key of ['source', 'component', 'group', 'class'] as const) {
			const value = payload[key];
			if (value) labels[key] = value;
		}
	}
	const summary = payload?.summary ?? dedupKey;
	return {
		groupKey: dedupKey,
		title: summary,
		truncatedAlerts: 0,
		commonLabels: labels,
		externalUrl: event.client_url || null,
		members: [
			{
				fingerprint: dedupKey,
				status: PAGERDUTY_STATUS[event.event_action],
				summary,
				severity: payload?.severity ?? null,
				labels,
				annotations: {},
				startsAt: payload?.timestamp ? instant(payload.timestamp) : null,
				endsAt: null,
				generatorUrl: event.client_url || null,
				links: event.links.map((link) => ({ href: link.href, text: link.text ?? link.href }))
			}
		],
		updateOnly: event.event_action !== 'trigger'
	};
}

const SEVERITY_OF_LABEL: Record<string, 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4'> = {
	critical: 'SEV1',
	page: 'SEV1',
	p1: 'SEV1',
	error: 'SEV2',
	high: 'SEV2',
	major: 'SEV2',
	p2: 'SEV2',
	warning: 'SEV3',
	warn: 'SEV3',
	minor: 'SEV3',
	p3: 'SEV3',
	info: 'SEV4',
	low: 'SEV4',
	p4: 'SEV4'
};

/** The severity of an incident declared from alerts: the gravest of its firing members. */
export function severityOf(
	members: readonly Pick<IncomingMember, 'severity' | 'status'>[],
	fallback: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4'
) {
	const mapped = members
		.filter((m) => m.status !== 'resolved')
		.map((m) => (m.severity ? SEVERITY_OF_LABEL[m.severity.trim().toLowerCase()] : undefined))
		.filter((s): s is 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' => s !== undefined)
		.sort();
	return mapped[0] ?? fallback;
}

/**
 * The inventory names a label value may stand for: "web01:9100", "https://web01.example.org/x"
 * and "web01.example.org" all name web01 (or web01.example.org).
 */
export function hostnamesOf(value: string): string[] {
	const lower = value.trim().toLowerCase();
	if (!lower) return [];
	const withoutScheme = lower.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
	const host = withoutScheme.split(/[/?#]/)[0]?.replace(/:\d+$/, '') ?? '';
	const first = host.split('.')[0] ?? '';
	return [...new Set([lower, host, first].filter((v) => v.length > 0 && v.length <= 253))];
}
