import { expect, test } from '@playwright/test';
import { deskLoginForm, E2E_ACCOUNTS } from './desk-accounts';
import { expectAccessible, scan, startBorrowing, openScreen } from './kiosk-page';

/** The technician page on the main e2e kiosk (a desk login of the technician account; simulated pad, printer and terminal). */
test.describe('technician page', () => {
	test('a technician logs in, sees the devices and tests the printer and the payment terminal', async ({ page }) => {
		await openScreen(page, '/technician');
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen als technicus' })).toBeVisible();
		await page.getByLabel('Naam').fill(E2E_ACCOUNTS.technician.name);
		await page.getByLabel('Wachtwoord').fill('wrong-password');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page.getByRole('alert')).toHaveText('Die naam of dat wachtwoord klopt niet.');

		await deskLoginForm(page, 'technician');
		await expect(page.getByRole('heading', { level: 1, name: 'Apparaten' })).toBeVisible();
		const device = (kind: string) => page.locator(`[data-testid="device"][data-kind="${kind}"]`);
		await expect(device('rfid-pad')).toHaveAttribute('data-state', 'ready');
		await expect(device('rfid-pad')).toContainText('FEIG ISC');
		await expect(device('printer')).toHaveAttribute('data-state', 'ready');
		await expect(device('printer').getByTestId('device-state')).toHaveText('Gereed (Gesimuleerd)');
		await expect(device('scanner')).toHaveAttribute('data-state', 'keyboard');
		await expect(device('payment')).toHaveAttribute('data-state', 'ready');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Verbinding met het bibliotheeksysteem testen' }).click();
		await expect(page.getByTestId('library-result')).toContainText(/Bibliotheek Demostad antwoordde in \d+ ms\./);
		await expect(page.getByTestId('library-result')).toContainText('Het bibliotheeksysteem meldt zich online.');

		await page.getByRole('button', { name: 'Testbon printen' }).click();
		await expect(page.getByTestId('print-result')).toContainText('Bon geprint. Printer meldt: ok');
		await expect(page.getByTestId('print-result')).toContainText('Printer test');

		await page.getByRole('button', { name: 'Testbetaling € 0,01' }).click();
		await expect(page.getByTestId('payment-result')).toContainText('Karte einstecken');
		await expect(page.getByTestId('payment-result')).toContainText('Resultaat: approved');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Pieptoon' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'De kiosk heeft gepiept.' })).toBeVisible();

		// A scanner test: the code arrives whole, and a member's card number is not shown.
		await expect(page.getByTestId('recent-scans')).toContainText('Nog niets gescand.');
		await scan(page, '20001000000012');
		await expect(page.getByTestId('recent-scans').getByRole('listitem')).toHaveCount(1);
		await expect(page.getByTestId('recent-scans')).toContainText('**********0012 (14 tekens)');
		await expect(page.locator('body')).not.toContainText('20001000000012');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Inloggen als technicus' })).toBeVisible();
		expect((await page.request.get('/api/technician/devices')).status()).toBe(401);
	});

	test('a technician changes the AFI on loan, saves it, sees it applied, and sets it back', async ({ page }) => {
		await openScreen(page, '/technician');
		await deskLoginForm(page, 'admin');
		await expect(page.getByRole('heading', { level: 2, name: 'Instellingen' })).toBeVisible();
		const onLoan = page.getByLabel('AFI uitgeleend (hex)');
		await expect(onLoan).toHaveValue('C2');
		await expect(page.getByLabel('RFID-lezer', { exact: true })).toHaveValue('simulator');

		// A value the kiosk cannot use is refused next to its field, in words.
		await onLoan.fill('XYZ');
		await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
		await expect(page.locator('#setting-rfidAfiOnLoan-problem')).toContainText('Deze waarde klopt niet');
		await expect(onLoan).toHaveAttribute('aria-invalid', 'true');
		expect((await (await page.request.get('/api/technician/config')).json()).rfidAfiOnLoan).toBe('C2');

		try {
			await onLoan.fill('C3');
			await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
			await expect(page.getByTestId('settings-status')).toHaveText('Opgeslagen en toegepast.');
			expect((await (await page.request.get('/api/technician/config')).json()).rfidAfiOnLoan).toBe('C3');
			// The new pad is up again after the swap.
			await expect(page.locator('[data-testid="device"][data-kind="rfid-pad"]')).toHaveAttribute('data-state', 'ready');
			await expectAccessible(page);
		} finally {
			await onLoan.fill('C2');
			await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
			await expect(page.getByTestId('settings-status')).toHaveText('Opgeslagen en toegepast.');
		}
		expect((await (await page.request.get('/api/technician/config')).json()).rfidAfiOnLoan).toBe('C2');
		await expect(page.locator('[data-testid="device"][data-kind="rfid-pad"]')).toHaveAttribute('data-state', 'ready');
	});

	test('a member session cannot reach the technician data', async ({ page }) => {
		await startBorrowing(page, '20001000000012');
		for (const response of [
			await page.request.get('/api/technician/devices'),
			await page.request.post('/api/technician/test', { data: { test: 'print' } }),
			await page.request.get('/api/technician/config'),
			await page.request.put('/api/technician/config', { data: { rfidReader: 'none' } })
		]) {
			expect(response.status()).toBe(401);
			expect(await response.json()).toEqual({ error: 'no-session' });
		}
	});
});
