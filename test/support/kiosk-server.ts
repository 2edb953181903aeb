/**
 * A built kiosk server of a test's own (`server/start.js` over `build/`), on a free loopback port,
 * with the bundled demo library in memory and every file it writes in a temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export async function waitForServer(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the kiosk server exited with ${child.exitCode}`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the kiosk server did not start within ${timeoutMs / 1000} s`);
}

export interface KioskServer {
	origin: string;
	/** The server process, for its memory and open files (the soak test). */
	pid: number;
	/** Its desk accounts' database: tests add accounts with the admin command's code. */
	staffDb: string;
	/** Where its files are; hand it to the next startKioskServer to start on the same files. */
	dir: string;
	/** SIGTERM, then SIGKILL should it not be gone within a few seconds; resolves once it has exited. Idempotent. */
	stop(): Promise<void>;
	/** SIGKILL, as a power cut would: no shutdown, and the files stay for the next server. */
	crash(): Promise<void>;
}

export async function startKioskServer(env: Record<string, string> = {}, options: { dir?: string } = {}): Promise<KioskServer> {
	const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-test-server-'));
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server/start.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			LOG_LEVEL: 'error',
			DEMO_DB: '',
			OFFLINE_DB: join(dir, 'offline.db'),
			PAYMENT_JOURNAL: join(dir, 'payments.db'),
			OFFLINE_KEY_FILE: join(dir, 'offline.key'),
			SETTINGS_FILE: join(dir, 'settings.json'),
			STAFF_DB: join(dir, 'staff.db'),
			// Long-lived connections (the device event stream) must not hold up a stop.
			SHUTDOWN_TIMEOUT: '1',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const exited = child.exitCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined);
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(killer);
		}
		rmSync(dir, { recursive: true, force: true });
	};
	const crash = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await exited;
		}
	};
	try {
		await waitForServer(`${origin}/api/config`, child);
	} catch (error) {
		await stop();
		throw error;
	}
	return { origin, pid: child.pid!, staffDb: join(dir, 'staff.db'), dir, stop, crash };
}
