import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
	DATABASE_URL: z.string().url().optional(),
	NIGHTSHIFT_DATA_DIR: z.string().default('./data'),
	EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
	ORIGIN: z.string().url().optional(),
	SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
	NODE_ENV: z.string().default('development')
});

export type Config = z.infer<typeof schema> & { dataDir: string };

/** Reads the environment once; an invalid variable stops the server with its name. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration: ${issues.join('; ')}`);
	}
	return { ...parsed.data, dataDir: path.resolve(parsed.data.NIGHTSHIFT_DATA_DIR) };
}
