import { expect, test, type Page } from '@playwright/test';
import { SHORT_IDLE_PORT } from '../../playwright.config';
import { scan, startBorrowing } from './kiosk-page';

/**
 * Against the second server, started with IDLE_TIMEOUT_S=2 and IDLE_WARNING_S=3, so the idle
 * warning and the wipe happen within seconds.
 */
test.use({ baseURL: `http://127.0.0.1:${SHORT_IDLE_PORT}` });

async function browserState(page: Page) {
	return page.evaluate(async () => ({
		localStorage: localStorage.length,
		sessionStorage: sessionStorage.length,
		cookies: document.cookie,
		indexedDb: (await indexedDB.databases()).length,
		// The app shell's service worker cache (kiosk-shell-*) holds nothing personal and is kept.
		caches: (await caches.keys()).filter((name) => !name.startsWith('kiosk-shell')).length
	}));
}

test('an idle member is warned with a countdown, and "I am still here" keeps the session', async ({ page }) => {
	await startBorrowing(page, '20001000000012');
	await expect(page.getByRole('heading', { level: 1, name: 'Hallo Sanne' })).toBeVisible();
	const warning = page.getByTestId('idle-warning');
	await expect(warning).toBeVisible({ timeout: 6_000 });
	await expect(page.getByRole('alertdialog', { name: 'Bent u er nog?' })).toBeVisible();
	await expect(page.getByTestId('idle-countdown')).toContainText(/[1-3]/);
	await page.getByRole('button', { name: 'Ik ben er nog' }).click();
	await expect(warning).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: 'Hallo Sanne' })).toBeVisible();
	await scan(page, '30001000000010');
	await expect(page.locator('[data-testid="result-line"][data-item-id="30001000000010"]')).toHaveAttribute('data-outcome', 'ok');
});

test('when nobody answers, the session ends everywhere and nothing personal is left', async ({ page, context }) => {
	const ended: string[] = [];
	page.on('request', (request) => request.url().endsWith('/api/session') && request.method() === 'DELETE' && ended.push(request.url()));
	await startBorrowing(page, '20001000000012');
	await expect(page.getByRole('heading', { level: 1, name: 'Hallo Sanne' })).toBeVisible();
	await page.getByRole('button', { name: 'Mijn account' }).click();
	await expect(page.getByTestId('hold-waiting')).toBeVisible();

	// Warning after 2 s, wipe 3 s later: back on the welcome screen.
	await expect(page).toHaveURL(/:\d+\/$/, { timeout: 10_000 });
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	expect(ended.length).toBeGreaterThanOrEqual(1);

	await expect(page.locator('body')).not.toContainText(/Sanne|Jansen|2000100000001|Lijmen/);
	expect(await browserState(page)).toEqual({ localStorage: 0, sessionStorage: 0, cookies: '', indexedDb: 0, caches: 0 });
	expect(await context.cookies()).toEqual([]);

	// The server forgot the session too: the account is gone.
	const account = await page.request.get('/api/account');
	expect(account.status()).toBe(401);

	// Back shows no member page.
	await page.goBack().catch(() => undefined);
	await expect(page.locator('body')).not.toContainText(/Sanne|Lijmen|Mijn account/);
});

test('finishing ends the session at once, the same way', async ({ page, context }) => {
	await startBorrowing(page, '20001000000053');
	await expect(page.getByRole('heading', { level: 1, name: 'Hallo Daan' })).toBeVisible();
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await page.getByRole('button', { name: 'Naar het begin' }).click();
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	expect(await context.cookies()).toEqual([]);
	expect((await page.request.get('/api/account')).status()).toBe(401);
	await expect(page.locator('body')).not.toContainText('Daan');
});
