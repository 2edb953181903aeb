import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { StaffRole } from '../../kiosk/lib/api/desk-contract';
import { runAdminCli } from '../../server/staff/admin-cli';

/**
 * The desk accounts every e2e server has, made by the global setup with the admin command's code.
 * Test passwords live here, in the tests only: the product has no default account or password.
 */
export const E2E_ACCOUNTS: Record<StaffRole, { name: string; password: string }> = {
	admin: { name: 'e2e-admin', password: 'e2e-admin-password' },
	technician: { name: 'e2e-tech', password: 'e2e-tech-password' },
	staff: { name: 'e2e-staff', password: 'e2e-staff-password' }
};

/** Fills in the desk login form on the page shown (the desk page or the technician page). */
export async function deskLoginForm(page: Page, role: StaffRole): Promise<void> {
	await page.getByLabel('Naam').fill(E2E_ACCOUNTS[role].name);
	await page.getByLabel('Wachtwoord').fill(E2E_ACCOUNTS[role].password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** A desk login over the API for a request context (its cookie jar keeps the session). */
export async function deskLoginRequest(request: APIRequestContext, origin: string, role: StaffRole | { name: string; password: string }): Promise<void> {
	const account = typeof role === 'string' ? E2E_ACCOUNTS[role] : role;
	const response = await request.post('/api/desk/session', { headers: { origin }, data: account });
	expect(response.status(), `desk login of ${account.name}`).toBe(200);
}

/**
 * Makes the e2e accounts of these roles in a server's STAFF_DB the way a library makes its first
 * admin: with the admin command (its code, called directly). Servers read accounts at every login.
 */
export async function createDeskAccounts(staffDb: string, roles: readonly StaffRole[] = ['admin', 'technician', 'staff']): Promise<void> {
	for (const role of roles) {
		const { name, password } = E2E_ACCOUNTS[role];
		const errors: string[] = [];
		const code = await runAdminCli(['create', name, '--role', role, '--password-stdin'], { STAFF_DB: staffDb }, {
			line: () => {},
			error: (text) => errors.push(text),
			readPassword: async () => password,
			interactive: false
		});
		if (code !== 0) throw new Error(`e2e account ${name} in ${staffDb}: ${errors.join(' ')}`);
	}
}
