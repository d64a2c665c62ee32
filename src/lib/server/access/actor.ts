/** Who performs a command, and from where: recorded with every event. */
export interface Actor {
	userId: string;
	name: string;
	address?: string;
	source?: 'manual' | 'api' | 'alert';
}
