import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pair of linked pseudo-terminals made by `socat`, for tests and for simulators that want to be
 * opened by a real `SerialPort` (or by a technician's tool). Bytes written to one come out of the other.
 */
export interface PtyPair {
	/** The end a driver opens. */
	driverPath: string;
	/** The end a simulator opens. */
	devicePath: string;
	close(): Promise<void>;
}

export async function openPtyPair(): Promise<PtyPair> {
	const dir = mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
	const driverPath = join(dir, 'driver');
	const devicePath = join(dir, 'device');
	let child: ChildProcess;
	try {
		child = spawn('socat', [`pty,raw,echo=0,link=${driverPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
	} catch {
		throw new Error('socat is needed for pseudo-terminal pairs (apt-get install socat)');
	}
	const failed = new Promise<never>((_, reject) => {
		child.once('error', () => reject(new Error('socat is needed for pseudo-terminal pairs (apt-get install socat)')));
		child.once('exit', (code) => reject(new Error(`socat exited with ${code}`)));
	});
	const ready = (async () => {
		for (let i = 0; i < 200 && !(existsSync(driverPath) && existsSync(devicePath)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
		if (!existsSync(driverPath) || !existsSync(devicePath)) throw new Error('socat did not create the pseudo-terminals');
	})();
	await Promise.race([ready, failed]);
	failed.catch(() => undefined);
	return {
		driverPath,
		devicePath,
		close: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.removeAllListeners('exit');
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
