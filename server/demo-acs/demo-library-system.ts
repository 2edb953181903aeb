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

export interface RunningDemoLibrarySystem extends RunningDemoAcs {
	/** Whether its SIP2 server is listening (the library data stays either way). */
	readonly reachable: boolean;
	/**
	 * Takes the SIP2 server down (connections dropped) or brings it back on the same port: the
	 * demo's way to show the kiosk going offline and replaying, without losing the library's data.
	 */
	setReachable(reachable: boolean): Promise<void>;
}

/** The bundled demo library system: SQLite store, library rules, and its SIP2 server on loopback. */
export async function startDemoLibrarySystem(options: DemoLibrarySystemOptions = {}): Promise<RunningDemoLibrarySystem> {
	const now = options.now ?? (() => new Date());
	const store = openSqliteLibraryStore(options.dbFile);
	if (isLibraryEmpty(store)) seedDemoLibrary(store, now());
	const library = new DemoLibrary(store, { clock: now });
	const handlers = new DemoAcsHandlers(library, { institutionId: DEMO_INSTITUTION, libraryName: DEMO_LIBRARY_NAME, login: DEMO_SIP_LOGIN }, now);
	try {
		let acs: RunningDemoAcs | null = await startDemoAcs({ handlers, host: options.host, port: options.port, charset: options.charset, logger: options.logger });
		const { host, port } = acs;
		return {
			host,
			port,
			get reachable() {
				return acs !== null;
			},
			async setReachable(reachable) {
				if (reachable && !acs) acs = await startDemoAcs({ handlers, host, port, charset: options.charset, logger: options.logger });
				else if (!reachable && acs) {
					const running = acs;
					acs = null;
					await running.close();
				}
			},
			close: async () => {
				await acs?.close();
				acs = null;
				store.close();
			}
		};
	} catch (error) {
		store.close();
		throw error;
	}
}
