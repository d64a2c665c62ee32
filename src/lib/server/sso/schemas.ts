import { z } from 'zod';
import { SSO_ROLES, type GroupRole } from './roles';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const GROUP_LINE = /^(.+?)\s*(?:=|→|->)\s*(\S+)$/;

const trimmed = (max: number, message: string) =>
	z
		.string({ message })
		.trim()
		.min(1, { message })
		.max(max, { message: `At most ${max} characters.` });

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
		if (bad) ctx.addIssue({ code: 'custom', message: `"${bad}" is not an e-mail domain.` });
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
					message: `"${line.slice(0, 60)}": write one "group = role" per line, the role being admin, responder or viewer.`
				});
				continue;
			}
			mapping.push({ group: match[1].slice(0, 200), role });
		}
		return mapping;
	});

const issuer = z
	.string({ message: 'Give the issuer URL.' })
	.trim()
	.url({ message: 'The issuer is a URL, e.g. https://id.example.com/realms/acme.' })
	.max(500)
	.refine((u) => {
		if (!URL.canParse(u)) return false;
		const url = new URL(u);
		const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
		return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
	}, 'The issuer must use https (plain http only on this machine: localhost or 127.0.0.1).');

export const providerInput = z.object({
	displayName: trimmed(80, 'Give the name people will see, e.g. "Acme Keycloak".'),
	issuer,
	clientId: trimmed(200, 'Give the client id registered at the provider.'),
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
		.enum(['', ...SSO_ROLES], { message: 'Choose admin, responder, viewer or nobody.' })
		.default('')
		.transform((v) => (v === '' ? null : v)),
	requireSso: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
	version: z.coerce.number().int().positive().optional()
});

export type ProviderInput = z.infer<typeof providerInput>;

export const discoverInput = z.object({
	email: z.string().trim().toLowerCase().max(320)
});
