/**
 * `npm run devices -- <command>`: installing and diagnosing a kiosk's hardware without the screen.
 *
 *   list                                        serial ports and HID devices, with what they probably are
 *   probe PORT --protocol scanner [--baud N]    open a serial scanner and print scans until stopped
 *   probe hid:VID:PID --protocol scanner        the same for a USB HID POS scanner
 *
 * Exit codes: 0 done, 1 the device did not answer as expected, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { BarcodeScannerDriver, nodeHidBinding, type BarcodeValidationMode } from '../barcode';
import { serialLinkOpener } from '../transport/serial-link';
import { guessDevice, parseHexId } from './known-devices';

export class UsageError extends Error {}

export interface CliOutput {
	line(text: string): void;
}

const USAGE = `usage:
  npm run devices -- list
  npm run devices -- probe PORT --protocol scanner [--baud 9600] [--validation none|library-mod10|ean13]
  npm run devices -- probe hid:VID:PID --protocol scanner`;

export async function runDevicesCli(argv: string[], out: CliOutput, signal?: AbortSignal): Promise<number> {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			protocol: { type: 'string' },
			baud: { type: 'string' },
			validation: { type: 'string', default: 'library-mod10' },
			help: { type: 'boolean', default: false }
		}
	});
	const [command, target] = positionals;
	if (values.help || !command) {
		out.line(USAGE);
		return values.help ? 0 : 2;
	}
	switch (command) {
		case 'list':
			return list(out);
		case 'probe':
			if (!target) throw new UsageError('probe needs a port, e.g. /dev/ttyUSB0 or hid:0c2e:0b8f');
			if (values.protocol !== 'scanner') throw new UsageError('--protocol must be scanner');
			return probeScanner(target, { baudRate: baud(values.baud, 9600), validation: validation(values.validation) }, out, signal);
		default:
			throw new UsageError(`unknown command "${command}"`);
	}
}

async function list(out: CliOutput): Promise<number> {
	out.line('Serial ports:');
	const ports = await SerialPort.list();
	if (ports.length === 0) out.line('  (none)');
	for (const port of ports) {
		const guess = guessDevice(parseHexId(port.vendorId));
		const ids = port.vendorId ? ` usb ${port.vendorId}:${port.productId ?? '????'}` : '';
		out.line(`  ${port.path}${ids}${port.manufacturer ? ` ${port.manufacturer}` : ''}${guess.note ? ` - ${guess.note}` : ''}`);
	}
	out.line('HID devices:');
	try {
		const binding = await nodeHidBinding();
		const devices = binding.devices();
		if (devices.length === 0) out.line('  (none)');
		for (const device of devices) {
			const guess = guessDevice(device.vendorId, device.usagePage);
			const id = `hid:${hex(device.vendorId)}:${hex(device.productId)}`;
			out.line(`  ${id} ${device.manufacturer ?? ''} ${device.product ?? ''}`.trimEnd() + (guess.note ? ` - ${guess.note}` : ''));
		}
	} catch (error) {
		out.line(`  HID not available: ${error instanceof Error ? error.message : String(error)} (is libusb-1.0-0 installed?)`);
	}
	return 0;
}

async function probeScanner(
	target: string,
	options: { baudRate: number; validation: BarcodeValidationMode },
	out: CliOutput,
	signal?: AbortSignal
): Promise<number> {
	const hid = /^hid:([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(target);
	const driver = hid
		? new BarcodeScannerDriver({
				kind: 'hid',
				binding: await nodeHidBinding(),
				match: { vendorId: parseHexId(hid[1])!, productId: parseHexId(hid[2])! },
				validation: options.validation
			})
		: new BarcodeScannerDriver({ kind: 'serial', opener: serialLinkOpener({ path: target, baudRate: options.baudRate }), validation: options.validation });
	driver.on('state', (state, reason) => out.line(`scanner ${state}${reason ? `: ${reason}` : ''}`));
	driver.on('scan', (scan) => out.line(`scan ${scan.code}${scan.symbology ? ` (${scan.symbology.name})` : ''}`));
	driver.on('invalid', (code, reason) => out.line(`scan ${code} - not a valid ${options.validation} barcode: ${reason}`));
	driver.on('error', (error) => out.line(`error: ${error.message}`));
	await driver.start();
	out.line('Scan barcodes; Ctrl-C to stop.');
	await new Promise<void>((resolve) => {
		if (signal?.aborted) return resolve();
		signal?.addEventListener('abort', () => resolve(), { once: true });
		if (!signal) process.once('SIGINT', () => resolve());
	});
	await driver.stop();
	return driver.state === 'ready' || driver.state === 'disconnected' ? 0 : 1;
}

function baud(raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (![1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(value)) throw new UsageError(`--baud must be a standard rate, got "${raw}"`);
	return value;
}

function validation(raw: string | undefined): BarcodeValidationMode {
	if (raw === 'none' || raw === 'library-mod10' || raw === 'ean13') return raw;
	throw new UsageError('--validation must be none, library-mod10 or ean13');
}

function hex(id: number): string {
	return id.toString(16).padStart(4, '0');
}

export { USAGE };
