import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { BarcodeScannerDriver, type BarcodeScan } from './barcode-scanner-driver';
import { SerialScannerSimulator } from './barcode-scanner-simulator';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

describe('serial scanner over a real SerialPort on a socat pseudo-terminal pair', () => {
	it('delivers three scans as three scan events, in order', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());

		const driver = new BarcodeScannerDriver({
			kind: 'serial',
			opener: serialLinkOpener({ path: pty.driverPath, baudRate: 9600 }),
			validation: 'library-mod10',
			reconnect: { initialDelayMs: 10, maxDelayMs: 50 }
		});
		cleanup.push(() => driver.stop());
		await driver.start();
		expect([driver.state, driver.reason]).toEqual(['ready', `serial:${pty.driverPath}@9600`]);

		const simulator = new SerialScannerSimulator();
		await simulator.connect(serialLinkOpener({ path: pty.devicePath, baudRate: 9600 }));
		cleanup.push(() => simulator.close());

		const scans: BarcodeScan[] = [];
		const three = new Promise<void>((resolve) =>
			driver.on('scan', (scan) => {
				scans.push(scan);
				if (scans.length === 3) resolve();
			})
		);
		await simulator.scan('30001000000010', { aim: ']F0' });
		await simulator.scan('21310000105864', { terminator: 'CRLF' });
		await simulator.scan('31234000012342', { terminator: 'LF', chunkBytes: 5 });
		await three;

		expect(scans.map((scan) => [scan.code, scan.symbology?.name ?? null, scan.source])).toEqual([
			['30001000000010', 'Codabar', 'serial'],
			['21310000105864', null, 'serial'],
			['31234000012342', null, 'serial']
		]);
		expect(new Set(scans.map((scan) => scan.device))).toEqual(new Set([`serial:${pty.driverPath}@9600`]));
	});
});
