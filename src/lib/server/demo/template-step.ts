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
