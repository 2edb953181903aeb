import { expect, test, type APIRequestContext } from '@playwright/test';
import type { DeskDashboard } from '../../kiosk/lib/api/desk-contract';
import { KIOSK_PORT } from '../../playwright.config';
import { deskLoginForm, deskLoginRequest } from './desk-accounts';
import { expectAccessible, resultLine, scan, startBorrowing, openScreen } from './kiosk-page';

/**
 * The desk dashboard: staff see today's loans and returns per hour as a chart with its table, the
 * library system and the devices; a loan on the kiosk next to it shows up in this hour's count; and
 * the dashboard's answer holds nothing about the member or the item.
 */
const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;
const CARD = '20001000000012';
/** Available at CEN and lent by no other test on this server. */
const ITEM = '30001000000192';

async function dashboard(request: APIRequestContext): Promise<{ text: string; body: DeskDashboard }> {
	const response = await request.get('/api/desk/dashboard');
	expect(response.status()).toBe(200);
	const text = await response.text();
	return { text, body: JSON.parse(text) as DeskDashboard };
}

const loansAt = (body: DeskDashboard, hour: number) => body.today.find((line) => line.hour === hour)!.loans;
const returnsAt = (body: DeskDashboard, hour: number) => body.today.find((line) => line.hour === hour)!.returns;

test('staff see the dashboard, a loan on the kiosk counts in this hour, and the dashboard holds no personal data', async ({ browser, page, playwright }) => {
	const api = await playwright.request.newContext({ baseURL: ORIGIN });
	await deskLoginRequest(api, ORIGIN, 'staff');
	const before = await dashboard(api);
	expect(before.body.today.map((line) => line.hour)).toEqual([...Array(24).keys()]);
	expect(before.body.devices.map((device) => device.kind)).toContain('rfid-pad');

	await openScreen(page, '/desk');
	await deskLoginForm(page, 'staff');
	const section = page.getByTestId('desk-dashboard');
	await expect(section.getByRole('heading', { level: 2, name: 'Vandaag bij deze kiosk' })).toBeVisible();
	await expect(section.getByRole('img', { name: /^Uitleningen en innames per uur vandaag/ })).toBeVisible();
	await expect(section.getByTestId('dashboard-library')).toBeVisible();
	await expect(section.getByTestId('dashboard-device').first()).toBeVisible();

	// A member borrows on the kiosk: a browser of its own, as at the library. (A tab of the desk's
	// browser would not do: the kiosk's session wipe clears every cookie of the origin, the desk's too.)
	const kioskBrowser = await browser.newContext({ baseURL: ORIGIN });
	const kiosk = await kioskBrowser.newPage();
	await startBorrowing(kiosk, CARD);
	await scan(kiosk, ITEM);
	await expect(resultLine(kiosk, ITEM)).toHaveAttribute('data-outcome', 'ok');
	await kiosk.getByRole('button', { name: 'Klaar' }).click();

	// The server's hour: the tests run on the kiosk's machine, in its time zone.
	const hour = new Date().getHours();
	const afterLoan = await dashboard(api);
	expect(loansAt(afterLoan.body, hour)).toBeGreaterThan(loansAt(before.body, hour));

	// Anyone may return: the item goes back, and the return counts too.
	const returned = await kiosk.request.post('/api/return', { headers: { origin: ORIGIN }, data: { itemId: ITEM } });
	expect(((await returned.json()) as { ok: boolean }).ok).toBe(true);
	await kioskBrowser.close();
	const afterReturn = await dashboard(api);
	expect(returnsAt(afterReturn.body, hour)).toBeGreaterThan(returnsAt(afterLoan.body, hour));

	// Nothing about the member or the item: no card, no name, no item.
	for (const { text } of [before, afterLoan, afterReturn]) {
		expect(text).not.toMatch(/20001000000012|Sanne|Jansen|30001000000192|Kind of Blue/);
	}
	await api.dispose();

	// The page shows the new figures at its next refresh; a reload is that refresh now.
	await page.reload();
	await expect(section.getByRole('img', { name: /^Uitleningen en innames per uur vandaag/ })).toBeVisible();
	await section.getByText('Toon de aantallen per uur').click();
	const row = section.getByTestId('hour-table').locator(`tr[data-hour="${hour}"]`);
	await expect(row.locator('td[data-kind="loans"]')).toHaveText(String(loansAt(afterReturn.body, hour)));
	await expect(row.locator('td[data-kind="returns"]')).toHaveText(String(returnsAt(afterReturn.body, hour)));
	await expect(section.getByRole('img', { name: /in totaal \d+ uitleningen en \d+ innames/ })).toBeVisible();
	await expect(page.locator('body')).not.toContainText(/Sanne|20001000000012|30001000000192/);
	await expectAccessible(page);
});

test('technicians see the dashboard too, without the member work', async ({ page }) => {
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'technician');
	await expect(page.getByTestId('desk-dashboard').getByRole('img', { name: /^Uitleningen en innames per uur vandaag/ })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Lid zoeken' })).toHaveCount(0);
});
