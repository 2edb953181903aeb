import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { startKioskServer, type KioskServer } from '../support/kiosk-server';
import { createDeskAccounts, deskLoginForm, deskLoginRequest } from './desk-accounts';
import { expectAccessible, expectTouchTargets, openScreen, resultLine, scan } from './kiosk-page';

/**
 * Paying fees at the kiosk, on a kiosk of this file's own: payments change members' fees (other
 * tests count on them), and the last test kills the server. Its demo library is a file in the
 * server's directory, so it outlives the kill, as the payment journal and the key do.
 */
test.describe.configure({ mode: 'serial' });

let kiosk: KioskServer;
let dir: string;

const serverEnv = () => ({ DEMO_DB: join(dir, 'demo.db'), LOGIN_RATE_LIMIT: '100000', LOG_LEVEL: 'info' });

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-payment-'));
	kiosk = await startKioskServer(serverEnv(), { dir });
	await createDeskAccounts(kiosk.staffDb, ['admin', 'staff']);
});

test.afterAll(async () => {
	await kiosk?.stop();
});

async function logIn(page: Page, card: string): Promise<void> {
	await openScreen(page, `${kiosk.origin}/`);
	await page.getByRole('button', { name: 'Lenen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Scan uw bibliotheekpas' })).toBeVisible();
	await scan(page, card);
	await expect(page.getByRole('heading', { level: 1, name: 'Typ uw pincode' })).toBeVisible();
	await page.keyboard.type('1234');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Scan uw boeken en andere items één voor één.')).toBeVisible();
}

/** How the simulated terminal answers the next payment (it speaks ZVT bytes either way). */
async function nextPayment(request: APIRequestContext, behaviour: string): Promise<void> {
	const response = await request.post(`${kiosk.origin}/api/devices/simulator/payment`, { headers: { origin: kiosk.origin }, data: { behaviour } });
	expect(response.status()).toBe(200);
}

/** The member's open fees, their amounts as the library system has them now. */
async function openFees(page: Page): Promise<string[]> {
	const response = await page.request.get(`${kiosk.origin}/api/payment`);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { fees: { amount: { amount: string } | null }[] };
	return body.fees.map((fee) => fee.amount?.amount ?? '?');
}

/** The printer simulator's last receipt, as a technician's tools see it. */
async function lastPrintedReceipt(playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } }): Promise<string> {
	const technician = await playwright.request.newContext({ baseURL: kiosk.origin });
	try {
		await deskLoginRequest(technician, kiosk.origin, 'admin');
		const response = await technician.get('/api/devices/simulator/printer');
		expect(response.status()).toBe(200);
		return ((await response.json()) as { last: string | null }).last ?? '';
	} finally {
		await technician.dispose();
	}
}

const outcome = (page: Page) => page.getByTestId('pay-outcome');

test('a member blocked by fees pays them at the kiosk, following the terminal, and borrows at once', async ({ page, playwright }) => {
	await logIn(page, '20001000000020');
	await expect(page.getByTestId('borrow-block')).toContainText('12,50');
	await page.getByRole('button', { name: 'Nu betalen' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Kosten betalen' })).toBeVisible();
	const fees = page.getByTestId('pay-fee');
	await expect(fees).toHaveCount(2);
	await expect(fees.getByRole('checkbox')).toHaveCount(2);
	for (const box of await fees.getByRole('checkbox').all()) await expect(box).toBeChecked();
	await expect(page.getByTestId('pay-total')).toHaveText('Te betalen: EUR 12,50');
	// The member pays the late fee only: the 7.50 left is under the limit, so the block goes too.
	await fees.filter({ hasText: 'Administratiekosten' }).getByRole('checkbox').uncheck();
	await expect(page.getByTestId('pay-total')).toHaveText('Te betalen: EUR 5,00');
	await expectAccessible(page);
	await expectTouchTargets(page);

	await nextPayment(page.request, 'approve-when-card-presented');
	await page.getByRole('button', { name: 'Betalen met pinpas' }).click();
	await expect(page.getByTestId('pay-status')).toHaveText('Steek of houd uw pas bij de betaalautomaat.');
	await expect(page.getByRole('button', { name: 'Annuleren' })).toBeVisible();
	await expectAccessible(page);
	expect((await page.request.post(`${kiosk.origin}/api/devices/simulator/payment`, { headers: { origin: kiosk.origin }, data: { action: 'present-card' } })).status()).toBe(200);

	await expect(outcome(page)).toHaveAttribute('data-outcome', 'paid');
	await expect(outcome(page)).toContainText('Betaald. Dank u wel!');
	await expect(outcome(page)).toContainText('U kunt weer lenen.');
	await expect(page.getByTestId('pay-reference')).toContainText(/Transactie: 52523535-\d{6}-\d{4}/);
	await expect(page.getByRole('button', { name: 'Annuleren' })).toHaveCount(0);
	await expectAccessible(page);
	expect(await openFees(page)).toEqual(['7.50']);

	// A receipt of the payment, printed: the terminal reference and the masked card on it, nothing more of the member.
	await page.getByTestId('receipt-choice').getByRole('button', { name: 'Bon printen' }).click();
	await expect(page.getByTestId('pay-receipt-sent')).toHaveText('Uw bon is geprint. Neem hem uit de printer.');
	const printed = await lastPrintedReceipt(playwright);
	expect(printed).toMatch(/52523535-\d{6}-\d{4}/);
	expect(printed).toContain('**********0020');
	expect(printed).toContain('559883******8074');
	expect(printed).not.toMatch(/Pieter|Bakker|20001000000020/);

	await page.getByRole('button', { name: 'Verder met lenen' }).click();
	await expect(page.getByTestId('borrow-block')).toHaveCount(0);
	await scan(page, '30001000000010');
	await expect(resultLine(page, '30001000000010')).toHaveAttribute('data-outcome', 'ok');
});

test('declined, cancelled at the kiosk, the terminal gone mid-payment: each says so, and nothing is paid', async ({ page }) => {
	await logIn(page, '20001000000038');
	await page.getByRole('button', { name: 'Mijn account' }).click();
	await expect(page.getByTestId('fee-line')).toContainText('EUR 2,40');
	await page.getByRole('button', { name: 'Kosten betalen' }).click();
	await expect(page.getByTestId('pay-total')).toHaveText('Te betalen: EUR 2,40');

	await nextPayment(page.request, 'decline');
	await page.getByRole('button', { name: 'Betalen met pinpas' }).click();
	await expect(outcome(page)).toHaveAttribute('data-outcome', 'declined');
	await expect(outcome(page)).toContainText('De betaling is geweigerd. Er is niets afgeschreven.');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
	await nextPayment(page.request, 'wait-for-card');
	await page.getByRole('button', { name: 'Betalen met pinpas' }).click();
	await expect(page.getByTestId('pay-status')).toHaveAttribute('data-status', 'insert-card');
	await page.getByRole('button', { name: 'Annuleren' }).click();
	await expect(outcome(page)).toHaveAttribute('data-outcome', 'aborted');
	await expect(outcome(page)).toContainText('De betaling is geannuleerd. Er is niets afgeschreven.');

	await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
	await nextPayment(page.request, 'hang-up');
	await page.getByRole('button', { name: 'Betalen met pinpas' }).click();
	await expect(outcome(page)).toHaveAttribute('data-outcome', 'disconnected');
	await expect(outcome(page)).toContainText('niet als betaald geboekt');

	expect(await openFees(page)).toEqual(['2.40']);
	// No card data on the screen at any point: only what the terminal reports is kept, and not shown.
	await expect(page.locator('main')).not.toContainText(/559883|8074/);
});

test('at the desk staff take the rest in cash, and settle the payment whose outcome the terminal never gave', async ({ page, playwright }) => {
	await openScreen(page, `${kiosk.origin}/desk`);
	await deskLoginForm(page, 'staff');
	await page.getByLabel('Pasnummer (scannen of typen)').fill('20001000000020');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	const payment = page.getByTestId('desk-payment');
	await expect(payment).toContainText('Administratiekosten aanmaning');
	await expect(page.getByTestId('desk-payment-total')).toHaveText('Te betalen: EUR 7,50');
	await expectAccessible(page);
	await payment.getByRole('button', { name: 'Contant ontvangen: EUR 7,50' }).click();
	await expect(page.getByTestId('desk-payment-outcome')).toHaveAttribute('data-outcome', 'paid');
	await payment.getByRole('button', { name: 'Lid opnieuw tonen' }).click();
	await expect(page.getByTestId('desk-payment')).toHaveCount(0);

	// The terminal that hung up on Jan mid-payment (the test before): staff check it and settle it.
	await page.getByRole('button', { name: 'Betalingen ophalen' }).click();
	const unknown = page.getByTestId('payment-attention');
	await expect(unknown).toHaveCount(1);
	await expect(unknown).toHaveAttribute('data-state', 'unknown');
	await expect(unknown).toContainText('**********0038');
	await expect(unknown).not.toContainText('20001000000038');
	await expectAccessible(page);
	await unknown.getByRole('button', { name: 'Afgehandeld' }).click();
	await expect(page.getByTestId('payment-attention')).toHaveCount(0);

	const admin = await playwright.request.newContext({ baseURL: kiosk.origin });
	await deskLoginRequest(admin, kiosk.origin, 'admin');
	const audit = JSON.stringify(await (await admin.get('/api/desk/audit')).json());
	await admin.dispose();
	expect(audit).toContain('payment-taken');
	expect(audit).toContain('cash EUR 7.50');
	expect(audit).toContain('payment-settled');
	expect(audit).not.toMatch(/\d{8,}/);
});

test('approved while the library system is down, the server killed before it could tell it: a new server records it', async ({ page, playwright }) => {
	const admin = await playwright.request.newContext({ baseURL: kiosk.origin });
	await deskLoginRequest(admin, kiosk.origin, 'admin');
	await logIn(page, '20001000000038');
	await page.getByRole('button', { name: 'Mijn account' }).click();
	await page.getByRole('button', { name: 'Kosten betalen' }).click();

	await nextPayment(page.request, 'approve-when-card-presented');
	await page.getByRole('button', { name: 'Betalen met pinpas' }).click();
	await expect(page.getByTestId('pay-status')).toHaveAttribute('data-status', 'insert-card');
	// The library system goes down while the member holds the card to the terminal.
	expect((await admin.post('/api/technician/demo-library', { headers: { origin: kiosk.origin }, data: { reachable: false } })).status()).toBe(200);
	await admin.dispose();
	expect((await page.request.post(`${kiosk.origin}/api/devices/simulator/payment`, { headers: { origin: kiosk.origin }, data: { action: 'present-card' } })).status()).toBe(200);
	await expect(outcome(page)).toHaveAttribute('data-outcome', 'paid-pending');
	await expect(outcome(page)).toContainText('uw betaling wordt verwerkt zodra de verbinding terug is');

	// The power goes before the library system is back. A new server starts on the same files.
	await kiosk.crash();
	kiosk = await startKioskServer(serverEnv(), { dir });
	await logIn(page, '20001000000038');
	await expect.poll(() => openFees(page), { timeout: 30_000 }).toEqual([]);
});
