import { afterEach, describe, expect, it } from 'vitest';
import { SerialScannerSimulator } from '../barcode';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { runDevicesCli, UsageError } from './devices-cli';
import { recordOutput } from './test-output';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

describe('npm run devices', () => {
	it('lists serial ports and HID devices without failing on a machine with none', async () => {
		const { lines, out } = recordOutput();
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
		const { lines, out, waitFor } = recordOutput();
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
		const { out } = recordOutput();
		await expect(runDevicesCli(['probe', '/dev/ttyUSB0', '--protocol', 'nfc'], out)).rejects.toBeInstanceOf(UsageError);
		await expect(runDevicesCli(['probe', '/dev/ttyUSB0', '--protocol', 'scanner', '--baud', '12'], out)).rejects.toBeInstanceOf(UsageError);
		await expect(runDevicesCli(['dance'], out)).rejects.toBeInstanceOf(UsageError);
	});

	it.each([
		[['probe', '/dev/ttyUSB0', '--protocol', 'feig', '--data-model', 'marc21'], /--data-model must be iso28560-3, iso28560-2, rfid501/],
		[['probe', '/dev/ttyUSB0', '--protocol', '3m', '--afi-on-loan', 'C2X'], /--afi-on-loan must be one hex byte/],
		[['probe', '/dev/ttyUSB0', '--protocol', 'feig', '--afi-in-library', '07', '--afi-on-loan', '0x07'], /must differ/],
		[['probe', 'tcp:10.0.0.5', '--protocol', 'feig'], /is not tcp:HOST:PORT/],
		[['probe', 'tcp:10.0.0.5:10001', '--protocol', 'feig', '--baud', '38400'], /--baud does not apply to a reader on the network/],
		[['probe', '/dev/ttyUSB0', '--protocol', 'scanner', '--data-model', 'rfid501'], /--data-model does not apply to a scanner/],
		[['probe', '/dev/ttyUSB0', '/dev/ttyUSB1', '--protocol', 'feig'], /takes one port/],
		[['pay', '--amount', '0.01'], /pay needs --zvt/],
		[['pay', '--zvt', '127.0.0.1:20007'], /pay needs --amount/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '0.001'], /--amount must be like 0.01/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '0'], /more than 0/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '1', '--currency', 'euro'], /--currency must be EUR/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '1', '--password', '12345'], /6 digits/],
		[['pay', '--zvt', '127.0.0.1:70000', '--amount', '1'], /not 1-65535/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '1', '--baud', '9600'], /--baud does not apply to a terminal on the network/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '1', '--protocol', 'feig'], /--protocol does not apply to pay/],
		[['pay', '--zvt', '127.0.0.1:20007', '--amount', '1', '--tip', '1'], /Unknown option '--tip'/],
		[['pay', '--zvt'], /argument missing/]
	])('refuses %j with a usage error before touching any device', async (argv, message) => {
		const { lines, out } = recordOutput();
		const error = await runDevicesCli(argv, out).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(UsageError);
		expect(error).toMatchObject({ message: expect.stringMatching(message) });
		expect(lines).toEqual([]);
	});

	it('prints the usage for --help, mentioning every command', async () => {
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['--help'], out)).toBe(0);
		const usage = lines.join('\n');
		for (const command of ['list', '--protocol scanner', '--protocol feig|3m', '--data-model', '--afi-on-loan', 'pay --zvt', '--amount', '--currency']) expect(usage).toContain(command);
	});
});
