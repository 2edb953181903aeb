import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { KioskSettingsFile, SettingsView } from '../../kiosk/lib/api/settings-contract';
import { KIOSK_PORT } from '../../playwright.config';
import { deskLoginForm, deskLoginRequest, E2E_ACCOUNTS } from './desk-accounts';
import { expectAccessible, scan, startBorrowing, openScreen } from './kiosk-page';

const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;

const settingsOf = async (page: Page): Promise<SettingsView> => (await (await page.request.get('/api/technician/config')).json()) as SettingsView;
const afiOnLoan = async (page: Page): Promise<string> => (await settingsOf(page)).settings.devices.rfidAfiOnLoan;

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
		await expect(page.getByRole('heading', { level: 2, name: 'Instellingen', exact: true })).toBeVisible();
		const onLoan = page.getByLabel('AFI uitgeleend (hex)');
		await expect(onLoan).toHaveValue('C2');
		await expect(page.getByLabel('RFID-lezer', { exact: true })).toHaveValue('simulator');

		// A value the kiosk cannot use is refused next to its field, in words.
		await onLoan.fill('XYZ');
		await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
		await expect(page.locator('#setting-devices-rfidAfiOnLoan-problem')).toContainText('Deze waarde klopt niet');
		await expect(onLoan).toHaveAttribute('aria-invalid', 'true');
		expect(await afiOnLoan(page)).toBe('C2');

		try {
			await onLoan.fill('C3');
			await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
			await expect(page.getByTestId('settings-status')).toHaveText('Opgeslagen en toegepast.');
			expect(await afiOnLoan(page)).toBe('C3');
			// The new pad is up again after the swap.
			await expect(page.locator('[data-testid="device"][data-kind="rfid-pad"]')).toHaveAttribute('data-state', 'ready');
			await expectAccessible(page);
		} finally {
			await onLoan.fill('C2');
			await page.getByRole('button', { name: 'Opslaan en toepassen' }).click();
			await expect(page.getByTestId('settings-status')).toHaveText('Opgeslagen en toegepast.');
		}
		expect(await afiOnLoan(page)).toBe('C2');
		await expect(page.locator('[data-testid="device"][data-kind="rfid-pad"]')).toHaveAttribute('data-state', 'ready');
	});

	// Changes only what no other test depends on, on the shared main kiosk (how long refused replays are
	// kept, the offline loan period: this kiosk's library system is never down), and puts it back.
	test('a technician changes a setting, exports the settings, imports a changed file after seeing its changes, and the audit log has each change', async ({ page, playwright }) => {
		await openScreen(page, '/technician');
		await deskLoginForm(page, 'technician');
		await expect(page.getByRole('heading', { level: 2, name: 'Instellingen', exact: true })).toBeVisible();
		const original = (await settingsOf(page)).settings;
		expect(original.offline.exceptionDays).toBe('30');
		const keepDays = page.getByLabel('Geweigerde transacties bewaren (dagen)');
		const save = page.getByRole('button', { name: 'Opslaan en toepassen' });
		const importInput = page.getByLabel('Instellingenbestand importeren');
		const asFile = (content: unknown) => ({ name: 'kiosk-settings.json', mimeType: 'application/json', buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)) });

		try {
			await expect(keepDays).toHaveValue('30');
			await keepDays.fill('45');
			await save.click();
			await expect(page.getByTestId('settings-status')).toHaveText('Opgeslagen en toegepast.');
			expect((await settingsOf(page)).settings.offline.exceptionDays).toBe('45');

			// The export: one versioned file, every section, no secret, and the secrets it left out named.
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Instellingen downloaden' }).click()]);
			expect(download.suggestedFilename()).toMatch(/^kiosk-settings-\d{8}-\d{6}\.json$/);
			const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as KioskSettingsFile;
			expect(exported).toMatchObject({ format: 'kiosk-settings', version: 1, offline: { exceptionDays: '45', dueDays: '21' }, idle: { timeoutS: '60' } });
			expect(Object.keys(exported.library).sort()).toEqual(['host', 'institutionId', 'location', 'port', 'user']);
			expect(exported.secretsLeftOut).toContain('library.password');
			expect(JSON.stringify(exported)).not.toMatch(/"password"/);

			// A file with one bad value is refused as a whole, in words that name the field.
			await importInput.setInputFiles(asFile({ ...exported, offline: { ...exported.offline, exceptionDays: '60' }, idle: { ...exported.idle, timeoutS: 'soon' } }));
			await expect(page.getByTestId('import-result')).toContainText('Dit bestand is niet ingelezen en er is niets gewijzigd. Seconden zonder invoer tot de waarschuwing: must be a whole number');
			await expect(page.getByRole('button', { name: 'Wijzigingen toepassen' })).toHaveCount(0);
			await importInput.setInputFiles(asFile('{ not json'));
			await expect(page.getByTestId('import-result')).toContainText('Het bestand: is not JSON');
			expect((await settingsOf(page)).settings.offline.exceptionDays).toBe('45');

			// A good one: its changes first, applied only after the technician confirms.
			await importInput.setInputFiles(asFile({ ...exported, offline: { ...exported.offline, exceptionDays: '60', dueDays: '14' } }));
			await expect(page.getByTestId('import-changes').getByRole('listitem')).toHaveText([
				'Leentermijn offline (dagen): 21 → 14',
				'Geweigerde transacties bewaren (dagen): 45 → 60'
			]);
			expect((await settingsOf(page)).settings.offline.exceptionDays).toBe('45');
			await expectAccessible(page);
			await page.getByRole('button', { name: 'Wijzigingen toepassen' }).click();
			await expect(page.getByTestId('import-result')).toHaveText('Geïmporteerd en toegepast: 2 wijzigingen.');
			await expect(keepDays).toHaveValue('60');
			await expect(page.getByLabel('Leentermijn offline (dagen)')).toHaveValue('14');
			const applied = await settingsOf(page);
			expect([applied.settings.offline.exceptionDays, applied.settings.offline.dueDays, applied.restartNeeded]).toEqual(['60', '14', false]);

			const admin = await playwright.request.newContext({ baseURL: ORIGIN });
			try {
				await deskLoginRequest(admin, ORIGIN, 'admin');
				const audit = (await (await admin.get('/api/desk/audit?limit=5000')).json()) as { actor: string; action: string; detail: string }[];
				const technician = E2E_ACCOUNTS.technician.name;
				const mine = audit.filter((entry) => entry.actor === technician && entry.action.startsWith('settings-')).reverse();
				expect(mine.map(({ action, detail }) => ({ action, detail }))).toEqual(
					expect.arrayContaining([
						{ action: 'settings-changed', detail: 'offline.exceptionDays: 30 → 45' },
						{ action: 'settings-exported', detail: '' },
						{ action: 'settings-imported', detail: '2 changes' },
						{ action: 'settings-changed', detail: 'offline.dueDays: 21 → 14' },
						{ action: 'settings-changed', detail: 'offline.exceptionDays: 45 → 60' }
					])
				);
			} finally {
				await admin.dispose();
			}
		} finally {
			const restored = await page.request.put('/api/technician/config', { headers: { origin: ORIGIN }, data: { settings: original } });
			expect(restored.status()).toBe(200);
		}
		const after = await settingsOf(page);
		expect(after.settings).toEqual(original);
	});

	test('a member session cannot reach the technician data', async ({ page }) => {
		await startBorrowing(page, '20001000000012');
		for (const response of [
			await page.request.get('/api/technician/devices'),
			await page.request.post('/api/technician/test', { data: { test: 'print' } }),
			await page.request.get('/api/technician/config'),
			await page.request.put('/api/technician/config', { data: { settings: {} } }),
			await page.request.get('/api/technician/config/export'),
			await page.request.post('/api/technician/config/import', { data: { file: {}, apply: false } })
		]) {
			expect(response.status()).toBe(401);
			expect(await response.json()).toEqual({ error: 'no-session' });
		}
	});
});
