import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { KIOSK_PORT, SMTP_PORT } from '../../playwright.config';
import { DEMO_PATRONS, DEMO_PIN } from '../../server/demo-library/seed-demo-library';
import { startLoopbackSmtp, type LoopbackSmtp } from '../support/loopback-smtp';
import { scanForPersonalData } from '../support/personal-data-scan';
import { deskLoginRequest } from './desk-accounts';
import { expectAccessible, expectTouchTargets, resultLine, scan, startBorrowing } from './kiosk-page';

/**
 * The receipt at "Klaar": Sanne borrows the DVD and takes a receipt, once on the (simulated)
 * printer and once by e-mail to the address the library system has, which arrives at a real SMTP
 * server on loopback (the main e2e kiosk sends to SMTP_PORT). What was printed and what arrived
 * hold the titles, due dates and masked card, and no other personal data.
 */
const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;
const SANNE = DEMO_PATRONS.find((patron) => patron.firstName === 'Sanne')!;
const ITEM = '30001000000184';

let smtp: LoopbackSmtp;
let technician: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
	smtp = await startLoopbackSmtp({ port: SMTP_PORT });
	technician = await playwright.request.newContext({ baseURL: ORIGIN });
	await deskLoginRequest(technician, ORIGIN, 'technician');
});

test.afterAll(async () => {
	await technician?.dispose();
	await smtp?.close();
});

// Each test lends the DVD afresh: it goes back to the library afterwards.
test.afterEach(async ({ request }) => {
	await request.post('/api/return', { headers: { origin: ORIGIN }, data: { itemId: ITEM } });
});

async function printedReceipts(): Promise<{ receipts: number; last: string | null }> {
	const response = await technician.get('/api/devices/simulator/printer');
	expect(response.status()).toBe(200);
	return (await response.json()) as { receipts: number; last: string | null };
}

function expectNoPersonalData(text: string): void {
	expect(scanForPersonalData(text, DEMO_PATRONS, [DEMO_PIN])).toEqual([]);
	expect(text).not.toContain(SANNE.cardNumber);
}

async function borrowAndFinish(page: Page): Promise<void> {
	await startBorrowing(page, SANNE.cardNumber);
	await scan(page, ITEM);
	await expect(resultLine(page, ITEM)).toHaveAttribute('data-outcome', 'ok');
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Wilt u een bon?' })).toBeVisible();
}

test('after borrowing, "Klaar" offers a receipt; the printed one has the title, the due date and the masked card', async ({ page }) => {
	const before = await printedReceipts();
	await borrowAndFinish(page);
	// The address as the library system has it, masked; the full one is nowhere on the page.
	await expect(page.getByRole('button', { name: 'Bon e-mailen naar s***@example.nl' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText(SANNE.email);
	await expectAccessible(page);
	await expectTouchTargets(page);

	await page.getByRole('button', { name: 'Bon printen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await expect(page.getByTestId('finish-body')).toContainText('Vergeet uw bon niet');

	await expect.poll(async () => (await printedReceipts()).receipts).toBe(before.receipts + 1);
	const text = (await printedReceipts()).last ?? '';
	for (const expected of ['Bibliotheek Demostad', 'Pas: **********0012', 'Geleend', 'Zwartboek', 'Terug op']) expect(text).toContain(expected);
	expectNoPersonalData(text);
	// Then the session ends as always.
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible({ timeout: 10_000 });
	expect((await page.request.get('/api/receipt')).status()).toBe(401);
});

test('the receipt e-mailed in English goes to the library system address only, with nothing personal but the masked card', async ({ page }) => {
	const before = smtp.received.length;
	await borrowAndFinish(page);
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('button', { name: 'E-mail receipt to s***@example.nl' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Thank you!' })).toBeVisible();
	await expect(page.getByTestId('finish-body')).toContainText('Your receipt has been e-mailed');

	const mail = await smtp.waitFor(before + 1);
	expect(mail.envelopeTo).toEqual([SANNE.email]);
	expect(mail.to).toBe(SANNE.email);
	expect(mail.subject).toBe('Your receipt from Bibliotheek Demostad');
	for (const expected of ['Card: **********0012', 'Borrowed', 'Zwartboek', 'Due back']) expect(mail.text).toContain(expected);
	expectNoPersonalData(mail.subject);
	expectNoPersonalData(mail.text);
	await expect(page.getByRole('button', { name: 'Borrow' }).or(page.getByRole('button', { name: 'Lenen' }))).toBeVisible({ timeout: 10_000 });
});

test('"Geen bon" ends the session without a receipt, and a session with nothing to put on one is not asked', async ({ page }) => {
	const before = await printedReceipts();
	const mails = smtp.received.length;
	await borrowAndFinish(page);
	await page.getByRole('button', { name: 'Geen bon' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	await expect(page.getByTestId('finish-body')).toContainText('U krijgt geen bon');

	await startBorrowing(page, SANNE.cardNumber);
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();
	expect((await printedReceipts()).receipts).toBe(before.receipts);
	expect(smtp.received.length).toBe(mails);
});
