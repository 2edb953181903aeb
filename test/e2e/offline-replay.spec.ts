import { expect, test } from '@playwright/test';
import { startKioskServer, type KioskServer } from '../support/kiosk-server';
import { createDeskAccounts, deskLoginForm, deskLoginRequest, E2E_ACCOUNTS } from './desk-accounts';
import { scan, openScreen } from './kiosk-page';

/**
 * Offline and back, on a kiosk of this test's own (its demo library is taken down and brought back,
 * which would disturb every other test on a shared server): a loan with a card the library system
 * does not know is taken offline, replayed once the library system is back, refused there, and a
 * staff member settles it at the desk; the audit log has the resolution, the card masked.
 */
let kiosk: KioskServer;

test.beforeAll(async () => {
	kiosk = await startKioskServer();
	await createDeskAccounts(kiosk.staffDb, ['admin', 'staff']);
});

test.afterAll(async () => {
	await kiosk?.stop();
});

test('a loan taken offline is replayed when the library system is back; its refusal is settled at the desk and audited', async ({ page, playwright }) => {
	const admin = await playwright.request.newContext({ baseURL: kiosk.origin });
	await deskLoginRequest(admin, kiosk.origin, 'admin');
	const libraryReachable = async (reachable: boolean) =>
		expect((await admin.post('/api/technician/demo-library', { headers: { origin: kiosk.origin }, data: { reachable } })).status()).toBe(200);

	await openScreen(page, `${kiosk.origin}/`);
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await libraryReachable(false);
	await expect(page.getByTestId('library-offline')).toContainText('De bibliotheek is even niet bereikbaar');

	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByTestId('no-pin-offline')).toBeVisible();
	await scan(page, '29999999999999');
	await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toBeVisible();
	await scan(page, '30001000000093');
	await expect(page.locator('[data-testid="result-line"][data-item-id="30001000000093"]')).toHaveAttribute('data-outcome', 'ok');
	await page.getByRole('button', { name: 'Klaar' }).click();
	await page.getByRole('button', { name: 'Geen bon' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();

	// Back: the kiosk reconnects (with backoff), replays, and goes online once the queue is empty.
	// Asked of the server: a freshly loaded page shows no banner before it has heard either way.
	await libraryReachable(true);
	await expect
		.poll(async () => {
			const { online, waiting, exceptions } = (await (await admin.get('/api/desk/offline')).json()) as { online: boolean; waiting: number; exceptions: unknown[] };
			return { online, waiting, exceptions: exceptions.length };
		}, { timeout: 30_000 })
		.toEqual({ online: true, waiting: 0, exceptions: 1 });
	await openScreen(page, `${kiosk.origin}/`);
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();
	await expect(page.getByTestId('library-offline')).toHaveCount(0);

	await openScreen(page, `${kiosk.origin}/desk`);
	await deskLoginForm(page, 'staff');
	await page.getByRole('button', { name: 'Wachtrij en weigeringen tonen' }).click();
	const exception = page.getByTestId('desk-exception');
	await expect(exception).toHaveCount(1);
	await expect(exception).toContainText('30001000000093');
	await expect(exception).toContainText('**********9999');
	await expect(exception).toContainText('unknown-card');
	await expect(page.locator('body')).not.toContainText('29999999999999');
	await exception.getByRole('button', { name: 'Met de hand gedaan' }).click();
	await expect(page.getByTestId('desk-exception')).toHaveCount(0);
	await expect(page.getByText('Geen geweigerde transacties.')).toBeVisible();

	// The audit log masks every long digit run, item numbers too: a card number can never slip in whole.
	const audit = (await (await admin.get('/api/desk/audit?limit=100')).json()) as { actor: string; action: string; subject: string; detail: string }[];
	expect(audit.find((entry) => entry.action === 'resolved')).toMatchObject({ actor: E2E_ACCOUNTS.staff.name, subject: '**********9999', detail: 'done-by-hand: checkout **********0093' });
	expect(audit.filter((entry) => entry.action === 'demo-library-switched').map((entry) => entry.detail)).toEqual(expect.arrayContaining(['reachable', 'unreachable']));
	await admin.dispose();
});
