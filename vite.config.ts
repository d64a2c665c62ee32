import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In development, socket.io must share the dev server's port exactly as it shares
 * server.js's port in production: hand the HTTP server to the app, which boots itself
 * (database, migrations, realtime) through the same code path as production.
 */
function realtimeDevServer(): Plugin {
	return {
		name: 'nightshift-realtime',
		apply: 'serve',
		configureServer(server) {
			if (!server.httpServer) return;
			const httpServer = server.httpServer;
			httpServer.once('listening', async () => {
				const boot = await server.ssrLoadModule('/src/lib/server/boot.ts');
				await boot.boot({ httpServer, dev: true });
			});
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-user', 'cookie', 'preferredLanguage', 'baseLocale']
		}),
		realtimeDevServer()
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
