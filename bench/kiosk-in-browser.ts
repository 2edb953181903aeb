/**
 * Figures as a member sees them: the built kiosk (`node server/start.js`, demo library, simulated
 * FEIG pad) in Chromium, a member logged in on the borrow screen.
 * - The RFID stack: 10 item tags laid on the pad at once, timed until the screen shows all 10 loans
 *   confirmed with the security bit written ("data-security=done" on every line).
 * - Scan to screen: a wedge scan's Enter until its line shows the loan.
 *
 * Needs the build (`npm run bench` makes it first) and Chromium (Playwright's own, or Debian's).
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { startKioskServer, type KioskServer } from '../test/support/kiosk-server';

export interface OnScreenResult {
	runsMs: number[];
}

const STACK_SIZE = 10;

async function logIn(page: Page, card: string): Promise<void> {
	await page.goto('/');
	// Interactive only once hydrated (the root layout marks it).
	await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: 'Lenen' }).click();
	await page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' }).waitFor();
	await page.keyboard.type(card, { delay: 5 });
	await page.keyboard.press('Enter');
	await page.getByRole('heading', { level: 1, name: 'Typ uw pincode' }).waitFor();
	await page.keyboard.type('1234');
	await page.keyboard.press('Enter');
	await page.getByText('Scan uw boeken en andere items één voor één.').waitFor();
}

/** The built kiosk on a free loopback port with the demo library from `dbFile` and a simulated pad. */
export function startBuiltKiosk(dbFile: string): Promise<KioskServer> {
	if (!existsSync('build/index.js')) throw new Error('no build: run `vite build` first');
	// The bench logs in far more often than a member could.
	return startKioskServer({ LOG_LEVEL: 'error', DEMO_DB: dbFile, RFID_READER: 'simulator', LOGIN_RATE_LIMIT: '100000' });
}

/** The built kiosk and a Chromium page on it. */
async function withKioskInBrowser<T>(dbFile: string, work: (kiosk: { page: Page; pad: (body: object) => Promise<void> }) => Promise<T>): Promise<T> {
	const { origin, stop } = await startBuiltKiosk(dbFile);
	const bundled = chromium.executablePath();
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? (existsSync(bundled) ? undefined : '/usr/bin/chromium'), args: ['--no-sandbox', '--disable-gpu'] });
	try {
		const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 1024 } });
		const page = await context.newPage();
		const pad = async (body: object) => {
			const response = await context.request.post('/api/devices/simulator/pad', { data: body, headers: { origin } });
			if (!response.ok()) throw new Error(`pad simulator answered ${response.status()}`);
		};
		const result = await work({ page, pad });
		await context.close();
		return result;
	} finally {
		await browser.close();
		await stop();
	}
}

/** Waits, on every animation frame, until `count` lines show their item lent with the security done (or no tag). */
function linesLent(page: Page, count: number, withTag: boolean): Promise<unknown> {
	return page.waitForFunction(
		({ count, withTag }) => document.querySelectorAll(`[data-testid="result-line"][data-outcome="ok"]${withTag ? '[data-security="done"]' : ''}`).length === count,
		{ count, withTag },
		{ polling: 'raf', timeout: 30_000 }
	);
}

async function finish(page: Page): Promise<void> {
	const refused = await page.locator('[data-testid="result-line"]:not([data-outcome="ok"])').count();
	if (refused > 0) throw new Error(`${refused} bench loans were refused: the benchmark data is wrong`);
	await page.getByRole('button', { name: 'Klaar' }).click();
	await page.getByRole('heading', { level: 1, name: 'Bedankt!' }).waitFor();
}

/**
 * `items(run)` gives each run its own available items and `patron(run)` its own member (the
 * caller seeded them into `dbFile`), so every run lends fresh items.
 */
export function rfidOnScreenBenchmark(options: { dbFile: string; runs: number; items: (run: number) => string[]; patron: (run: number) => string }): Promise<OnScreenResult> {
	return withKioskInBrowser(options.dbFile, async ({ page, pad }) => {
		const runsMs: number[] = [];
		for (let run = 0; run < options.runs; run++) {
			await pad({ action: 'clear' });
			await logIn(page, options.patron(run));
			const items = options.items(run);
			if (items.length !== STACK_SIZE) throw new Error(`a run needs ${STACK_SIZE} items`);
			const start = performance.now();
			await pad({ action: 'place', tags: items.map((id) => ({ id })) });
			// Polled on every animation frame: the time the screen shows it, not the time a test would notice.
			await linesLent(page, STACK_SIZE, true);
			runsMs.push(performance.now() - start);
			await finish(page);
		}
		return { runsMs };
	});
}

/**
 * Scan to screen: a barcode typed by a keyboard-wedge scanner (as fast as a scanner types, then
 * Enter) to its line showing "lent" with the due date, through the real kiosk server and the demo
 * library. One sample per item; `items` are available and lent to `patron`.
 */
export function scanToScreenBenchmark(options: { dbFile: string; patron: string; items: string[] }): Promise<{ samplesMs: number[] }> {
	return withKioskInBrowser(options.dbFile, async ({ page }) => {
		await logIn(page, options.patron);
		const samplesMs: number[] = [];
		for (const [index, item] of options.items.entries()) {
			await page.keyboard.type(item, { delay: 2 });
			const start = performance.now();
			await page.keyboard.press('Enter');
			await linesLent(page, index + 1, false);
			samplesMs.push(performance.now() - start);
		}
		await finish(page);
		return { samplesMs };
	});
}
