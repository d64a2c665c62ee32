import type { Permission } from '../../../src/lib/server/access/permissions';

/**
 * The authorization test's oracle, not enforcement: what the routes are expected to allow.
 * Each handler refuses by itself (through `authorize` and PERMISSIONS); this table says,
 * independently of them, who may use each route: every page, form action and JSON endpoint under src/routes, keyed
 * by SvelteKit route id and handler. `tests/integration/authorization.test.ts` discovers the
 * handlers from the route files and fails when one is missing here, then calls each one over
 * the real hook with real sessions and tokens, for every role and for outsiders, and checks
 * it is allowed or refused as this table and PERMISSIONS say.
 *
 * Scopes say where the organization whose role counts comes from:
 * - public: anyone, signed in or not (sign-in, invite and reset links, health checks);
 * - signed_in: any signed-in person, acting on what is theirs (account, dashboard);
 * - organization: the organization in the path (`[id]`);
 * - body_organization: the organization named in the submitted form (`organizationId`);
 * - incident: the incident in the path, through any organization taking part, each person
 *   with the role they hold in their own organization;
 * - incident_owner: the incident in the path, decided by its declaring organization only;
 * - body_incident: like incident, for the incident of the thing named in the form (an
 *   action item on the list of one's own);
 * - stream: an organization's or an incident's event stream in the path;
 * - api_token: API tokens only (the MCP endpoint), each call then checked by its command.
 */
export type RouteScope =
	| { scope: 'public' }
	| { scope: 'signed_in' }
	| { scope: 'organization'; permission: Permission }
	| { scope: 'body_organization'; permission: Permission }
	| { scope: 'incident'; permission: Permission }
	| { scope: 'incident_owner'; permission: Permission }
	| { scope: 'body_incident'; permission: Permission }
	| { scope: 'stream'; permission: Permission }
	| { scope: 'api_token' };

const PUBLIC: RouteScope = { scope: 'public' };
const SIGNED_IN: RouteScope = { scope: 'signed_in' };
const org = (permission: Permission): RouteScope => ({ scope: 'organization', permission });
const incident = (permission: Permission): RouteScope => ({ scope: 'incident', permission });

/**
 * Keys: `view <route id>` renders a page (its layouts' and its own server load),
 * `action <route id> <name>` is a form action, `<METHOD> <route id>` a +server.ts handler.
 * Where a command asks more of some inputs (reopening a step needs an admin, approving one
 * the role its template names), the entry gives the least permission and the command the rest.
 */
export const ROUTE_PERMISSIONS: Record<string, RouteScope> = {
	'view /': PUBLIC,
	'view /(auth)/signin': PUBLIC,
	'action /(auth)/signin default': PUBLIC,
	'view /(auth)/signup': PUBLIC,
	'action /(auth)/signup default': PUBLIC,
	'view /(auth)/invite/[token]': PUBLIC,
	// Accepting needs an account: the invite itself is the authorization.
	'action /(auth)/invite/[token] accept': SIGNED_IN,
	// Joining creates the account: the invite link is the sign-up form.
	'action /(auth)/invite/[token] join': PUBLIC,
	'view /(auth)/reset/[token]': PUBLIC,
	'action /(auth)/reset/[token] default': PUBLIC,
	// "Forgot password": a person asks for a link mailed to their own address.
	'view /(auth)/forgot': PUBLIC,
	'action /(auth)/forgot default': PUBLIC,
	'view /signout': PUBLIC,
	'action /signout current': PUBLIC,
	'action /signout everywhere': PUBLIC,
	'view /theme': PUBLIC,
	'action /theme default': PUBLIC,
	'GET /healthz': PUBLIC,
	'GET /readyz': PUBLIC,
	// Prometheus: the METRICS_TOKEN bearer authorizes (or the separate METRICS_PORT serves it).
	'GET /metrics': PUBLIC,
	// Sign-in through an identity provider: start (the direct link), callback, domain lookup.
	'view /(auth)/sso/[id=uuid]': PUBLIC,
	'view /(auth)/sso/callback': PUBLIC,
	'GET /sso/discover': PUBLIC,
	'view /signout/provider': PUBLIC,

	'view /(app)/dashboard': SIGNED_IN,
	'action /(app)/dashboard createOrganization': SIGNED_IN,
	// Answered by an admin of the invited organization (named in the form).
	'action /(app)/dashboard answerInvitation': {
		scope: 'body_organization',
		permission: 'incident.share'
	},
	'view /(app)/account': SIGNED_IN,
	'action /(app)/account profile': SIGNED_IN,
	'action /(app)/account password': SIGNED_IN,
	// One's own sessions only: the command ends nothing of anyone else.
	'action /(app)/account endSession': SIGNED_IN,
	'action /(app)/account endOtherSessions': SIGNED_IN,
	'action /(app)/account mailPreferences': SIGNED_IN,
	// Lists only the incidents of the person's own organizations.
	'view /(app)/incidents': SIGNED_IN,
	'view /(app)/incidents/new': SIGNED_IN,
	'action /(app)/incidents/new default': {
		scope: 'body_organization',
		permission: 'incident.declare'
	},

	'view /(app)/incidents/[id=uuid]': incident('incident.view'),
	'action /(app)/incidents/[id=uuid] status': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] commander': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] note': incident('timeline.write'),
	'action /(app)/incidents/[id=uuid] chat': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] pin': incident('timeline.write'),
	'action /(app)/incidents/[id=uuid] serverStatus': incident('inventory.status'),
	'action /(app)/incidents/[id=uuid] step': incident('step.work'),
	'action /(app)/incidents/[id=uuid] startRun': incident('run.start'),
	'action /(app)/incidents/[id=uuid] logCall': incident('contacts.log_call'),
	'action /(app)/incidents/[id=uuid] milestone': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] attachServers': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] detachServer': incident('incident.update'),
	'action /(app)/incidents/[id=uuid] share': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'action /(app)/incidents/[id=uuid] unshare': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'action /(app)/incidents/[id=uuid] withdrawInvitation': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	// A partner's admins take their own organization (named in the form) out of the incident.
	'action /(app)/incidents/[id=uuid] leave': {
		scope: 'body_organization',
		permission: 'incident.share'
	},
	// The command asks the contact's own organization for contacts.edit.
	'action /(app)/incidents/[id=uuid] shareContact': incident('contacts.edit'),

	'view /(app)/incidents/[id=uuid]/postmortem': incident('incident.view'),
	'GET /(app)/incidents/[id=uuid]/postmortem/export.md': incident('incident.view'),
	'view /(app)/incidents/[id=uuid]/postmortem/print': incident('incident.view'),
	'GET /(app)/incidents/[id=uuid]/postmortem/chart.svg': incident('incident.view'),
	'action /(app)/incidents/[id=uuid]/postmortem create': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem section': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem move': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem refresh': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem addItem': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem changeItem': incident('incident.update'),
	'action /(app)/incidents/[id=uuid]/postmortem removeItem': incident('incident.update'),
	'view /(app)/incidents/[id=uuid]/scorecard': incident('incident.view'),
	'action /(app)/incidents/[id=uuid]/scorecard end': incident('incident.update'),
	// The action items of the person's own incidents; each change is checked on its incident.
	'view /(app)/action-items': SIGNED_IN,
	'action /(app)/action-items status': { scope: 'body_incident', permission: 'incident.update' },

	'view /(app)/orgs/[id=uuid]': org('organization.view'),
	'action /(app)/orgs/[id=uuid] invite': org('member.invite'),
	'action /(app)/orgs/[id=uuid] revokeInvite': org('member.invite'),
	'action /(app)/orgs/[id=uuid] changeRole': org('member.change_role'),
	'action /(app)/orgs/[id=uuid] removeMember': org('member.remove'),
	'action /(app)/orgs/[id=uuid] issueReset': org('member.issue_password_reset'),
	'action /(app)/orgs/[id=uuid] changeInvitationCode': org('incident.share'),
	'view /(app)/orgs/[id=uuid]/audit': org('audit.view'),
	'GET /(app)/orgs/[id=uuid]/audit/export': org('audit.view'),
	'view /(app)/orgs/[id=uuid]/tokens': org('token.manage'),
	'action /(app)/orgs/[id=uuid]/tokens create': org('token.manage'),
	'action /(app)/orgs/[id=uuid]/tokens revoke': org('token.manage'),
	'view /(app)/orgs/[id=uuid]/contacts': org('contacts.view'),
	'action /(app)/orgs/[id=uuid]/contacts create': org('contacts.edit'),
	'action /(app)/orgs/[id=uuid]/contacts update': org('contacts.edit'),
	'action /(app)/orgs/[id=uuid]/contacts delete': org('contacts.edit'),
	'view /(app)/orgs/[id=uuid]/inventory': org('inventory.view'),
	'action /(app)/orgs/[id=uuid]/inventory status': org('inventory.status'),
	'view /(app)/orgs/[id=uuid]/inventory/[itemId=uuid]': org('inventory.view'),
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] update': org('inventory.edit'),
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] status': org('inventory.status'),
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] delete': org('inventory.edit'),
	'view /(app)/orgs/[id=uuid]/inventory/import': org('inventory.edit'),
	'action /(app)/orgs/[id=uuid]/inventory/import default': org('inventory.edit'),
	'view /(app)/orgs/[id=uuid]/inventory/new': org('inventory.edit'),
	'action /(app)/orgs/[id=uuid]/inventory/new default': org('inventory.edit'),
	'view /(app)/orgs/[id=uuid]/templates': org('template.view'),
	'view /(app)/orgs/[id=uuid]/templates/[templateId=uuid]': org('template.view'),
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid] save': org('template.edit'),
	'view /(app)/orgs/[id=uuid]/templates/new': org('template.edit'),
	'action /(app)/orgs/[id=uuid]/templates/new default': org('template.edit'),
	'view /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill': org('template.view'),
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill start': org('run.start'),
	'view /(app)/orgs/[id=uuid]/sso': org('sso.manage'),
	'action /(app)/orgs/[id=uuid]/sso save': org('sso.manage'),
	'action /(app)/orgs/[id=uuid]/sso remove': org('sso.manage'),

	'GET /api/v1/incidents/[id=uuid]/run': incident('incident.view'),
	'GET /api/v1/incidents/[id=uuid]/timeline': incident('incident.view'),
	'POST /api/v1/incidents/[id=uuid]/notes': incident('timeline.write'),
	// Issue 11: writing a night at its true times.
	'POST /api/v1/orgs/[id=uuid]/incidents': org('incident.declare'),
	'POST /api/v1/incidents/[id=uuid]/status': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/milestones': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/servers': incident('incident.update'),
	'DELETE /api/v1/incidents/[id=uuid]/servers': incident('incident.update'),
	'GET /api/v1/incidents/[id=uuid]/figures': incident('incident.view'),
	'POST /api/v1/incidents/[id=uuid]/steps/[stepId=uuid]': incident('step.work'),
	'GET /api/v1/orgs/[id=uuid]/inventory': org('inventory.view'),
	'POST /api/v1/orgs/[id=uuid]/inventory': org('inventory.edit'),
	'POST /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status': org('inventory.status'),
	'GET /api/v1/streams/[id=uuid]/events': { scope: 'stream', permission: 'room.join' },

	// The JSON counterparts of the forms (tests/integration/form-api-parity.test.ts pairs them).
	'POST /api/v1/orgs': SIGNED_IN,
	'GET /api/v1/orgs/[id=uuid]/members': org('organization.view'),
	'PATCH /api/v1/orgs/[id=uuid]/members/[userId=uuid]': org('member.change_role'),
	'DELETE /api/v1/orgs/[id=uuid]/members/[userId=uuid]': org('member.remove'),
	'POST /api/v1/orgs/[id=uuid]/members/[userId=uuid]/password-reset': org(
		'member.issue_password_reset'
	),
	'POST /api/v1/orgs/[id=uuid]/invites': org('member.invite'),
	'DELETE /api/v1/orgs/[id=uuid]/invites/[inviteId=uuid]': org('member.invite'),
	'GET /api/v1/orgs/[id=uuid]/tokens': org('token.manage'),
	'POST /api/v1/orgs/[id=uuid]/tokens': org('token.manage'),
	'DELETE /api/v1/orgs/[id=uuid]/tokens/[tokenId=uuid]': org('token.manage'),
	'PUT /api/v1/orgs/[id=uuid]/sso': org('sso.manage'),
	'DELETE /api/v1/orgs/[id=uuid]/sso': org('sso.manage'),
	'GET /api/v1/orgs/[id=uuid]/contacts': org('contacts.view'),
	'POST /api/v1/orgs/[id=uuid]/contacts': org('contacts.edit'),
	'PATCH /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]': org('contacts.edit'),
	'DELETE /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]': org('contacts.edit'),
	'PATCH /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]': org('inventory.edit'),
	'DELETE /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]': org('inventory.edit'),
	'POST /api/v1/orgs/[id=uuid]/inventory/import': org('inventory.edit'),
	'GET /api/v1/orgs/[id=uuid]/templates': org('template.view'),
	'POST /api/v1/orgs/[id=uuid]/templates': org('template.edit'),
	'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/versions': org('template.edit'),
	'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/drills': org('run.start'),
	'PUT /api/v1/incidents/[id=uuid]/commander': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/pins': incident('timeline.write'),
	'POST /api/v1/incidents/[id=uuid]/calls': incident('contacts.log_call'),
	'POST /api/v1/incidents/[id=uuid]/shared-contacts': incident('contacts.edit'),
	'GET /api/v1/incidents/[id=uuid]/invitations': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'POST /api/v1/incidents/[id=uuid]/invitations': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'DELETE /api/v1/incidents/[id=uuid]/invitations/[invitationId=uuid]': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'DELETE /api/v1/incidents/[id=uuid]/organizations/[organizationId=uuid]': {
		scope: 'incident_owner',
		permission: 'incident.share'
	},
	'GET /api/v1/orgs/[id=uuid]/incident-invitations': org('incident.share'),
	'POST /api/v1/orgs/[id=uuid]/incident-invitations/[invitationId=uuid]': org('incident.share'),
	'DELETE /api/v1/orgs/[id=uuid]/participations/[incidentId=uuid]': org('incident.share'),
	'GET /api/v1/orgs/[id=uuid]/invitation-code': org('incident.share'),
	'POST /api/v1/orgs/[id=uuid]/invitation-code': org('incident.share'),
	'POST /api/v1/incidents/[id=uuid]/run': incident('run.start'),
	'POST /api/v1/incidents/[id=uuid]/servers/[itemId=uuid]/status': incident('inventory.status'),
	'GET /api/v1/incidents/[id=uuid]/postmortem': incident('incident.view'),
	'POST /api/v1/incidents/[id=uuid]/postmortem': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/postmortem/sections': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/postmortem/status': incident('incident.update'),
	'GET /api/v1/incidents/[id=uuid]/postmortem/refresh': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/postmortem/refresh': incident('incident.update'),
	'POST /api/v1/incidents/[id=uuid]/postmortem/action-items': incident('incident.update'),
	// Checked on the item's incident, like the action-item list's form.
	'PATCH /api/v1/action-items/[itemId=uuid]': {
		scope: 'body_incident',
		permission: 'incident.update'
	},
	'DELETE /api/v1/action-items/[itemId=uuid]': {
		scope: 'body_incident',
		permission: 'incident.update'
	},
	// One's own account: people signed in, never tokens.
	'PATCH /api/v1/account': SIGNED_IN,
	'POST /api/v1/account/password': SIGNED_IN,
	'GET /api/v1/account/sessions': SIGNED_IN,
	'DELETE /api/v1/account/sessions': SIGNED_IN,
	'DELETE /api/v1/account/sessions/[sessionId]': SIGNED_IN,
	'GET /api/v1/account/mail-preferences': SIGNED_IN,
	'PUT /api/v1/account/mail-preferences': SIGNED_IN,

	'view /(app)/orgs/[id=uuid]/integrations': org('integration.manage'),
	'action /(app)/orgs/[id=uuid]/integrations create': org('integration.manage'),
	'action /(app)/orgs/[id=uuid]/integrations rules': org('integration.manage'),
	'action /(app)/orgs/[id=uuid]/integrations revoke': org('integration.manage'),
	'view /(app)/orgs/[id=uuid]/alerts': org('alert.view'),
	'GET /api/v1/orgs/[id=uuid]/alerts': org('alert.view'),
	'GET /api/v1/orgs/[id=uuid]/integrations': org('integration.manage'),
	'POST /api/v1/orgs/[id=uuid]/integrations': org('integration.manage'),
	'PATCH /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]': org('integration.manage'),
	'DELETE /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]': org('integration.manage'),
	// Monitoring has no account: the secret in the address (and its bearer secret) authorizes.
	'POST /api/v1/ingest/[secret]': PUBLIC,
	// For assistants: an API token, never a session; each tool authorizes like its API route.
	'POST /mcp': { scope: 'api_token' },
	// Issue 15: outgoing webhooks, admins only.
	'view /(app)/orgs/[id=uuid]/webhooks': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks create': org('webhook.manage'),
	'view /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid]': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] update': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] toggle': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] rotate': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] redeliver': org('webhook.manage'),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] delete': org('webhook.manage'),
	'GET /api/v1/orgs/[id=uuid]/webhooks': org('webhook.manage'),
	'POST /api/v1/orgs/[id=uuid]/webhooks': org('webhook.manage'),
	'GET /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': org('webhook.manage'),
	'PATCH /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': org('webhook.manage'),
	'DELETE /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': org('webhook.manage'),
	'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/secret': org('webhook.manage'),
	'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/deliveries/[deliveryId=uuid]/redeliver':
		org('webhook.manage'),
	'PUT /api/v1/incidents/[id=uuid]/chat': incident('incident.update'),
	// Issue 15: the public status page (for anyone, the same for everyone), its settings and
	// the public updates written from a room by the declaring organization.
	'view /status/[slug]': PUBLIC,
	'action /status/[slug] subscribe': PUBLIC,
	'GET /status/[slug]/api/v2/summary.json': PUBLIC,
	'GET /status/[slug]/api/v2/status.json': PUBLIC,
	'GET /status/[slug]/history.atom': PUBLIC,
	'GET /status/[slug]/history.rss': PUBLIC,
	// The link of a subscription mail is the authorization.
	'view /status/[slug]/subscription/[token]': PUBLIC,
	'action /status/[slug]/subscription/[token] confirm': PUBLIC,
	'action /status/[slug]/subscription/[token] unsubscribe': PUBLIC,
	'view /(app)/orgs/[id=uuid]/status-page': org('status_page.manage'),
	'action /(app)/orgs/[id=uuid]/status-page save': org('status_page.manage'),
	'GET /api/v1/orgs/[id=uuid]/status-page': org('status_page.manage'),
	'PUT /api/v1/orgs/[id=uuid]/status-page': org('status_page.manage'),
	'action /(app)/orgs/[id=uuid]/status-page schedule': org('status_page.manage'),
	'action /(app)/orgs/[id=uuid]/status-page maintenance': org('status_page.manage'),
	'action /(app)/orgs/[id=uuid]/status-page cancelMaintenance': org('status_page.manage'),
	'POST /api/v1/orgs/[id=uuid]/status-page/maintenances': org('status_page.manage'),
	'PATCH /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]':
		org('status_page.manage'),
	'DELETE /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]':
		org('status_page.manage'),
	'action /(app)/incidents/[id=uuid] publicUpdate': {
		scope: 'incident_owner',
		permission: 'status.publish'
	},
	'POST /api/v1/incidents/[id=uuid]/public-updates': {
		scope: 'incident_owner',
		permission: 'status.publish'
	},
	'GET /api/v1/openapi.json': PUBLIC,
	'view /docs/api': PUBLIC
};
