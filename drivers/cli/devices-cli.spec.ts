import { afterEach, describe, expect, it } from 'vitest';
import { SerialScannerSimulator } from '../barcode';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { runDevicesCli, UsageError } from './devices-cli';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

function recorder() {
	const lines: string[] = [];
	const waiters: { pattern: RegExp; resolve: () => void }[] = [];
	return {
		lines,
		out: {
			line(text: string) {
				lines.push(text);
				for (const waiter of waiters.filter((w) => w.pattern.test(text))) waiter.resolve();
			}
		},
		waitFor: (pattern: RegExp) => new Promise<void>((resolve) => (lines.some((line) => pattern.test(line)) ? resolve() : waiters.push({ pattern, resolve })))
	};
}

describe('npm run devices', () => {
	it('lists serial ports and HID devices without failing on a machine with none', async () => {
		const { lines, out } = recorder();
		expect(await runDevicesCli(['list'], out)).toBe(0);
		expect(lines).toContain('Serial ports:');
		expect(lines).toContain('HID devices:');
	});

	it('probes a serial scanner on a real pseudo-terminal and prints its scans, flagging invalid ones', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const simulator = new SerialScannerSimulator();
		await simulator.connect(serialLinkOpener({ path: pty.devicePath, baudRate: 9600 }));
		cleanup.push(() => simulator.close());
		const { lines, out, waitFor } = recorder();
		const stop = new AbortController();
		const done = runDevicesCli(['probe', pty.driverPath, '--protocol', 'scanner'], out, stop.signal);
		await waitFor(/^Scan barcodes/);
		await simulator.scan('30001000000010');
		await simulator.scan('30001000000011');
		await waitFor(/30001000000011/);
		stop.abort();
		expect(await done).toBe(0);
		expect(lines.some((line) => line.startsWith('scanner ready'))).toBe(true);
		expect(lines.some((line) => line.startsWith('scan 30001000000010'))).toBe(true);
		expect(lines.find((line) => line.includes('30001000000011'))).toMatch(/not a valid library-mod10 barcode: bad-check-digit/);
	});

	it('refuses bad arguments with a usage error', async () => {
		const { out } = recorder();
		await expect(runDevicesCli(['probe', '/dev/ttyUSB0', '--protocol', 'nfc'], out)).rejects.toBeInstanceOf(UsageError);
		await expect(runDevicesCli(['probe', '/dev/ttyUSB0', '--protocol', 'scanner', '--baud', '12'], out)).rejects.toBeInstanceOf(UsageError);
		await expect(runDevicesCli(['dance'], out)).rejects.toBeInstanceOf(UsageError);
	});
});
