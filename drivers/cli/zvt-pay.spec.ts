import { afterEach, describe, expect, it } from 'vitest';
import { ZvtCommand, ZvtTerminalSimulator } from '../payment';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { runDevicesCli } from './devices-cli';
import { recordOutput } from './test-output';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function terminalOnTcp(options: ConstructorParameters<typeof ZvtTerminalSimulator>[0] = {}): Promise<{ simulator: ZvtTerminalSimulator; address: string }> {
	const simulator = new ZvtTerminalSimulator(options);
	const port = await simulator.listenTcp(0);
	cleanup.push(() => simulator.close());
	return { simulator, address: `127.0.0.1:${port}` };
}

describe('npm run devices -- pay --zvt', () => {
	it('pays EUR 0.01 over real TCP with the default password, printing status texts in order, the receipt and the result', async () => {
		const { simulator, address } = await terminalOnTcp({ password: '000000' });
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['pay', '--zvt', address, '--amount', '0.01'], out)).toBe(0);

		expect(lines.slice(0, 3)).toEqual([`terminal on tcp:${address}`, 'registered: terminal id 52523535', 'paying EUR 0.01; Ctrl-C aborts the payment at the terminal']);
		expect(lines.filter((line) => line.startsWith('status '))).toEqual(['status insert-card: Karte einstecken', 'status watch-pin-pad: PIN eingeben', 'status please-wait: Bitte warten']);
		expect(lines.filter((line) => line.startsWith('receipt | '))).toContain('receipt | Betrag EUR 0,01');
		expect(lines.at(-1)).toBe('approved: EUR 0.01, MasterCard 559883******8074, receipt 0231, trace 000975, approval code 750071, terminal 52523535');
		// Statuses come before the receipt, the receipt before the result: the order the terminal sent them.
		expect(lines.findIndex((line) => line.startsWith('status please-wait'))).toBeLessThan(lines.findIndex((line) => line.startsWith('receipt | ')));
		const authorisation = simulator.log.find((entry) => entry.apdu.command === ZvtCommand.authorisation);
		// Amount 1 cent in BCD (04 …01), currency 978 (49 09 78).
		expect([...(authorisation?.apdu.data ?? [])]).toEqual([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x49, 0x09, 0x78]);
	});

	it('pays over a serial pseudo-terminal when --zvt is a port, with ZVT serial framing at 9600 8N2', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const simulator = new ZvtTerminalSimulator({ framing: 'serial', password: '000000' });
		simulator.attach(await serialLinkOpener({ path: pty.devicePath, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 }).open());
		cleanup.push(() => simulator.close());
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['pay', '--zvt', pty.driverPath, '--amount', '110'], out)).toBe(0);
		expect(lines[0]).toBe(`terminal on serial:${pty.driverPath}@9600`);
		expect(lines.at(-1)).toMatch(/^approved: EUR 110\.00, /);
	});

	it('exits 1 with the decline and the terminal text when the card is declined', async () => {
		const { simulator, address } = await terminalOnTcp();
		simulator.enqueue({ kind: 'decline', resultCode: 0x05 });
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['pay', '--zvt', `tcp:${address}`, '--amount', '2,5', '--password', '123456'], out)).toBe(1);
		expect(lines).toContain('paying EUR 2.50; Ctrl-C aborts the payment at the terminal');
		expect(lines.at(-1)).toBe('declined: declined (result code 05), the terminal says "Abgelehnt"');
	});

	it('aborts the payment at the terminal on Ctrl-C and exits 1', async () => {
		const { simulator, address } = await terminalOnTcp();
		simulator.enqueue({ kind: 'wait-for-card' });
		const stop = new AbortController();
		const { lines, out, waitFor } = recordOutput();
		const done = runDevicesCli(['pay', '--zvt', address, '--amount', '1.00', '--password', '123456'], out, stop.signal);
		await waitFor(/^status insert-card/);
		stop.abort();
		expect(await done).toBe(1);
		expect(simulator.log.some((entry) => entry.direction === 'ecr-to-pt' && entry.apdu.command === ZvtCommand.abort)).toBe(true);
		expect(lines.slice(-3)).toEqual(['asking the terminal to abort the payment', 'the terminal accepted the abort', 'aborted from here (result code 6C)']);
	});

	it('exits 1 saying why when the terminal cannot be reached or refuses the password', async () => {
		const unreachable = recordOutput();
		expect(await runDevicesCli(['pay', '--zvt', '127.0.0.1:1', '--amount', '0.01'], unreachable.out)).toBe(1);
		expect(unreachable.lines.at(-1)).toMatch(/^registration failed: tcp:127\.0\.0\.1:1: connect ECONNREFUSED/);

		const { address } = await terminalOnTcp();
		const wrongPassword = recordOutput();
		expect(await runDevicesCli(['pay', '--zvt', address, '--amount', '0.01', '--password', '999999'], wrongPassword.out)).toBe(1);
		expect(wrongPassword.lines.at(-1)).toBe('registration failed: terminal refused: function not possible (is --password right?)');
	});
});
