/**
 * Every form action under src/routes and its JSON counterpart: the endpoint (as the route
 * table keys it) and the domain command both call. `form-api-parity.test.ts` fails when a form
 * action is missing here, when a counterpart does not exist, or when either side does not call
 * the command named. Actions only a browser can do are listed apart, each with its reason.
 */

export interface Counterpart {
	/** `<METHOD> <route id>` of the endpoint. */
	api: string;
	/** The domain command both call. */
	command: string;
	/** Built by another issue: until its route is merged, the endpoint may be absent. */
	pending?: string;
}

export const FORM_API: Record<string, Counterpart> = {
	'action /(app)/dashboard createOrganization': {
		api: 'POST /api/v1/orgs',
		command: 'createOrganization'
	},
	'action /(app)/account profile': { api: 'PATCH /api/v1/account', command: 'updateProfile' },
	'action /(app)/account password': {
		api: 'POST /api/v1/account/password',
		command: 'changePassword'
	},
	'action /(app)/account endSession': {
		api: 'DELETE /api/v1/account/sessions/[sessionId]',
		command: 'endOwnSession'
	},
	'action /(app)/account mailPreferences': {
		api: 'PUT /api/v1/account/mail-preferences',
		command: 'setMailPreferences'
	},
	'action /(app)/account endOtherSessions': {
		api: 'DELETE /api/v1/account/sessions',
		command: 'endOtherSessions'
	},
	'action /(app)/incidents/new default': {
		api: 'POST /api/v1/orgs/[id=uuid]/incidents',
		command: 'declareIncident'
	},
	'action /(app)/incidents/[id=uuid] status': {
		api: 'POST /api/v1/incidents/[id=uuid]/status',
		command: 'changeIncidentStatus'
	},
	'action /(app)/incidents/[id=uuid] commander': {
		api: 'PUT /api/v1/incidents/[id=uuid]/commander',
		command: 'setCommander'
	},
	'action /(app)/incidents/[id=uuid] chat': {
		api: 'PUT /api/v1/incidents/[id=uuid]/chat',
		command: 'setChatUpdates'
	},
	'action /(app)/incidents/[id=uuid] note': {
		api: 'POST /api/v1/incidents/[id=uuid]/notes',
		command: 'addNote'
	},
	'action /(app)/incidents/[id=uuid] pin': {
		api: 'POST /api/v1/incidents/[id=uuid]/pins',
		command: 'pinEvent'
	},
	'action /(app)/incidents/[id=uuid] serverStatus': {
		api: 'POST /api/v1/incidents/[id=uuid]/servers/[itemId=uuid]/status',
		command: 'setItemStatus'
	},
	'action /(app)/incidents/[id=uuid] step': {
		api: 'POST /api/v1/incidents/[id=uuid]/steps/[stepId=uuid]',
		command: 'actOnStep'
	},
	'action /(app)/incidents/[id=uuid] startRun': {
		api: 'POST /api/v1/incidents/[id=uuid]/run',
		command: 'startRun'
	},
	'action /(app)/incidents/[id=uuid] logCall': {
		api: 'POST /api/v1/incidents/[id=uuid]/calls',
		command: 'logCall'
	},
	'action /(app)/incidents/[id=uuid] share': {
		api: 'POST /api/v1/incidents/[id=uuid]/invitations',
		command: 'inviteOrganization'
	},
	'action /(app)/incidents/[id=uuid] milestone': {
		api: 'POST /api/v1/incidents/[id=uuid]/milestones',
		command: 'setMilestone'
	},
	'action /(app)/incidents/[id=uuid] attachServers': {
		api: 'POST /api/v1/incidents/[id=uuid]/servers',
		command: 'attachServers'
	},
	'action /(app)/incidents/[id=uuid] detachServer': {
		api: 'DELETE /api/v1/incidents/[id=uuid]/servers',
		command: 'detachServers'
	},
	'action /(app)/incidents/[id=uuid] withdrawInvitation': {
		api: 'DELETE /api/v1/incidents/[id=uuid]/invitations/[invitationId=uuid]',
		command: 'withdrawInvitation'
	},
	'action /(app)/incidents/[id=uuid] unshare': {
		api: 'DELETE /api/v1/incidents/[id=uuid]/organizations/[organizationId=uuid]',
		command: 'unshareIncident'
	},
	'action /(app)/incidents/[id=uuid] leave': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/participations/[incidentId=uuid]',
		command: 'leaveIncident'
	},
	'action /(app)/incidents/[id=uuid] shareContact': {
		api: 'POST /api/v1/incidents/[id=uuid]/shared-contacts',
		command: 'shareContactInIncident'
	},
	'action /(app)/dashboard answerInvitation': {
		api: 'POST /api/v1/orgs/[id=uuid]/incident-invitations/[invitationId=uuid]',
		command: 'answerInvitation'
	},
	'action /(app)/orgs/[id=uuid] changeInvitationCode': {
		api: 'POST /api/v1/orgs/[id=uuid]/invitation-code',
		command: 'changeInvitationCode'
	},
	'action /(app)/incidents/[id=uuid]/postmortem create': {
		api: 'POST /api/v1/incidents/[id=uuid]/postmortem',
		command: 'createPostmortem'
	},
	'action /(app)/incidents/[id=uuid]/postmortem section': {
		api: 'POST /api/v1/incidents/[id=uuid]/postmortem/sections',
		command: 'saveSection'
	},
	'action /(app)/incidents/[id=uuid]/postmortem refresh': {
		api: 'POST /api/v1/incidents/[id=uuid]/postmortem/refresh',
		command: 'refreshPostmortem'
	},
	'action /(app)/incidents/[id=uuid]/postmortem move': {
		api: 'POST /api/v1/incidents/[id=uuid]/postmortem/status',
		command: 'movePostmortem'
	},
	'action /(app)/incidents/[id=uuid]/postmortem addItem': {
		api: 'POST /api/v1/incidents/[id=uuid]/postmortem/action-items',
		command: 'addActionItem'
	},
	'action /(app)/incidents/[id=uuid]/postmortem changeItem': {
		api: 'PATCH /api/v1/action-items/[itemId=uuid]',
		command: 'changeActionItem'
	},
	'action /(app)/incidents/[id=uuid]/postmortem removeItem': {
		api: 'DELETE /api/v1/action-items/[itemId=uuid]',
		command: 'removeActionItem'
	},
	// Ending a drill resolves it: the status endpoint with `resolved`.
	'action /(app)/incidents/[id=uuid]/scorecard end': {
		api: 'POST /api/v1/incidents/[id=uuid]/status',
		command: 'changeIncidentStatus'
	},
	'action /(app)/action-items status': {
		api: 'PATCH /api/v1/action-items/[itemId=uuid]',
		command: 'changeActionItem'
	},
	'action /(app)/orgs/[id=uuid] invite': {
		api: 'POST /api/v1/orgs/[id=uuid]/invites',
		command: 'createInvite'
	},
	'action /(app)/orgs/[id=uuid] revokeInvite': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/invites/[inviteId=uuid]',
		command: 'revokeInvite'
	},
	'action /(app)/orgs/[id=uuid] changeRole': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/members/[userId=uuid]',
		command: 'changeMemberRole'
	},
	'action /(app)/orgs/[id=uuid] removeMember': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/members/[userId=uuid]',
		command: 'removeMember'
	},
	'action /(app)/orgs/[id=uuid] issueReset': {
		api: 'POST /api/v1/orgs/[id=uuid]/members/[userId=uuid]/password-reset',
		command: 'issuePasswordReset'
	},
	'action /(app)/orgs/[id=uuid]/tokens create': {
		api: 'POST /api/v1/orgs/[id=uuid]/tokens',
		command: 'createApiToken'
	},
	'action /(app)/orgs/[id=uuid]/tokens revoke': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/tokens/[tokenId=uuid]',
		command: 'revokeApiToken'
	},
	'action /(app)/orgs/[id=uuid]/contacts create': {
		api: 'POST /api/v1/orgs/[id=uuid]/contacts',
		command: 'createContact'
	},
	'action /(app)/orgs/[id=uuid]/contacts update': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]',
		command: 'updateContact'
	},
	'action /(app)/orgs/[id=uuid]/contacts delete': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/contacts/[contactId=uuid]',
		command: 'deleteContact'
	},
	'action /(app)/orgs/[id=uuid]/inventory status': {
		api: 'POST /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status',
		command: 'setItemStatus'
	},
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] update': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]',
		command: 'updateItem'
	},
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] status': {
		api: 'POST /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status',
		command: 'setItemStatus'
	},
	'action /(app)/orgs/[id=uuid]/inventory/[itemId=uuid] delete': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]',
		command: 'deleteItem'
	},
	'action /(app)/orgs/[id=uuid]/inventory/import default': {
		api: 'POST /api/v1/orgs/[id=uuid]/inventory/import',
		command: 'importItems'
	},
	'action /(app)/orgs/[id=uuid]/inventory/new default': {
		api: 'POST /api/v1/orgs/[id=uuid]/inventory',
		command: 'createItem'
	},
	'action /(app)/orgs/[id=uuid]/templates/new default': {
		api: 'POST /api/v1/orgs/[id=uuid]/templates',
		command: 'createTemplate'
	},
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid] save': {
		api: 'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/versions',
		command: 'saveTemplateVersion'
	},
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill start': {
		api: 'POST /api/v1/orgs/[id=uuid]/templates/[templateId=uuid]/drills',
		command: 'startDrill'
	},
	'action /(app)/orgs/[id=uuid]/sso save': {
		api: 'PUT /api/v1/orgs/[id=uuid]/sso',
		command: 'saveProvider'
	},
	'action /(app)/orgs/[id=uuid]/sso remove': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/sso',
		command: 'removeProvider'
	},
	'action /(app)/orgs/[id=uuid]/integrations create': {
		api: 'POST /api/v1/orgs/[id=uuid]/integrations',
		command: 'createIntegration'
	},
	'action /(app)/orgs/[id=uuid]/integrations rules': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]',
		command: 'updateIntegrationRules'
	},
	'action /(app)/orgs/[id=uuid]/status-page save': {
		api: 'PUT /api/v1/orgs/[id=uuid]/status-page',
		command: 'saveStatusPage'
	},
	'action /(app)/orgs/[id=uuid]/status-page schedule': {
		api: 'POST /api/v1/orgs/[id=uuid]/status-page/maintenances',
		command: 'scheduleMaintenance'
	},
	'action /(app)/orgs/[id=uuid]/status-page maintenance': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]',
		command: 'updateMaintenance'
	},
	'action /(app)/orgs/[id=uuid]/status-page cancelMaintenance': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]',
		command: 'cancelMaintenance'
	},
	'action /(app)/incidents/[id=uuid] publicUpdate': {
		api: 'POST /api/v1/incidents/[id=uuid]/public-updates',
		command: 'postPublicUpdate'
	},
	'action /(app)/orgs/[id=uuid]/integrations revoke': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]',
		command: 'revokeIntegration'
	},
	'action /(app)/orgs/[id=uuid]/webhooks create': {
		api: 'POST /api/v1/orgs/[id=uuid]/webhooks',
		command: 'createEndpoint'
	},
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] update': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]',
		command: 'updateEndpoint'
	},
	// Turning it off or on is a change of its `enabled`.
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] toggle': {
		api: 'PATCH /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]',
		command: 'updateEndpoint'
	},
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] rotate': {
		api: 'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/secret',
		command: 'rotateSecret'
	},
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] redeliver': {
		api: 'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/deliveries/[deliveryId=uuid]/redeliver',
		command: 'redeliver'
	},
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] delete': {
		api: 'DELETE /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]',
		command: 'deleteEndpoint'
	}
};

/** What only a browser does, and why it has no JSON counterpart. */
export const BROWSER_ONLY: Record<string, string> = {
	'action /(auth)/signin default':
		'Opens a browser session (a cookie); machines authenticate with an API token instead.',
	'action /(auth)/signup default':
		'Creates a person’s own account and session; an account is not created by a machine.',
	'action /(auth)/invite/[token] accept':
		'The invite link is for the person who received it, signed in in their browser.',
	'action /(auth)/invite/[token] join':
		'The invite link’s sign-up form: creates the person’s account and browser session.',
	'action /(auth)/reset/[token] default':
		'A single-use link handed to one person, who sets their password in a browser.',
	'action /(auth)/forgot default':
		'A person without a session asks for a link mailed to their own address; the answer never says whether an account exists.',
	'action /signout current': 'Ends the browser session whose cookie it carries.',
	'action /signout everywhere':
		'Ends every browser session of the person, this one included (the API has DELETE /api/v1/account/sessions for the others).',
	'action /theme default': 'Light or dark: a cookie of that browser, nothing stored on the server.',
	'action /status/[slug] subscribe':
		'A visitor of the public status page asks for its e-mails, without an account; confirmed by the link mailed to them.',
	'action /status/[slug]/subscription/[token] confirm':
		'The second opt-in: only the person who received the mailed link confirms it, in a browser.',
	'action /status/[slug]/subscription/[token] unsubscribe':
		'The unsubscribe link of a mail, for the person who received it; no account is involved.'
};
