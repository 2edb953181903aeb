import { KIOSK_PORT, NO_LIBRARY_PORT, RFID_PORT, SHORT_IDLE_PORT, e2eStaffDb } from '../../playwright.config';
import { runAdminCli } from '../../server/staff/admin-cli';
import { E2E_ACCOUNTS } from './desk-accounts';

/**
 * The desk accounts of every e2e server, made the way a library makes its first admin: with the
 * admin command (its code, called directly), into each server's STAFF_DB. Playwright starts the
 * web servers before this runs; they read accounts from the file at every login, so no restart.
 */
export default async function globalSetup(): Promise<void> {
	for (const port of [KIOSK_PORT, SHORT_IDLE_PORT, NO_LIBRARY_PORT, RFID_PORT]) {
		for (const [role, { name, password }] of Object.entries(E2E_ACCOUNTS)) {
			const errors: string[] = [];
			const code = await runAdminCli(['create', name, '--role', role, '--password-stdin'], { STAFF_DB: e2eStaffDb(port) }, {
				line: () => {},
				error: (text) => errors.push(text),
				readPassword: async () => password,
				interactive: false
			});
			if (code !== 0) throw new Error(`e2e account ${name} on port ${port}: ${errors.join(' ')}`);
		}
	}
}
