type Side = 'client' | 'provider';

/** One step of a demo template's body, as the template editor would save it. */
export const templateStep = (
	key: string,
	title: string,
	ownerSide: Side,
	role: string,
	plannedMinutes: number,
	dependsOn: string[],
	instructions: string,
	expandTag: string | null = null
) => ({
	key,
	title,
	ownerSide,
	role,
	plannedMinutes,
	dependsOn,
	instructions,
	expandTag,
	itemIds: [],
	requiresApproval: null
});

/** The first step of every demo runbook: the client's duty officer declares and opens the room. */
export const declareStep = (instructions: string) =>
	templateStep(
		'declare',
		'Declare the incident and open the room',
		'client',
		'DSI on duty',
		10,
		[],
		instructions
	);
