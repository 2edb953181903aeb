import { expect, test } from '@playwright/test';
import { resultLine, scan, openScreen } from './kiosk-page';

test('anyone returns items without logging in, and each says where it goes', async ({ page }) => {
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inleveren' })).toBeVisible();

	await scan(page, '30001000000127');
	await expect(resultLine(page, '30001000000127')).toHaveAttribute('data-outcome', 'ok');
	await expect(resultLine(page, '30001000000127')).toContainText('Leg het in de inleverkar');

	await scan(page, '30001000000135');
	await expect(resultLine(page, '30001000000135')).toContainText('Leg het op de reserveringsplank');

	await scan(page, '30001000000143');
	await expect(resultLine(page, '30001000000143')).toContainText('Leg het in de transportbak voor NRD');

	await scan(page, '39999999999999');
	await expect(resultLine(page, '39999999999999')).toHaveAttribute('data-outcome', 'refused');
	await expect(resultLine(page, '39999999999999')).toContainText('Dit item kennen we niet');

	// The hold is for Jan de Vries: the public return screen must not say so.
	await expect(page.locator('main')).not.toContainText(/Vries|2000100000/);
});

test('a scan right after the screen changes loses no digits', async ({ page }) => {
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await scan(page, '30001000000051');
	await expect(resultLine(page, '30001000000051')).toHaveAttribute('data-outcome', 'ok');
});
