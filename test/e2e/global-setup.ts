import { KIOSK_PORT, NO_LIBRARY_PORT, RFID_PORT, SHORT_IDLE_PORT, e2eStaffDb } from '../../playwright.config';
import { createDeskAccounts } from './desk-accounts';

/**
 * The desk accounts of every e2e server, in each server's STAFF_DB. Playwright starts the web
 * servers before this runs; they read accounts from the file at every login, so no restart.
 */
export default async function globalSetup(): Promise<void> {
	for (const port of [KIOSK_PORT, SHORT_IDLE_PORT, NO_LIBRARY_PORT, RFID_PORT]) await createDeskAccounts(e2eStaffDb(port));
}
