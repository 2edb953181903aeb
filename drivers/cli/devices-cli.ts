/**
 * `npm run devices -- <command>`: installing and diagnosing a kiosk's hardware without the screen.
 *
 *   list                                        serial ports and HID devices, with what they probably are
 *   probe PORT --protocol scanner [--baud N]    open a serial scanner and print scans until stopped
 *   probe hid:VID:PID --protocol scanner        the same for a USB HID POS scanner
 *   probe PORT|tcp:HOST:PORT --protocol feig|3m identify an RFID reader and describe every tag on it:
 *                                               UID, AFI, EAS and the decoded tag data (or why it is not)
 *   pay --zvt HOST:PORT|PORT --amount 0.01      one card payment on a ZVT terminal, with its status
 *                                               texts and receipt lines; Ctrl-C aborts it at the terminal
 *
 * Exit codes: 0 done (for pay: approved), 1 the device did not answer as expected (for pay: anything
 * but approved), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { BarcodeScannerDriver, nodeHidBinding, type BarcodeValidationMode } from '../barcode';
import { CURRENCY_NUMERIC, MAX_AMOUNT_CENTS, type ZvtCurrency } from '../payment';
import { rfidSerialSettings, type RfidProtocol } from '../rfid';
import { TAG_DATA_MODELS, type TagDataModelName } from '../rfid/tag-data';
import type { ByteLinkOpener } from '../transport/byte-link';
import { serialLinkOpener } from '../transport/serial-link';
import { tcpLinkOpener } from '../transport/tcp-link';
import { guessDevice, parseHexId } from './known-devices';
import { probeRfidReader, type RfidProbeOptions } from './rfid-probe';
import { messageOf } from './text';
import { payOnce, type ZvtPayOptions } from './zvt-pay';

export class UsageError extends Error {}

export interface CliOutput {
	line(text: string): void;
}

const USAGE = `usage:
  npm run devices -- list
  npm run devices -- probe PORT --protocol scanner [--baud 9600] [--validation none|library-mod10|ean13]
  npm run devices -- probe hid:VID:PID --protocol scanner
  npm run devices -- probe PORT|tcp:HOST:PORT --protocol feig|3m [--baud N] [--data-model iso28560-3|iso28560-2|rfid501]
                       [--afi-in-library 07] [--afi-on-loan C2]
  npm run devices -- pay --zvt HOST:PORT|PORT --amount 0.01 [--password 000000] [--currency EUR] [--baud 9600]

PORT is a serial port (/dev/ttyUSB0, /dev/serial/by-id/..., COM3). RFID readers get their own line
settings (FEIG 38400 8E1, 3M 19200 8N1; --baud changes the rate); a ZVT terminal on a serial port 9600 8N2.
Without --data-model each tag's data model is guessed. AFI values are hex.
Exit codes: 0 done (pay: approved), 1 the device did not answer as expected (pay: not approved), 2 bad arguments.`;

/** What most libraries write (07 in the library, C2 on loan); sites with other values pass theirs. */
const DEFAULT_AFI_IN_LIBRARY = 0x07;
const DEFAULT_AFI_ON_LOAN = 0xc2;
/** What ZVT terminals are set to out of the box on RS-232. */
const ZVT_SERIAL_LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 } as const;
const DEFAULT_ZVT_PASSWORD = '000000';

const OPTIONS = {
	protocol: { type: 'string' },
	baud: { type: 'string' },
	validation: { type: 'string' },
	'data-model': { type: 'string' },
	'afi-in-library': { type: 'string' },
	'afi-on-loan': { type: 'string' },
	zvt: { type: 'string' },
	amount: { type: 'string' },
	password: { type: 'string' },
	currency: { type: 'string' },
	help: { type: 'boolean', default: false }
} as const;

type OptionName = keyof typeof OPTIONS;
type ParsedArguments = ReturnType<typeof parseArguments>;
type OptionValues = ParsedArguments['values'];

function parseArguments(argv: string[]) {
	return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
}

export async function runDevicesCli(argv: string[], out: CliOutput, signal?: AbortSignal): Promise<number> {
	let parsed: ParsedArguments;
	try {
		parsed = parseArguments(argv);
	} catch (error) {
		// parseArgs throws TypeErrors (unknown option, missing value): to the caller they are bad arguments like any other.
		throw new UsageError(messageOf(error));
	}
	const { positionals, values } = parsed;
	const [command, target, ...extra] = positionals;
	if (values.help || !command) {
		out.line(USAGE);
		return values.help ? 0 : 2;
	}
	switch (command) {
		case 'list':
			onlyOptions(values, [], 'list');
			if (target !== undefined) throw new UsageError(`list takes no argument, got "${target}"`);
			return list(out);
		case 'probe': {
			if (!target) throw new UsageError('probe needs a port, e.g. /dev/ttyUSB0, tcp:10.0.0.5:10001 or hid:0c2e:0b8f');
			if (extra.length > 0) throw new UsageError(`probe takes one port, got also "${extra.join(' ')}"`);
			const protocol = values.protocol;
			if (protocol === 'scanner') {
				onlyOptions(values, ['protocol', 'baud', 'validation'], 'a scanner');
				return probeScanner(target, { baudRate: baud(values.baud, 9600), validation: validation(values.validation ?? 'library-mod10') }, out, signal);
			}
			if (protocol === 'feig' || protocol === '3m') {
				onlyOptions(values, ['protocol', 'baud', 'data-model', 'afi-in-library', 'afi-on-loan'], 'an RFID reader');
				return probeRfidReader(rfidProbeOptions(target, protocol, values), out, signal);
			}
			throw new UsageError('--protocol must be scanner, feig or 3m');
		}
		case 'pay':
			if (target !== undefined) throw new UsageError(`pay takes no port argument (use --zvt), got "${target}"`);
			onlyOptions(values, ['zvt', 'amount', 'password', 'currency', 'baud'], 'pay');
			return payOnce(payOptions(values), out, signal);
		default:
			throw new UsageError(`unknown command "${command}"`);
	}
}

/** An option meant for another command is a mistake worth saying, not something to ignore silently. */
function onlyOptions(values: OptionValues, allowed: readonly OptionName[], what: string): void {
	for (const [name, value] of Object.entries(values)) {
		if (name === 'help' || value === undefined || allowed.includes(name as OptionName)) continue;
		throw new UsageError(`--${name} does not apply to ${what}`);
	}
}

function rfidProbeOptions(target: string, protocol: RfidProtocol, values: OptionValues): RfidProbeOptions {
	const afiInLibrary = afi(values['afi-in-library'], DEFAULT_AFI_IN_LIBRARY, '--afi-in-library');
	const afiOnLoan = afi(values['afi-on-loan'], DEFAULT_AFI_ON_LOAN, '--afi-on-loan');
	if (afiInLibrary === afiOnLoan) throw new UsageError('--afi-in-library and --afi-on-loan must differ');
	let opener: ByteLinkOpener;
	if (target.startsWith('tcp:')) {
		const address = networkAddress(target.slice('tcp:'.length));
		if (!address) throw new UsageError(`"${target}" is not tcp:HOST:PORT`);
		if (values.baud !== undefined) throw new UsageError('--baud does not apply to a reader on the network');
		opener = tcpLinkOpener(address);
	} else {
		const line = rfidSerialSettings[protocol];
		opener = serialLinkOpener({ path: target, ...line, baudRate: baud(values.baud, line.baudRate) });
	}
	return { opener, protocol, dataModel: dataModel(values['data-model']), afiInLibrary, afiOnLoan };
}

function payOptions(values: OptionValues): ZvtPayOptions {
	if (values.zvt === undefined) throw new UsageError('pay needs --zvt HOST:PORT (network terminal) or --zvt PORT (serial terminal)');
	if (values.amount === undefined) throw new UsageError('pay needs --amount, e.g. --amount 0.01');
	const password = values.password ?? DEFAULT_ZVT_PASSWORD;
	if (!/^\d{6}$/.test(password)) throw new UsageError('--password must be the terminal\'s 6 digits');
	const common = { amountCents: amountCents(values.amount), currency: currency(values.currency ?? 'EUR'), password };
	const prefixed = values.zvt.startsWith('tcp:');
	const address = networkAddress(prefixed ? values.zvt.slice('tcp:'.length) : values.zvt);
	if (address) {
		if (values.baud !== undefined) throw new UsageError('--baud does not apply to a terminal on the network');
		return { ...common, opener: tcpLinkOpener(address), framing: 'tcp' };
	}
	if (prefixed) throw new UsageError(`"${values.zvt}" is not tcp:HOST:PORT`);
	return { ...common, opener: serialLinkOpener({ path: values.zvt, ...ZVT_SERIAL_LINE, baudRate: baud(values.baud, ZVT_SERIAL_LINE.baudRate) }), framing: 'serial' };
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

/**
 * `HOST:PORT` or `[IPv6]:PORT`. Hosts never hold a slash, so serial paths (even by-path ones full of
 * colons) never match.
 */
function networkAddress(raw: string): { host: string; port: number } | null {
	const match = /^(?:\[([0-9a-f:.]+)\]|([^/:[\]]+)):(\d{1,5})$/i.exec(raw);
	if (!match) return null;
	const port = Number(match[3]);
	if (port < 1 || port > 65_535) throw new UsageError(`port ${port} in "${raw}" is not 1-65535`);
	return { host: match[1] ?? match[2] ?? '', port };
}

function dataModel(raw: string | undefined): TagDataModelName | null {
	if (raw === undefined) return null;
	const names = Object.keys(TAG_DATA_MODELS) as TagDataModelName[];
	const name = names.find((candidate) => candidate === raw);
	if (!name) throw new UsageError(`--data-model must be ${names.join(', ')}`);
	return name;
}

function afi(raw: string | undefined, fallback: number, option: string): number {
	if (raw === undefined) return fallback;
	if (!/^(?:0x)?[0-9a-f]{1,2}$/i.test(raw)) throw new UsageError(`${option} must be one hex byte like 07 or C2, got "${raw}"`);
	return parseInt(raw.replace(/^0x/i, ''), 16);
}

/** Decimal text to cents without floating point: 0.01 is 1 cent, never 0.9999. */
function amountCents(raw: string): number {
	const match = /^(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(raw);
	if (!match) throw new UsageError(`--amount must be like 0.01 or 12.50, got "${raw}"`);
	const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	if (cents === 0) throw new UsageError('--amount must be more than 0');
	if (cents > MAX_AMOUNT_CENTS) throw new UsageError('--amount is more than a terminal takes');
	return cents;
}

function currency(raw: string): ZvtCurrency {
	const code = raw.toUpperCase();
	const known = (Object.keys(CURRENCY_NUMERIC) as (keyof typeof CURRENCY_NUMERIC)[]).find((candidate) => candidate === code);
	if (known) return known;
	// Terminals abroad may need a currency outside the list: ISO 4217 numeric codes pass through.
	if (/^\d{3}$/.test(raw) && Number(raw) > 0) return Number(raw);
	throw new UsageError(`--currency must be ${Object.keys(CURRENCY_NUMERIC).join(', ')} or an ISO 4217 number, got "${raw}"`);
}

export { USAGE };
