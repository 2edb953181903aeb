import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryLinkOpener } from '../transport/memory-link';
import { serialLinkOpener } from '../transport/serial-link';
import type { ReceiptDocument } from './escpos';
import { PrinterError, ReceiptPrinter, type PrinterConnectionState } from './receipt-printer-driver';
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

function receiptsPrinted(simulator: ReceiptPrinterSimulator, count: number): Promise<SimulatedReceipt[]> {
	const printed: SimulatedReceipt[] = [];
	return new Promise((resolve) => {
		const listener = (receipt: SimulatedReceipt): void => {
			printed.push(receipt);
			if (printed.length < count) return;
			simulator.off('receipt', listener);
			resolve(printed);
		};
		simulator.on('receipt', listener);
	});
}

async function startedPrinter(opener: MemoryLinkOpener, options: { statusTimeoutMs?: number } = {}): Promise<ReceiptPrinter> {
	const printer = new ReceiptPrinter({ opener, reconnectDelayMs: 10, ...options });
	cleanup.push(() => printer.stop());
	const ready = stateReached(printer, 'ready');
	printer.start();
	await ready;
	return printer;
}

function withSimulator(): { simulator: ReceiptPrinterSimulator; opener: MemoryLinkOpener } {
	const simulator = new ReceiptPrinterSimulator();
	return { simulator, opener: new MemoryLinkOpener('receipt-printer', (link) => simulator.attach(link)) };
}

const loanReceipt = (member: string, title: string): ReceiptDocument => [
	{ kind: 'text', text: 'City Library', bold: true, align: 'center', size: 'double' },
	{ kind: 'text', text: `Member ${member}` },
	{ kind: 'separator' },
	{ kind: 'text', text: title, bold: true },
	{ kind: 'text', text: 'Due 12.03.2025', align: 'right' },
	{ kind: 'feed', lines: 2 },
	{ kind: 'cut', mode: 'partial' }
];

describe('ReceiptPrinter against the simulator', () => {
	it('prints two receipts that the simulator keeps apart, bold lines included', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener);
		expect(printer.state).toBe('ready');
		expect(printer.stateReason).toBe('receipt-printer');
		const printed = receiptsPrinted(simulator, 2);
		await printer.print(loanReceipt('0042', 'The Name of the Rose'));
		await printer.print(loanReceipt('0043', 'Momo'));
		await printed;
		expect(simulator.receipts).toHaveLength(2);
		const [first, second] = simulator.receipts;
		expect(first?.lines.filter((line) => line.bold).map((line) => line.text)).toEqual(['City Library', 'The Name of the Rose']);
		expect(second?.lines.filter((line) => line.bold).map((line) => line.text)).toEqual(['City Library', 'Momo']);
		expect(first?.lines[0]).toEqual({ kind: 'text', text: 'City Library', bold: true, align: 'center', size: 'double' });
		expect(first?.text).toContain('Member 0042');
		expect(simulator.lastReceiptText()).toContain('Member 0043');
		expect(simulator.lastReceipt()?.cut).toBe('partial');
	});

	it('reports what the printer says about its paper, cover and state', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener);
		expect(await printer.status()).toEqual({
			condition: 'ok',
			flags: { offline: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: false }
		});
		simulator.paperNearEnd = true;
		expect((await printer.status()).condition).toBe('paper-near-end');
		simulator.paperOut = true;
		const paperOut = await printer.status();
		expect(paperOut.condition).toBe('paper-out');
		expect(paperOut.flags).toMatchObject({ paperOut: true, offline: true });
		simulator.paperOut = false;
		simulator.paperNearEnd = false;
		simulator.coverOpen = true;
		expect((await printer.status()).condition).toBe('cover-open');
		simulator.coverOpen = false;
		simulator.offline = true;
		expect((await printer.status()).condition).toBe('offline');
	});

	it('answers two status calls made at once, each with a full reading', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener);
		simulator.paperOut = true;
		const asked: string[] = [];
		simulator.on('status-request', (query) => asked.push(query));
		const [one, two] = await Promise.all([printer.status(), printer.status()]);
		expect(one.condition).toBe('paper-out');
		expect(two.condition).toBe('paper-out');
		expect(asked).toEqual(['printer', 'offline-cause', 'paper-sensor', 'printer', 'offline-cause', 'paper-sensor']);
	});

	it('says no-answer when the printer keeps silent', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener, { statusTimeoutMs: 30 });
		simulator.answersStatus = false;
		expect(await printer.status()).toEqual({ condition: 'no-answer', flags: null });
	});

	it('ignores flow-control bytes that arrive ahead of a status reply', async () => {
		const opener = new MemoryLinkOpener('receipt-printer', (link) => {
			link.on('data', (chunk) => {
				// XOFF, XON, then the reply: paper out on DLE EOT 4, all clear otherwise.
				const reply = chunk.at(-1) === 4 ? 0x72 : 0x12;
				void link.write(Uint8Array.of(0x13, 0x11, reply));
			});
		});
		const printer = await startedPrinter(opener);
		expect((await printer.status()).condition).toBe('paper-out');
	});

	it('goes disconnected on an unplug, refuses to print as offline, and is ready again once plugged back', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener);
		const states: [PrinterConnectionState, string | null][] = [];
		printer.on('state', (state, reason) => states.push([state, reason]));

		const disconnected = stateReached(printer, 'disconnected');
		opener.unplug();
		expect(await disconnected).toMatch(/device disconnected/);
		expect(printer.state).toBe('disconnected');
		const refused = await printer.print(loanReceipt('0042', 'Momo')).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(PrinterError);
		expect(refused).toMatchObject({ kind: 'offline' });
		await expect(printer.status()).rejects.toMatchObject({ name: 'PrinterError', kind: 'offline' });

		const ready = stateReached(printer, 'ready');
		opener.plugIn();
		await ready;
		const printed = receiptsPrinted(simulator, 1);
		await printer.print(loanReceipt('0042', 'Momo'));
		expect((await printed)[0]?.text).toContain('Momo');
		expect(states[0]?.[0]).toBe('disconnected');
		expect(states.at(-1)).toEqual(['ready', 'receipt-printer']);
		expect(states.filter(([state]) => state === 'connecting')).toEqual([]);
	});

	it('comes back by itself when the printer drops the connection', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener);
		const disconnected = stateReached(printer, 'disconnected');
		const ready = stateReached(printer, 'ready');
		await simulator.disconnectAll();
		expect(await disconnected).toMatch(/closed by the printer/);
		await ready;
		expect((await printer.status()).condition).toBe('ok');
	});

	it('rejects a status request that is waiting when the printer goes away', async () => {
		const { simulator, opener } = withSimulator();
		const printer = await startedPrinter(opener, { statusTimeoutMs: 5_000 });
		simulator.answersStatus = false;
		simulator.once('status-request', () => opener.unplug());
		await expect(printer.status()).rejects.toMatchObject({ kind: 'offline' });
	});

	it('stays disconnected with a reason when there is no printer, and print says offline', async () => {
		const opener = new MemoryLinkOpener('receipt-printer', () => {});
		opener.plugged = false;
		const printer = new ReceiptPrinter({ opener, reconnectDelayMs: 10 });
		cleanup.push(() => printer.stop());
		const states: PrinterConnectionState[] = [];
		printer.on('state', (state) => states.push(state));
		const disconnected = stateReached(printer, 'disconnected');
		printer.start();
		expect(await disconnected).toMatch(/no such device/);
		await expect(printer.print([{ kind: 'text', text: 'x' }])).rejects.toMatchObject({ kind: 'offline', message: expect.stringMatching(/no such device/) });
		expect(states).toEqual(['connecting', 'disconnected']);
	});

	it('reports a serial port that does not exist as disconnected, with the port in the reason', async () => {
		const printer = new ReceiptPrinter({ opener: serialLinkOpener({ path: '/dev/does-not-exist', baudRate: 19200 }), reconnectDelayMs: 10 });
		cleanup.push(() => printer.stop());
		const disconnected = stateReached(printer, 'disconnected');
		printer.start();
		expect(await disconnected).toMatch(/does-not-exist/);
	});

	it('rejects a malformed document even without a printer', async () => {
		const printer = new ReceiptPrinter({ opener: new MemoryLinkOpener('receipt-printer', () => {}) });
		await expect(printer.print([{ kind: 'feed', lines: 1.5 }])).rejects.toThrow(RangeError);
	});

	it('stops: closes the link, reports stopped, and does not reconnect', async () => {
		const { opener } = withSimulator();
		const printer = await startedPrinter(opener);
		const link = opener.current;
		const linkClosed = new Promise((resolve) => link?.once('close', resolve));
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		cleanup.push(async () => vi.useRealTimers());
		await printer.stop();
		await linkClosed;
		expect(link?.isOpen).toBe(false);
		expect(printer.state).toBe('disconnected');
		expect(printer.stateReason).toBe('stopped');
		await expect(printer.print([{ kind: 'text', text: 'x' }])).rejects.toMatchObject({ kind: 'offline' });
		// A reconnect would be a pending timer by now, since the link has closed.
		expect(vi.getTimerCount()).toBe(0);
		expect(opener.current).toBe(link);
	});
});
