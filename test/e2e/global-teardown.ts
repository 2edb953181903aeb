import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_FILE_PREFIX } from '../../playwright.config';

/** The e2e servers' device settings, offline queues and keys are this run's only leftovers. */
export default function globalTeardown(): void {
	for (const name of readdirSync(tmpdir())) if (name.startsWith(E2E_FILE_PREFIX)) rmSync(join(tmpdir(), name), { force: true });
}
