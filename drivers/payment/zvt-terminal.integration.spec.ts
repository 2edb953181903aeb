import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { tcpLinkOpener } from '../transport/tcp-link';
import { ZvtCommand } from './zvt-apdu';
import { ZvtTerminal, type ZvtStatusEvent } from './zvt-terminal-driver';
import { ZvtTerminalSimulator } from './zvt-terminal-simulator';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

const TIMEOUTS = { acknowledgementMs: 2_000, authorisationMs: 5_000 };

describe('ZVT over real links', () => {
	it('pays EUR 0.01 over TCP to the simulator listening on 127.0.0.1', async () => {
		const simulator = new ZvtTerminalSimulator();
		const port = await simulator.listenTcp(0);
		cleanup.push(() => simulator.close());
		expect(port).toBeGreaterThan(0);

		const terminal = new ZvtTerminal({ opener: tcpLinkOpener({ host: '127.0.0.1', port }), framing: 'tcp', timeouts: TIMEOUTS });
		cleanup.push(() => terminal.close());
		const statuses: ZvtStatusEvent[] = [];
		terminal.on('status', (status) => statuses.push(status));

		expect(await terminal.register('123456', 0xbe, 'EUR')).toMatchObject({ terminalId: '52523535', outOfService: false });
		const result = await terminal.authorize(1, { currency: 'EUR' });
		expect(result).toMatchObject({ outcome: 'approved', amountCents: 1, currency: 978, maskedPan: '559883******8074', terminalId: '52523535' });
		expect(statuses.map((status) => status.id)).toEqual(['insert-card', 'watch-pin-pad', 'please-wait']);
		const authorisation = simulator.log.find((entry) => entry.apdu.command === ZvtCommand.authorisation);
		expect([...(authorisation?.apdu.data ?? [])]).toEqual([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x49, 0x09, 0x78]);
	});

	it('pays over a serial pseudo-terminal pair with DLE framing, CRC and ACK bytes', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 } as const;

		const simulator = new ZvtTerminalSimulator({ framing: 'serial' });
		simulator.attach(await serialLinkOpener({ path: pty.devicePath, ...line }).open());
		cleanup.push(() => simulator.close());

		const terminal = new ZvtTerminal({ opener: serialLinkOpener({ path: pty.driverPath, ...line }), framing: 'serial', timeouts: TIMEOUTS });
		cleanup.push(() => terminal.close());
		const receiptLines: string[] = [];
		terminal.on('receipt-line', (receiptLine) => receiptLines.push(receiptLine.text));

		await terminal.register('123456', 0xbe, 'EUR');
		// 11000 cents puts a DLE (10) into the amount, so stuffing is exercised on a real port.
		const result = await terminal.authorize(11_000);
		expect(result).toMatchObject({ outcome: 'approved', amountCents: 11_000, receiptNumber: '0231' });
		expect(receiptLines).toContain('Betrag EUR 110,00');
		expect(receiptLines).toContain('Zahlung erfolgt - Gebühr bezahlt');
	});
});
