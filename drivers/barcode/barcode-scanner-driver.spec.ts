import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkError, type ByteLink, type ByteLinkOpener } from '../transport/byte-link';
import { createMemoryLinkPair } from '../transport/memory-link';
import { BarcodeScannerDriver, pickHidDevice, type BarcodeScan, type BarcodeScannerDriverOptions, type BarcodeScannerEvents, type ScannerState } from './barcode-scanner-driver';
import { HidScannerSimulator, SerialScannerSimulator } from './barcode-scanner-simulator';
import { FakeHidBinding, nodeHidBinding } from './hid-device';
import { HidPosReportError } from './hid-pos-report';
import { SerialScanError } from './serial-scanner-protocol';

const FAST_RECONNECT = { initialDelayMs: 1, maxDelayMs: 5 };
const HONEYWELL = { vendorId: 0x0c2e, productId: 0x0b8f };

const drivers: BarcodeScannerDriver[] = [];
afterEach(async () => {
	vi.useRealTimers();
	for (const driver of drivers.splice(0)) await driver.stop();
});

function makeDriver(options: BarcodeScannerDriverOptions): BarcodeScannerDriver {
	const driver = new BarcodeScannerDriver({ reconnect: FAST_RECONNECT, ...options });
	drivers.push(driver);
	return driver;
}

/** Resolves with the reason of the next `state` event into `state`. */
function nextState(driver: BarcodeScannerDriver, state: ScannerState): Promise<string> {
	return new Promise((resolve) => {
		const listener = (next: ScannerState, reason: string) => {
			if (next !== state) return;
			driver.off('state', listener);
			resolve(reason);
		};
		driver.on('state', listener);
	});
}

function nextScan(driver: BarcodeScannerDriver): Promise<BarcodeScan> {
	return new Promise((resolve) => driver.once('scan', resolve));
}

function nextInvalid(driver: BarcodeScannerDriver): Promise<BarcodeScannerEvents['invalid']> {
	return new Promise((resolve) => driver.once('invalid', (code, reason) => resolve([code, reason])));
}

function nextError(driver: BarcodeScannerDriver): Promise<Error> {
	return new Promise((resolve) => driver.once('error', resolve));
}

/** Everything the driver says, in order, as short strings. */
function record(driver: BarcodeScannerDriver): string[] {
	const log: string[] = [];
	driver.on('state', (state, reason) => log.push(`state ${state} ${reason}`));
	driver.on('scan', (scan) => log.push(`scan ${scan.code}`));
	driver.on('invalid', (code, reason) => log.push(`invalid ${code} ${reason}`));
	driver.on('error', (error) => log.push(`error ${error.name}`));
	return log;
}

async function serialScanner(options: Partial<BarcodeScannerDriverOptions> = {}) {
	const simulator = new SerialScannerSimulator();
	const opener = simulator.memoryOpener('sim-serial');
	const driver = makeDriver({ ...options, kind: 'serial', opener } as BarcodeScannerDriverOptions);
	return { simulator, opener, driver };
}

describe('serial scanner driver', () => {
	it('goes connecting → ready and turns a scan into a scan event', async () => {
		const { simulator, driver } = await serialScanner({ validation: 'library-mod10' });
		const log = record(driver);
		await driver.start();
		expect(driver.state).toBe('ready');
		const scanned = nextScan(driver);
		await simulator.scan('30001000000010', { aim: ']F0' });
		const scan = await scanned;
		expect(scan).toEqual({
			code: '30001000000010',
			symbology: { aim: ']F0', name: 'Codabar' },
			validation: { valid: true, code: '30001000000010' },
			source: 'serial',
			device: 'sim-serial'
		});
		expect(log).toEqual(['state connecting starting', 'state ready sim-serial', 'scan 30001000000010']);
	});

	it('assembles a scan delivered a byte at a time, with a CRLF suffix', async () => {
		const { simulator, driver } = await serialScanner();
		await driver.start();
		const scanned = nextScan(driver);
		await simulator.scan('ITEM-0042', { terminator: 'CRLF', chunkBytes: 1 });
		expect((await scanned).code).toBe('ITEM-0042');
	});

	it('ignores the same code within 2 s of last seeing it, by default', async () => {
		// One clock reading per scan, in the order the scans are sent.
		const times = [0, 1_000, 2_500, 5_000, 5_100, 5_200, 5_300];
		const { simulator, driver } = await serialScanner({ now: () => times.shift() ?? Number.POSITIVE_INFINITY });
		const log = record(driver);
		await driver.start();
		const last = new Promise<void>((resolve) => driver.on('scan', (scan) => scan.code === 'END' && resolve()));
		for (const code of ['A', 'A', 'A', 'A', 'B', 'A', 'END']) await simulator.scan(code);
		await last;
		expect(log.filter((line) => line.startsWith('scan'))).toEqual(['scan A', 'scan A', 'scan B', 'scan A', 'scan END']);
	});

	it('reports a barcode that fails validation as invalid, not as a scan', async () => {
		const { simulator, driver } = await serialScanner({ validation: 'library-mod10' });
		const log = record(driver);
		await driver.start();
		const invalid = nextInvalid(driver);
		const valid = nextScan(driver);
		await simulator.scan('30001000000011');
		await simulator.scan('20001000000012');
		expect(await invalid).toEqual(['30001000000011', 'bad-check-digit']);
		await valid;
		expect(log.slice(2)).toEqual(['invalid 30001000000011 bad-check-digit', 'scan 20001000000012']);
	});

	it('comes back by itself after an unplug: ready → disconnected → ready, and scans again', async () => {
		const { simulator, opener, driver } = await serialScanner();
		await driver.start();
		const disconnected = nextState(driver, 'disconnected');
		opener.unplug();
		expect(await disconnected).toMatch(/device disconnected/);
		const ready = nextState(driver, 'ready');
		opener.plugIn();
		expect(await ready).toBe('sim-serial');
		const scanned = nextScan(driver);
		await simulator.scan('AFTER-REPLUG');
		expect((await scanned).code).toBe('AFTER-REPLUG');
	});

	it('a scanner missing at start leaves the driver disconnected with a reason, then ready once plugged in', async () => {
		const { opener, driver } = await serialScanner();
		opener.plugged = false;
		await expect(driver.start()).resolves.toBeUndefined();
		expect(driver.state).toBe('disconnected');
		expect(driver.reason).toMatch(/no such device/);
		const ready = nextState(driver, 'ready');
		opener.plugIn();
		await ready;
		expect(driver.state).toBe('ready');
	});

	it('reports an over-long line as a typed error and reads on', async () => {
		const { simulator, driver } = await serialScanner({ maxScanBytes: 32 });
		await driver.start();
		const failed = nextError(driver);
		const scanned = nextScan(driver);
		await simulator.scan('9'.repeat(40));
		await simulator.scan('OK');
		expect(await failed).toBeInstanceOf(SerialScanError);
		expect((await scanned).code).toBe('OK');
	});

	it('garbage without an error listener does not crash', async () => {
		const { simulator, driver } = await serialScanner({ maxScanBytes: 8 });
		await driver.start();
		const scanned = nextScan(driver);
		await simulator.scan('X'.repeat(20));
		await simulator.scan('OK');
		expect((await scanned).code).toBe('OK');
	});

	it('stop() closes the link and ends in disconnected/stopped; start() works again', async () => {
		const { simulator, driver } = await serialScanner();
		await driver.start();
		expect(simulator.attached).toBe(true);
		await driver.stop();
		expect([driver.state, driver.reason]).toEqual(['disconnected', 'stopped']);
		expect(simulator.attached).toBe(false);
		await driver.start();
		expect(driver.state).toBe('ready');
	});

	it('a link that opens after stop() is closed at once', async () => {
		let finishOpen: (link: ByteLink) => void = () => {};
		const opener: ByteLinkOpener = { description: 'slow', open: () => new Promise((resolve) => (finishOpen = resolve)) };
		const driver = makeDriver({ kind: 'serial', opener });
		const started = driver.start();
		await driver.stop();
		const [link] = createMemoryLinkPair('slow');
		finishOpen(link);
		await started;
		expect(link.isOpen).toBe(false);
		expect(driver.state).toBe('disconnected');
	});

	it('backs off 250 ms, 500 ms, 1 s, 2 s, 2 s between attempts by default, and stops retrying on stop()', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
		const attempts: number[] = [];
		const opener: ByteLinkOpener = {
			description: 'absent',
			open: async () => {
				attempts.push(Date.now());
				throw new LinkError('absent', 'no such device');
			}
		};
		const driver = new BarcodeScannerDriver({ kind: 'serial', opener });
		drivers.push(driver);
		const start = Date.now();
		await driver.start();
		await vi.advanceTimersByTimeAsync(5_750);
		expect(attempts.map((at) => at - start)).toEqual([0, 250, 750, 1_750, 3_750, 5_750]);
		await driver.stop();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(attempts).toHaveLength(6);
	});
});

describe('HID POS scanner driver', () => {
	function hidDriver(binding: FakeHidBinding, options: Partial<BarcodeScannerDriverOptions> = {}) {
		return makeDriver({ ...options, kind: 'hid', binding, match: HONEYWELL } as BarcodeScannerDriverOptions);
	}

	it('opens the HID POS interface, switches a Honeywell to HID POS mode, and reports scans', async () => {
		const binding = new FakeHidBinding();
		// The same scanner's keyboard interface is listed too and must not be picked.
		binding.addDevice({ ...HONEYWELL, path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06 });
		const simulator = new HidScannerSimulator(binding, { path: '/dev/hidraw1' });
		const driver = hidDriver(binding, { validation: 'library-mod10' });
		await driver.start();
		expect([driver.state, driver.reason]).toEqual(['ready', 'hid:/dev/hidraw1 (0c2e:0b8f)']);
		const [device] = binding.openDevices();
		expect(device?.info.path).toBe('/dev/hidraw1');
		expect(device?.featureReports.map((report) => [...report])).toEqual([[0xfe, 0x01]]);

		const scanned = nextScan(driver);
		expect(simulator.scan('A30001000000010B', { aim: ']F0' })).toBe(true);
		expect(await scanned).toEqual({
			code: '30001000000010',
			symbology: { aim: ']F0', name: 'Codabar' },
			validation: { valid: true, code: '30001000000010' },
			source: 'hid',
			device: 'hid:/dev/hidraw1 (0c2e:0b8f)'
		});
	});

	it('joins a long scan sent over several reports', async () => {
		const binding = new FakeHidBinding();
		const simulator = new HidScannerSimulator(binding);
		const driver = hidDriver(binding);
		await driver.start();
		const code = 'https://library.example/patron/' + 'abcdef0123'.repeat(8);
		const scanned = nextScan(driver);
		simulator.scan(code, { aim: ']Q1', countIncludesAim: true });
		expect(await scanned).toMatchObject({ code, symbology: { aim: ']Q1', name: 'QR Code' } });
	});

	it('reports garbage as a typed error, ignores other report ids, and keeps reading', async () => {
		const binding = new FakeHidBinding();
		const simulator = new HidScannerSimulator(binding);
		const driver = hidDriver(binding);
		const log = record(driver);
		await driver.start();
		const failed = nextError(driver);
		const scanned = nextScan(driver);
		simulator.sendReport(Buffer.of(0x04, 0x01, 0x02));
		simulator.sendReport(Buffer.of(0x02, 0xff));
		simulator.scan('ITEM-1');
		expect(await failed).toBeInstanceOf(HidPosReportError);
		await scanned;
		expect(log.slice(2)).toEqual(['error HidPosReportError', 'scan ITEM-1']);
	});

	it('comes back by itself after an unplug and replug', async () => {
		const binding = new FakeHidBinding();
		const simulator = new HidScannerSimulator(binding);
		const driver = hidDriver(binding);
		await driver.start();
		const disconnected = nextState(driver, 'disconnected');
		simulator.unplug();
		expect(await disconnected).toMatch(/could not read from HID device/);
		expect(simulator.scan('LOST')).toBe(false);
		const ready = nextState(driver, 'ready');
		simulator.plugIn();
		await ready;
		const scanned = nextScan(driver);
		simulator.scan('BACK');
		expect((await scanned).code).toBe('BACK');
	});

	it('a scanner missing at start stays disconnected with a reason until it appears', async () => {
		const binding = new FakeHidBinding();
		const driver = hidDriver(binding);
		await driver.start();
		expect([driver.state, driver.reason]).toEqual(['disconnected', 'no HID scanner 0c2e:0b8f connected']);
		const ready = nextState(driver, 'ready');
		new HidScannerSimulator(binding);
		await ready;
		expect(driver.state).toBe('ready');
	});

	it('says so when the scanner is in keyboard mode, and when it may not be opened', async () => {
		const binding = new FakeHidBinding();
		const keyboard = binding.addDevice({ ...HONEYWELL, usagePage: 0x01, usage: 0x06 });
		const driver = hidDriver(binding);
		await driver.start();
		expect(driver.reason).toMatch(/no HID POS interface.*HID POS mode/);

		binding.unplug(keyboard.path);
		const simulator = new HidScannerSimulator(binding);
		binding.deny(simulator.info.path, 'permission denied');
		const denied = new Promise<string>((resolve) => driver.on('state', (_, reason) => reason.endsWith('permission denied') && resolve(reason)));
		expect(await denied).toBe(`hid:${simulator.info.path} (0c2e:0b8f): permission denied`);
		expect(driver.state).toBe('disconnected');
		const ready = nextState(driver, 'ready');
		binding.allow(simulator.info.path);
		await ready;
	});

	it('finds a device by path, and uses the only interface when the backend reports no usage pages', async () => {
		const binding = new FakeHidBinding();
		const simulator = new HidScannerSimulator(binding, { path: '/dev/hidraw5', usagePage: undefined, vendorId: 0x05e0, productId: 0x1900 });
		expect(pickHidDevice(binding.devices(), { vendorId: 0x05e0, productId: 0x1900 })).toEqual(simulator.info);
		const driver = makeDriver({ kind: 'hid', binding, match: { path: '/dev/hidraw5' } });
		await driver.start();
		expect(driver.reason).toBe('hid:/dev/hidraw5 (05e0:1900)');
		// No Honeywell: no mode switch is sent.
		expect(binding.openDevices()[0]?.featureReports).toEqual([]);
		expect(pickHidDevice([], { path: '/dev/hidraw5' })).toBe('no HID device at /dev/hidraw5');
	});

	it('with the real node-hid binding and no scanner attached, stays disconnected without crashing', async () => {
		const driver = makeDriver({ kind: 'hid', binding: await nodeHidBinding(), match: HONEYWELL });
		await driver.start();
		expect(driver.state).toBe('disconnected');
		expect(driver.reason).toMatch(/0c2e:0b8f/);
	});
});
