import { z } from 'zod';
import { SSO_ROLES, type GroupRole } from './roles';
import { m } from '$lib/paraglide/messages';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const GROUP_LINE = /^(.+?)\s*(?:=|→|->)\s*(\S+)$/;

const trimmed = (max: number, required: () => string) =>
	z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.max(max, { error: () => m.val_at_most_chars({ max }) });

/** "example.com, shop.example.com" → ["example.com", "shop.example.com"], each checked. */
const domains = z
	.string()
	.default('')
	.transform((text, ctx) => {
		const list = text
			.split(/[\s,;]+/)
			.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
			.filter(Boolean);
		const bad = list.find((d) => !DOMAIN.test(d));
		if (bad) ctx.addIssue({ code: 'custom', message: m.val_sso_domain({ domain: bad }) });
		return [...new Set(list)];
	});

/** One "group = role" per line. */
const groupRoles = z
	.string()
	.default('')
	.transform((text, ctx): GroupRole[] => {
		const mapping: GroupRole[] = [];
		for (const raw of text.split(/\r?\n/)) {
			const line = raw.trim();
			if (!line) continue;
			const match = GROUP_LINE.exec(line);
			const role = SSO_ROLES.find((r) => r === match?.[2]?.toLowerCase());
			if (!match?.[1] || !role) {
				ctx.addIssue({
					code: 'custom',
					message: m.val_sso_group_line({ line: line.slice(0, 60) })
				});
				continue;
			}
			mapping.push({ group: match[1].slice(0, 200), role });
		}
		return mapping;
	});

const issuer = z
	.string({ error: () => m.val_sso_issuer_required() })
	.trim()
	.url({ error: () => m.val_sso_issuer_url() })
	.max(500)
	.refine(
		(u) => {
			if (!URL.canParse(u)) return false;
			const url = new URL(u);
			const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
			return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
		},
		{ error: () => m.val_sso_issuer_https() }
	);

export const providerInput = z.object({
	displayName: trimmed(80, m.val_sso_display_name),
	issuer,
	clientId: trimmed(200, m.val_sso_client_id),
	// Empty keeps the stored secret; "clearSecret" removes it (a public client).
	clientSecret: z.string().max(500).default(''),
	clearSecret: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
	emailDomains: domains,
	groupsClaim: z
		.string()
		.trim()
		.max(100)
		.default('')
		.transform((v) => v || 'groups'),
	groupRoles,
	defaultRole: z
		.enum(['', ...SSO_ROLES], { error: () => m.val_sso_default_role() })
		.default('')
		.transform((v) => (v === '' ? null : v)),
	requireSso: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
	version: z.coerce.number().int().positive().optional()
});

export type ProviderInput = z.infer<typeof providerInput>;

export const discoverInput = z.object({
	email: z.string().trim().toLowerCase().max(320)
});
