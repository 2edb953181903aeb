import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { tcpLinkOpener } from '../transport/tcp-link';
import type { ByteLinkOpener } from '../transport/byte-link';
import type { ReceiptDocument } from './escpos';
import { ReceiptPrinter, type PrinterConnectionState } from './receipt-printer-driver';
import { ReceiptPrinterSimulator, type SimulatedReceipt } from './receipt-printer-simulator';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

function stateReached(printer: ReceiptPrinter, wanted: PrinterConnectionState): Promise<string | null> {
	return new Promise((resolve) => {
		const listener = (state: PrinterConnectionState, reason: string | null): void => {
			if (state !== wanted) return;
			printer.off('state', listener);
			resolve(reason);
		};
		printer.on('state', listener);
	});
}

function nextReceipt(simulator: ReceiptPrinterSimulator): Promise<SimulatedReceipt> {
	return new Promise((resolve) => simulator.once('receipt', resolve));
}

async function readyPrinter(opener: ByteLinkOpener): Promise<ReceiptPrinter> {
	const printer = new ReceiptPrinter({ opener, columns: 32, reconnectDelayMs: 20 });
	cleanup.push(() => printer.stop());
	const ready = stateReached(printer, 'ready');
	printer.start();
	await ready;
	return printer;
}

const testReceipt: ReceiptDocument = [
	{ kind: 'text', text: 'Stadtbibliothek Köln', bold: true, align: 'center' },
	{ kind: 'separator' },
	{ kind: 'text', text: 'Die unendliche Geschichte: ein Roman über das Lesen selbst' },
	{ kind: 'text', text: 'Gebühr €0,50', align: 'right' },
	{ kind: 'feed', lines: 3 },
	{ kind: 'cut', mode: 'partial' }
];

const expectedText = [
	'Stadtbibliothek Köln',
	'-'.repeat(32),
	'Die unendliche Geschichte: ein',
	'Roman über das Lesen selbst',
	'Gebühr €0,50',
	'',
	'',
	''
].join('\n');

describe('receipt printer over real TCP (port 9100 style)', () => {
	it('prints a test receipt and reads the status', async () => {
		const simulator = new ReceiptPrinterSimulator();
		const server = await simulator.listenTcp(0);
		cleanup.push(() => server.close());
		expect(server.port).toBeGreaterThan(0);
		const printer = await readyPrinter(tcpLinkOpener({ host: server.host, port: server.port }));
		expect(printer.stateReason).toBe(`tcp:127.0.0.1:${server.port}`);

		const printed = nextReceipt(simulator);
		await printer.print(testReceipt);
		expect((await printed).text).toBe(expectedText);
		expect(simulator.lastReceiptText()).toBe(expectedText);
		expect(simulator.lastReceipt()?.lines[0]).toMatchObject({ bold: true, align: 'center' });

		simulator.paperOut = true;
		expect((await printer.status()).condition).toBe('paper-out');
	});

	it('goes disconnected when the printer is switched off', async () => {
		const simulator = new ReceiptPrinterSimulator();
		const server = await simulator.listenTcp(0);
		cleanup.push(() => server.close());
		const printer = await readyPrinter(tcpLinkOpener({ host: server.host, port: server.port, connectTimeoutMs: 500 }));
		const disconnected = stateReached(printer, 'disconnected');
		await server.close();
		expect(await disconnected).toMatch(/closed by the device/);
		await expect(printer.print(testReceipt)).rejects.toMatchObject({ name: 'PrinterError', kind: 'offline' });
	});
});

describe('receipt printer over a real serial pseudo-terminal pair', () => {
	it('prints a test receipt and reads the status', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const simulator = new ReceiptPrinterSimulator();
		const deviceSide = await serialLinkOpener({ path: pty.devicePath, baudRate: 38400 }).open();
		cleanup.push(() => deviceSide.close());
		simulator.attach(deviceSide);
		const printer = await readyPrinter(serialLinkOpener({ path: pty.driverPath, baudRate: 38400 }));
		expect(printer.stateReason).toBe(`serial:${pty.driverPath}@38400`);

		const printed = nextReceipt(simulator);
		await printer.print(testReceipt);
		expect((await printed).text).toBe(expectedText);

		simulator.coverOpen = true;
		expect((await printer.status()).condition).toBe('cover-open');
		simulator.coverOpen = false;
		simulator.paperNearEnd = true;
		expect((await printer.status()).condition).toBe('paper-near-end');
	});
});
