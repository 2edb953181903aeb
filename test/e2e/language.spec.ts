import { expect, test } from '@playwright/test';
import { scan, openScreen } from './kiosk-page';

test('Dutch by default, English one tap away, and back to Dutch when the session ends', async ({ page }) => {
	await openScreen(page, '/');
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Borrow' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan your library card' })).toBeVisible();
	await scan(page, '20001000000053');
	await page.keyboard.type('1234');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Hello Daan' })).toBeVisible();
	await scan(page, '30001000000085');
	await expect(page.locator('[data-testid="result-line"][data-item-id="30001000000085"]')).toContainText(/Due back \d{1,2} \w+ 20\d\d/);

	await page.getByRole('button', { name: 'Done' }).click();
	// The receipt choice speaks the member's language too.
	await expect(page.getByRole('heading', { level: 1, name: 'Would you like a receipt?' })).toBeVisible();
	await page.getByRole('button', { name: 'No receipt' }).click();
	await page.getByRole('button', { name: /start/i }).click();
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});
