import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

// A fixed port, shared with the server through the environment (workers re-read this file).
const PORT = Number(process.env.E2E_PORT ?? 4180);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Debian's Chromium when installed (scripts/ensure-browser.sh), else Playwright's own build.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	// One server, two cores: tests run one after the other and simply wait.
	workers: 1,
	fullyParallel: false,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
	use: {
		baseURL: BASE_URL,
		locale: 'en-US',
		timezoneId: 'Europe/Paris',
		actionTimeout: 15_000,
		navigationTimeout: 30_000,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : chromium.executablePath(),
					args: [
						'--no-sandbox',
						'--disable-gpu',
						// This machine's network is closed: no background calls home, no QUIC probes.
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-quic',
						'--disable-sync',
						'--no-first-run'
					]
				}
			}
		}
	],
	webServer: {
		command: 'node tests/e2e/serve.js',
		url: `${BASE_URL}/readyz`,
		// No ORIGIN: server.js then serves plain http for whatever host is used, so the browser
		// may also come through the test's link proxy on another port (tests/e2e/link-proxy.ts).
		// SSO: a key for client secrets and refresh tokens; SSO sessions checked every 2 s.
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			SSO_SECRET_KEY: 'bmlnaHRzaGlmdC1lMmUtc3NvLWtleS0zMi1ieXRlcyE=',
			SSO_CHECK_INTERVAL: '2',
			// Webhook receivers of the tests listen on loopback.
			WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1/32'
		},
		reuseExistingServer: false,
		// Cold start: an embedded PostgreSQL runs initdb, then migrations and the demo seed.
		timeout: 180_000,
		// SIGTERM lets serve.js stop the app and drop its database; SIGKILL would leave them.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
		// The app logs warnings and errors only (LOG_LEVEL=warn): shown with the run.
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
