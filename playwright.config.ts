import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromium } from 'playwright-core';

/**
 * End-to-end tests in a real Chromium against the built kiosk with its bundled demo library.
 * One build, four servers: the main one, one with short idle timeouts for the wipe tests, one
 * whose library system cannot be reached, and one whose simulated RFID pad the RFID tests own.
 * Playwright cannot download its own browser here, so Debian's chromium stands in when absent.
 */
const bundled = chromium.executablePath();
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(bundled) ? undefined : '/usr/bin/chromium');

export const KIOSK_PORT = 3100;
export const SHORT_IDLE_PORT = 3101;
/** A kiosk whose library system is down (nothing listens on port 1): it works offline, lending at most 2 items per member. */
export const NO_LIBRARY_PORT = 3102;
/** RFID tests get a kiosk of their own: the simulated pad is shared by every screen of one server. */
export const RFID_PORT = 3103;
/**
 * Where the main server (KIOSK_PORT) sends e-mailed receipts: a loopback SMTP server that the receipt
 * test starts itself (test/support/loopback-smtp.ts). Nothing listens here otherwise: a receipt
 * e-mailed then fails, and the screen says so.
 */
export const SMTP_PORT = 3104;

/**
 * Made in the runner process, as is the teardown that removes these files again; passed on in the
 * environment so the workers (which load this file anew) name the same files.
 */
export const E2E_FILE_PREFIX = (process.env.KIOSK_E2E_FILE_PREFIX ??= `kiosk-e2e-${process.pid}-`);

/** Each server's log (LOG_FILE): the teardown searches every line for the demo members' data, then removes it. */
export const e2eLogFile = (port: number): string => join(tmpdir(), `${E2E_FILE_PREFIX}${port}-log.jsonl`);

/** Each server's desk accounts (STAFF_DB): the global setup adds the test accounts with the admin command's code. */
export const e2eStaffDb = (port: number): string => join(tmpdir(), `${E2E_FILE_PREFIX}${port}-staff.db`);

const server = (port: number, env: Record<string, string> = {}) => ({
	command: 'node server/start.js',
	url: `http://127.0.0.1:${port}/api/config`,
	reuseExistingServer: false,
	timeout: 60_000,
	stdout: 'ignore' as const,
	stderr: 'pipe' as const,
	// Settings, the offline queue and its key go to the OS temp dir, one set per server and run, never into the repo.
	env: {
		PORT: String(port),
		// No HOST: server/start.js's loopback default is what security-headers.spec.ts checks.
		// Every line that can be logged is, to a file, for the teardown's personal-data scan.
		LOG_LEVEL: 'debug',
		LOG_FILE: e2eLogFile(port),
		SETTINGS_FILE: join(tmpdir(), `${E2E_FILE_PREFIX}${port}-settings.json`),
		OFFLINE_DB: join(tmpdir(), `${E2E_FILE_PREFIX}${port}-offline.db`),
		PAYMENT_JOURNAL: join(tmpdir(), `${E2E_FILE_PREFIX}${port}-payments.db`),
		OFFLINE_KEY_FILE: join(tmpdir(), `${E2E_FILE_PREFIX}${port}-offline.key`),
		STAFF_DB: e2eStaffDb(port),
		// The suite logs in far faster than people at one kiosk do (two workers, a login every second or
		// so): the kiosk-wide limit must not refuse a test's login. The PIN lock per card stays as in production.
		LOGIN_RATE_LIMIT: '100000',
		...env
	}
});

export default defineConfig({
	testDir: 'test/e2e',
	// Runs after the web servers are up (Playwright starts them first): it writes the test accounts
	// into their STAFF_DB files, which the servers read at every login.
	globalSetup: './test/e2e/global-setup.ts',
	globalTeardown: './test/e2e/global-teardown.ts',
	timeout: 30_000,
	expect: { timeout: 5_000 },
	workers: 2,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: '.test-reports/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${KIOSK_PORT}`,
		trace: 'retain-on-failure',
		viewport: { width: 1280, height: 1024 },
		launchOptions: {
			executablePath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 1024 } } }],
	webServer: [
		server(KIOSK_PORT, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(SMTP_PORT), SMTP_STARTTLS: 'off', SMTP_FROM: 'Bibliotheek Demostad <kiosk@bibliotheek.example>' }),
		server(SHORT_IDLE_PORT, { IDLE_TIMEOUT_S: '2', IDLE_WARNING_S: '3' }),
		server(NO_LIBRARY_PORT, { SIP2_HOST: '127.0.0.1', SIP2_PORT: '1', SIP2_USER: 'kiosk', OFFLINE_MAX_ITEMS: '2' }),
		server(RFID_PORT)
	]
});
