import type { Logger } from '../logging/logger';
import { DemoLibrary } from '../demo-library/library-rules';
import { DEMO_INSTITUTION, isLibraryEmpty, seedDemoLibrary } from '../demo-library/seed-demo-library';
import { openSqliteLibraryStore } from '../demo-library/sqlite-library-store';
import type { SipCharset } from '../sip2';
import { DemoAcsHandlers } from './demo-acs-handlers';
import { startDemoAcs, type RunningDemoAcs } from './demo-acs-server';

/** The SIP login the demo library system accepts. A real library gives the kiosk its own. */
export const DEMO_SIP_LOGIN = { user: 'kiosk', password: 'kiosk' } as const;
export const DEMO_LIBRARY_NAME = 'Bibliotheek Demostad';

export interface DemoLibrarySystemOptions {
	/** SQLite file; a fresh, seeded in-memory library when absent. A new file is seeded too. */
	dbFile?: string;
	host?: string;
	/** 0 or absent: any free port. */
	port?: number;
	charset?: SipCharset;
	logger?: Logger;
	now?: () => Date;
}

/** The bundled demo library system: SQLite store, library rules, and its SIP2 server on loopback. */
export async function startDemoLibrarySystem(options: DemoLibrarySystemOptions = {}): Promise<RunningDemoAcs> {
	const now = options.now ?? (() => new Date());
	const store = openSqliteLibraryStore(options.dbFile);
	if (isLibraryEmpty(store)) seedDemoLibrary(store, now());
	const library = new DemoLibrary(store, { clock: now });
	const handlers = new DemoAcsHandlers(library, { institutionId: DEMO_INSTITUTION, libraryName: DEMO_LIBRARY_NAME, login: DEMO_SIP_LOGIN }, now);
	try {
		const acs = await startDemoAcs({ handlers, host: options.host, port: options.port, charset: options.charset, logger: options.logger });
		return {
			...acs,
			close: async () => {
				await acs.close();
				store.close();
			}
		};
	} catch (error) {
		store.close();
		throw error;
	}
}
