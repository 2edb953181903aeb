import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { NO_LIBRARY_PORT } from '../../playwright.config';
import { deskLoginForm } from './desk-accounts';
import { expectAccessible, expectTouchTargets, resultLine, scan, openScreen } from './kiosk-page';

/**
 * Against a kiosk whose library system is down: it works offline (store and forward). A calm
 * banner, returns taken, loans within the library's policy (2 per member here), and plain words
 * for everything that has to wait.
 */
test.use({ baseURL: `http://127.0.0.1:${NO_LIBRARY_PORT}` });

const banner = (page: import('@playwright/test').Page) => page.getByTestId('library-offline');

test('the kiosk says calmly that the library cannot be reached, also after a reload', async ({ page }) => {
	await openScreen(page, '/');
	await expect(banner(page)).toContainText('De bibliotheek is even niet bereikbaar');
	await expect(banner(page)).toContainText('tot 2 items lenen');
	await expect(banner(page)).toHaveAttribute('role', 'status');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expectAccessible(page);

	await page.reload();
	await expect(banner(page)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Inleveren' })).toBeVisible();
});

test('offline a member borrows with the card alone, up to the limit, and is told plainly beyond it', async ({ page }) => {
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await expect(page.getByTestId('no-pin-offline')).toContainText('kan uw pincode nu niet worden gecontroleerd');
	await scan(page, '20001000000012');
	await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toHaveCount(0);
	// No account offline: the library system has it.
	await expect(page.getByRole('button', { name: 'Mijn account' })).toHaveCount(0);

	for (const item of ['30001000000010', '30001000000028']) {
		await scan(page, item);
		await expect(resultLine(page, item)).toHaveAttribute('data-outcome', 'ok');
		await expect(resultLine(page, item)).toContainText('Geleend (wordt doorgegeven zodra de bibliotheek bereikbaar is)');
		await expect(resultLine(page, item)).toContainText('Terug op');
	}
	await scan(page, '30001000000036');
	await expect(resultLine(page, '30001000000036')).toHaveAttribute('data-outcome', 'refused');
	await expect(resultLine(page, '30001000000036')).toContainText('U kunt nu niet meer items lenen');
	await expect(page.locator('body')).not.toContainText(/offline-limit|503|Error|undefined/);
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();

	// The limit is per member until the replay, not per session: logging in again does not reset it.
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByTestId('no-pin-offline')).toBeVisible();
	await scan(page, '20001000000012');
	await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toBeVisible();
	await scan(page, '30001000000044');
	await expect(resultLine(page, '30001000000044')).toHaveAttribute('data-outcome', 'refused');
});

test('offline a card number that is not one is refused before anything is queued', async ({ page }) => {
	await openScreen(page, '/login');
	await expect(page.getByTestId('no-pin-offline')).toBeVisible();
	await scan(page, '12345678');
	await expect(page.getByTestId('login-problem')).toContainText('Dit is geen pasnummer');
});

test('offline a return is taken and queued, and the line says what happens next', async ({ page }) => {
	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inleveren' })).toBeVisible();
	await scan(page, '30001000000101');
	const line = resultLine(page, '30001000000101');
	await expect(line).toHaveAttribute('data-outcome', 'ok');
	await expect(line).toContainText('Het wordt verwerkt zodra de bibliotheek weer bereikbaar is');
	await expect(page.getByRole('button', { name: 'Klaar' })).toBeEnabled();
	await expectAccessible(page);
});

test('a technician sees what waits, and can take the queue as a Koha offline circulation file', async ({ page }) => {
	await openScreen(page, '/technician');
	await deskLoginForm(page, 'technician');
	const overview = page.getByTestId('offline-overview');
	await expect(overview).toContainText('Het bibliotheeksysteem is niet bereikbaar');
	await expect(overview).toContainText(/Wachtend op doorsturen: [1-9]/);
	await expectAccessible(page);

	// The connection test says what is wrong, in the SIP2 layer's words.
	await page.getByRole('button', { name: 'Verbinding met het bibliotheeksysteem testen' }).click();
	await expect(page.getByTestId('library-result')).toContainText('Geen antwoord (verbinding: ');

	const download = page.waitForEvent('download');
	await overview.getByRole('link', { name: 'Wachtrij downloaden als Koha-bestand (.koc)' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^offline-\d{8}-\d{6}\.koc$/);
	const text = await readFile((await file.path())!, 'utf8');
	expect(text.split('\n')[0]).toMatch(/^Version=1\.0\tGenerator=library-kiosk\tGeneratorVersion=/);
	expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \d{3}\treturn\t30001000000101\n/);
	expect(text).toMatch(/\tissue\t20001000000012\t30001000000010\n/);
});
