import { expect, test } from '@playwright/test';
import { KIOSK_PORT } from '../../playwright.config';
import { deskLoginForm, deskLoginRequest, E2E_ACCOUNTS } from './desk-accounts';
import { expectAccessible, expectTouchTargets, openScreen } from './kiosk-page';

/** The desk page: login, lock, logout, and the admin's accounts and audit log. */
const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;
const NEW_TECHNICIAN = { name: 'e2e-new-tech', password: 'new-tech-password' };

interface AuditLine {
	actor: string;
	action: string;
	subject: string;
	detail: string;
}

test('an admin makes a technician account; the technician reaches the technician page but not the accounts; the audit log has it all', async ({ page, playwright }) => {
	await openScreen(page, '/desk');
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen aan de balie' })).toBeVisible();
	await expectAccessible(page);
	await deskLoginForm(page, 'admin');
	await expect(page.getByTestId('desk-signed-in')).toHaveText('Ingelogd als e2e-admin (beheerder)');
	await expect(page.locator('[data-testid="account"][data-name="e2e-tech"]')).toBeVisible();

	// A password that is too short is refused in words; then the account is made.
	await page.getByLabel('Naam').fill(NEW_TECHNICIAN.name);
	await page.getByLabel('Rol').selectOption('technician');
	await page.getByLabel('Eerste wachtwoord (minstens 10 tekens)').fill('short');
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page.getByRole('alert')).toHaveText('Een wachtwoord heeft minstens 10 tekens.');
	await page.getByLabel('Eerste wachtwoord (minstens 10 tekens)').fill(NEW_TECHNICIAN.password);
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page.getByTestId('accounts-done')).toHaveText(`Account ${NEW_TECHNICIAN.name} is gemaakt.`);
	await expect(page.locator(`[data-testid="account"][data-name="${NEW_TECHNICIAN.name}"]`)).toContainText('technicus');
	await expectAccessible(page);
	await expectTouchTargets(page);
	// No password hash ever reaches the browser.
	expect(JSON.stringify(await (await page.request.get('/api/desk/accounts')).json())).not.toContain('scrypt');

	const technician = await playwright.request.newContext({ baseURL: ORIGIN });
	try {
		await deskLoginRequest(technician, ORIGIN, NEW_TECHNICIAN);
		expect((await technician.get('/api/technician/devices')).status()).toBe(200);
		for (const response of [await technician.get('/api/desk/accounts'), await technician.get('/api/desk/audit'), await technician.post('/api/desk/accounts', { headers: { origin: ORIGIN }, data: { name: 'sneaky', role: 'admin', password: 'sneaky-password' } })]) {
			expect([response.status(), await response.json()]).toEqual([403, { error: 'forbidden' }]);
		}

		const audit = (await (await page.request.get('/api/desk/audit')).json()) as AuditLine[];
		expect(audit).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ actor: 'e2e-admin', action: 'login' }),
				expect.objectContaining({ actor: 'e2e-admin', action: 'account-created', subject: NEW_TECHNICIAN.name, detail: 'role technician' }),
				expect.objectContaining({ actor: NEW_TECHNICIAN.name, action: 'login', detail: 'role technician' }),
				expect.objectContaining({ actor: NEW_TECHNICIAN.name, action: 'access-refused', subject: '/api/desk/accounts' })
			])
		);
		// Card numbers appear only masked (the last four digits), never whole.
		expect(JSON.stringify(audit)).not.toMatch(/\d{8,}/);

		// Disabled: the technician's session ends at its next request.
		await page.reload();
		await page.locator(`[data-testid="account"][data-name="${NEW_TECHNICIAN.name}"]`).getByRole('button', { name: 'Uitschakelen' }).click();
		await expect(page.getByTestId('accounts-done')).toHaveText(`Account ${NEW_TECHNICIAN.name} is uitgeschakeld.`);
		expect((await technician.get('/api/technician/devices')).status()).toBe(401);
		expect((await technician.post('/api/desk/session', { headers: { origin: ORIGIN }, data: NEW_TECHNICIAN })).status()).toBe(401);
	} finally {
		await technician.dispose();
	}

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen aan de balie' })).toBeVisible();
	expect((await page.request.get('/api/desk/session')).status()).toBe(401);
});

test('a staff member sees no accounts, and the technician page tells them it is not theirs', async ({ page }) => {
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'staff');
	await expect(page.getByTestId('desk-signed-in')).toHaveText('Ingelogd als e2e-staff (medewerker)');
	await expect(page.getByRole('heading', { name: 'Accounts' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Naar de technicuspagina' })).toHaveCount(0);
	await openScreen(page, '/technician');
	await expect(page.getByText('De technicuspagina is voor technici en beheerders. U bent ingelogd als e2e-staff (medewerker).')).toBeVisible();
	await expectAccessible(page);
});

test('the desk locks after its idle minutes, shows only the password prompt for the same account, and opens again', async ({ page }) => {
	await page.clock.install();
	await openScreen(page, '/desk');
	await deskLoginForm(page, 'technician');
	await expect(page.getByTestId('desk-signed-in')).toHaveText('Ingelogd als e2e-tech (technicus)');
	// DESK_IDLE_MINUTES is 10 by default: the page's own timer locks the screen, and the server with it.
	await page.clock.fastForward('10:01');
	await expect(page.getByRole('heading', { level: 1, name: 'Scherm vergrendeld' })).toBeVisible();
	await expect(page.getByText('e2e-tech, typ uw wachtwoord om verder te gaan.')).toBeVisible();
	await expect(page.getByTestId('desk-signed-in')).toHaveCount(0);
	const locked = await page.request.get('/api/technician/devices');
	expect([locked.status(), await locked.json()]).toEqual([401, { error: 'locked', name: 'e2e-tech', role: 'technician' }]);
	await expectAccessible(page);

	await page.getByLabel('Wachtwoord').fill('not-the-password');
	await page.getByRole('button', { name: 'Ontgrendelen' }).click();
	await expect(page.getByRole('alert')).toHaveText('Die naam of dat wachtwoord klopt niet.');
	await page.getByLabel('Wachtwoord').fill(E2E_ACCOUNTS.technician.password);
	await page.getByRole('button', { name: 'Ontgrendelen' }).click();
	await expect(page.getByTestId('desk-signed-in')).toHaveText('Ingelogd als e2e-tech (technicus)');
	expect((await page.request.get('/api/technician/devices')).status()).toBe(200);

	// A reload keeps the session: the cookie is httpOnly, the page asks the server.
	await page.reload();
	await expect(page.getByTestId('desk-signed-in')).toHaveText('Ingelogd als e2e-tech (technicus)');
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inloggen aan de balie' })).toBeVisible();
});
