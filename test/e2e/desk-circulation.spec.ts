import { expect, test } from '@playwright/test';
import { deskLoginForm, deskLoginRequest } from './desk-accounts';
import { expectAccessible, openScreen } from './kiosk-page';
import { KIOSK_PORT } from '../../playwright.config';

/**
 * A staff member at the desk: finds a demo member by card, lends to them, takes a return with its
 * transit slip; the look-up is in the audit log with the card masked, and nothing of the member
 * stays on screen after "next member" or logout.
 */
const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;
/** Lent and taken back here; on this server no other test lends it (the RFID tests have their own server). */
const ITEM = '30001000000069';

test('a staff member finds a member, lends and takes a return with a slip, and the look-up is audited', async ({ page, playwright }) => {
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'staff');
	await expect(page.getByRole('heading', { level: 2, name: 'Lid zoeken' })).toBeVisible();

	await page.getByLabel('Pasnummer (scannen of typen)').fill('29999999999999');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page.getByRole('alert')).toContainText('Deze pas kent het bibliotheeksysteem niet.');

	await page.getByLabel('Pasnummer (scannen of typen)').fill('20001000000038');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	const member = page.getByTestId('desk-member');
	await expect(member).toContainText('Jan de Vries');
	await expect(member).toContainText('**********0038');
	await expect(member).not.toContainText('20001000000038');
	await expectAccessible(page);

	await page.getByLabel('Item om uit te lenen').fill(ITEM);
	await page.getByRole('button', { name: 'Uitlenen' }).click();
	await expect(page.locator(`[data-testid="desk-lent"][data-item-id="${ITEM}"]`)).toHaveAttribute('data-outcome', 'ok');
	await expect(page.locator(`[data-testid="desk-loan"][data-item-id="${ITEM}"]`)).toBeVisible();

	await page.getByLabel('Item om in te nemen').fill(ITEM);
	await page.getByRole('button', { name: 'Innemen', exact: true }).click();
	await expect(page.locator(`[data-testid="desk-returned"][data-item-id="${ITEM}"]`)).toHaveAttribute('data-outcome', 'ok');
	await page.getByLabel('Item om in te nemen').fill('30001000000143');
	await page.getByRole('button', { name: 'Innemen', exact: true }).click();
	await expect(page.getByTestId('desk-slip').first()).toContainText('TRANSPORT');
	await expect(page.getByTestId('desk-slip').first()).toContainText('Naar: NRD');

	await page.getByRole('button', { name: 'Volgend lid' }).click();
	await expect(page.locator('body')).not.toContainText(/Jan de Vries|0038/);

	// The admin reads the look-ups in the audit log: who, when, and the card masked.
	const admin = await playwright.request.newContext({ baseURL: ORIGIN });
	await deskLoginRequest(admin, ORIGIN, 'admin');
	const audit = (await (await admin.get('/api/desk/audit?limit=1000')).json()) as { actor: string; action: string; subject: string; detail: string }[];
	const looks = audit.filter((entry) => entry.actor === 'e2e-staff' && entry.action === 'member-viewed');
	expect(looks.map((entry) => entry.subject)).toEqual(expect.arrayContaining(['**********0038', '**********9999']));
	expect(JSON.stringify(audit)).not.toContain('20001000000038');
	await admin.dispose();

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page.locator('body')).not.toContainText(/Karakter|NRD/);
});
