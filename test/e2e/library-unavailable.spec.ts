import { expect, test } from '@playwright/test';
import { NO_LIBRARY_PORT } from '../../playwright.config';
import { resultLine, scan, startBorrowing } from './kiosk-page';

/** Against a kiosk whose library system is down: plain words, no codes, and the kiosk keeps going. */
test.use({ baseURL: `http://127.0.0.1:${NO_LIBRARY_PORT}` });

test('logging in while the library system is down says so in plain words', async ({ page }) => {
	await startBorrowing(page, '20001000000012', '1234', { expectRefusal: true });
	await expect(page.getByTestId('login-problem')).toContainText('Het bibliotheeksysteem is nu niet bereikbaar', { timeout: 10_000 });
	await expect(page.locator('body')).not.toContainText(/503|library-unavailable|Error|undefined/);
});

test('a return while the library system is down is not lost in silence: the line says what happened', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inleveren' })).toBeVisible();
	await scan(page, '30001000000101');
	const line = resultLine(page, '30001000000101');
	await expect(line).toHaveAttribute('data-outcome', 'refused', { timeout: 10_000 });
	await expect(line).toContainText('niet bereikbaar');
	await expect(page.getByRole('button', { name: 'Klaar' })).toBeEnabled();
});
