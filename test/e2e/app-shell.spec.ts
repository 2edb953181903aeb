import { expect, test } from '@playwright/test';
import { startKioskServer, type KioskServer } from '../support/kiosk-server';
import { expectAccessible, openScreen } from './kiosk-page';

/**
 * The app shell is cached by the service worker: a kiosk browser reloaded while its own server is
 * down still shows the welcome screen, and nothing from /api is ever in the caches. This test stops
 * its server, so it runs one of its own.
 */
let server: KioskServer;

test.beforeAll(async () => {
	server = await startKioskServer();
});

test.afterAll(async () => {
	await server?.stop();
});

/** Every URL in Cache Storage, by cache name. */
async function cachedUrls(page: import('@playwright/test').Page): Promise<Record<string, string[]>> {
	return page.evaluate(async () => {
		const result: Record<string, string[]> = {};
		for (const name of await caches.keys()) {
			result[name] = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
		}
		return result;
	});
}

test('a reload while the kiosk server is down still shows the welcome screen, and no /api answer is cached', async ({ page }) => {
	const pageErrors: string[] = [];
	const consoleErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(String(error)));
	page.on('console', (message) => {
		// The browser's own note on each refused request (config, session, device events) is expected offline.
		if (message.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|EventSource/.test(message.text())) consoleErrors.push(message.text());
	});

	await openScreen(page, `${server.origin}/`);
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	// The kiosk registers its service worker on load; the first version takes control at once.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

	// Member data passed through the service worker while it controlled the page: still not cached.
	await page.evaluate(async () => {
		await fetch('/api/config', { cache: 'no-store' });
		await fetch('/api/account', { cache: 'no-store' });
	});

	await server.stop();
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);

	await expect(page.getByText('Welkom', { exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Bibliotheek' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Inleveren' })).toBeVisible();
	// The page knows its own server is gone, and sends members to the desk, calmly.
	await expect(page.getByTestId('library-offline')).toContainText('Deze kiosk werkt even niet');
	await expect(page.locator('body')).not.toContainText(/error|fout|\b[45]\d\d\b|\bat\s+\S+\s+\(/i);

	const cached = await cachedUrls(page);
	const names = Object.keys(cached);
	expect(names.length).toBe(1);
	expect(names.every((name) => name.startsWith('kiosk-shell-'))).toBe(true);
	const urls = Object.values(cached).flat();
	expect(urls).toContain('/');
	expect(urls.filter((url) => url.startsWith('/api'))).toEqual([]);

	await expectAccessible(page);
	expect(pageErrors).toEqual([]);
	expect(consoleErrors).toEqual([]);
});
