import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PATRONS, DEMO_PIN } from '../../server/demo-library/seed-demo-library';
import { E2E_FILE_PREFIX, KIOSK_PORT, NO_LIBRARY_PORT, RFID_PORT, SHORT_IDLE_PORT, e2eLogFile } from '../../playwright.config';
import { scanForPersonalData } from '../support/personal-data-scan';

/**
 * First the privacy check of the whole run: every line every e2e server logged (at debug, so every
 * line that can exist) is searched for the demo members' card numbers, names, e-mail, phone,
 * address and PIN. Then the run's leftovers (device settings, offline queues and keys, logs) go.
 * A leak fails the run and keeps the files, so the lines named can be read.
 */
export default function globalTeardown(): void {
	const missing: string[] = [];
	const leaks: string[] = [];
	for (const port of [KIOSK_PORT, SHORT_IDLE_PORT, NO_LIBRARY_PORT, RFID_PORT]) {
		const file = e2eLogFile(port);
		// A missing or empty log would make the scan pass without having looked at anything.
		const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
		if (text.trim() === '') missing.push(`${file}: missing or empty, so it could not be searched for personal data`);
		else for (const finding of scanForPersonalData(text, DEMO_PATRONS, [DEMO_PIN])) leaks.push(`${file}:${finding.line}: ${finding.field}`);
	}
	if (leaks.length > 0) {
		throw new Error(`Personal data in the e2e servers' logs (files kept for reading):\n${[...missing, ...leaks.slice(0, 50)].join('\n')}${leaks.length > 50 ? `\n...and ${leaks.length - 50} more` : ''}`);
	}
	for (const name of readdirSync(tmpdir())) if (name.startsWith(E2E_FILE_PREFIX)) rmSync(join(tmpdir(), name), { force: true });
	if (missing.length > 0) throw new Error(missing.join('\n'));
}
