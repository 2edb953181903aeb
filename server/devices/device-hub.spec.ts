import { afterEach, describe, expect, it } from 'vitest';
import { FakeHidBinding, HidScannerSimulator, SerialScannerSimulator } from '../../drivers/barcode';
import { MemoryLinkOpener } from '../../drivers/transport/memory-link';
import { loadConfig, type DevicesConfig } from '../config';
import { DeviceHub } from './device-hub';

const hubs: DeviceHub[] = [];

function hub(config: DevicesConfig, options: ConstructorParameters<typeof DeviceHub>[1] = {}): DeviceHub {
	const created = new DeviceHub(config, options);
	hubs.push(created);
	return created;
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const stateOf = (devices: DeviceHub, kind: string) => devices.devices().find((device) => device.kind === kind)?.state;

afterEach(async () => {
	await Promise.all(hubs.splice(0).map((created) => created.stop()));
});

describe('DeviceHub', () => {
	it('runs the demo with a keyboard wedge, a simulated printer and a simulated payment terminal', async () => {
		const devices = hub(loadConfig({}).devices);
		await devices.start();
		await until(() => stateOf(devices, 'printer') === 'ready' && stateOf(devices, 'payment') === 'ready');
		expect(devices.devices()).toEqual([
			expect.objectContaining({ kind: 'scanner', state: 'keyboard', protocol: 'keyboard wedge' }),
			expect.objectContaining({ kind: 'printer', state: 'ready', protocol: 'ESC/POS', port: 'simulated printer', simulated: true }),
			expect.objectContaining({ kind: 'payment', state: 'ready', protocol: 'ZVT', port: 'simulated ZVT terminal', simulated: true })
		]);
	});

	it('prints a test receipt and reports what the printer printed and said', async () => {
		const devices = hub(loadConfig({}).devices);
		await devices.start();
		await until(() => stateOf(devices, 'printer') === 'ready');
		const result = await devices.printTestReceipt(new Date('2026-01-02T03:04:05Z'));
		expect(result).toMatchObject({ ok: true, condition: 'ok', problem: null });
		expect(result.receipt).toContain('Printer test 2026-01-02 03:04:05');
	});

	it('says why a test receipt could not print when the paper is out', async () => {
		const devices = hub(loadConfig({}).devices);
		await devices.start();
		await until(() => stateOf(devices, 'printer') === 'ready');
		devices.printerSimulator!.paperOut = true;
		expect(await devices.printTestReceipt()).toMatchObject({ ok: false, condition: 'paper-out', receipt: null });
	});

	it('takes a EUR 0.01 test payment and keeps every status text', async () => {
		const devices = hub(loadConfig({}).devices);
		await devices.start();
		const result = await devices.testPayment();
		expect(result.outcome).toBe('approved');
		expect(result.statuses).toContain('Karte einstecken');
		expect(result.detail).toContain('MasterCard');
		devices.paymentSimulator!.enqueue({ kind: 'decline' });
		expect((await devices.testPayment()).outcome).toBe('declined');
	});

	it('passes scans from a serial scanner on', async () => {
		const simulator = new SerialScannerSimulator();
		const devices = hub(
			{ ...loadConfig({}).devices, scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 9600 } },
			{ openers: { serial: () => simulator.memoryOpener('serial:/dev/ttyACM0@9600') } }
		);
		const scans: string[] = [];
		devices.on('scan', (scan) => scans.push(scan.code));
		await devices.start();
		expect(stateOf(devices, 'scanner')).toBe('ready');
		await simulator.scan('31234567890123');
		await until(() => scans.length === 1);
		expect(scans).toEqual(['31234567890123']);
	});

	it('passes scans from a USB HID POS scanner on', async () => {
		const binding = new FakeHidBinding();
		const simulator = new HidScannerSimulator(binding);
		const devices = hub({ ...loadConfig({}).devices, scanner: { kind: 'hid', vendorId: simulator.info.vendorId, productId: simulator.info.productId } }, { hidBinding: async () => binding });
		const scans: string[] = [];
		devices.on('scan', (scan) => scans.push(scan.code));
		await devices.start();
		expect(stateOf(devices, 'scanner')).toBe('ready');
		simulator.scan('A1234B');
		await until(() => scans.length === 1);
		expect(scans).toEqual(['A1234B']);
	});

	it('shows a missing device as disconnected with its reason while the others keep working', async () => {
		const absent = new MemoryLinkOpener('serial:/dev/ttyUSB9@38400', () => undefined);
		absent.plugged = false;
		const devices = hub(
			{ ...loadConfig({}).devices, scanner: { kind: 'serial', path: '/dev/ttyUSB9', baudRate: 9600 }, printer: { kind: 'serial', path: '/dev/ttyUSB9', baudRate: 38_400 } },
			{ openers: { serial: () => absent }, hidBinding: async () => Promise.reject(new Error('no node-hid')) }
		);
		await devices.start();
		await until(() => stateOf(devices, 'printer') === 'disconnected');
		const [scanner, printer] = devices.devices();
		expect(scanner).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('no such device') });
		expect(printer).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('no such device') });
		expect((await devices.printTestReceipt()).ok).toBe(false);
		expect((await devices.testPayment()).outcome).toBe('approved');
	});

	it('shows a HID scanner whose library cannot load while the rest works', async () => {
		const devices = hub(
			{ ...loadConfig({}).devices, scanner: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b8f } },
			{ hidBinding: async () => Promise.reject(new Error('node-hid could not be loaded')) }
		);
		await devices.start();
		await until(() => stateOf(devices, 'payment') !== 'connecting');
		expect(devices.devices()[0]).toMatchObject({ state: 'disconnected', reason: 'node-hid could not be loaded' });
		expect(devices.devices()[2]).toMatchObject({ state: 'ready' });
	});

	it('lists devices that are not configured', async () => {
		const devices = hub(loadConfig({ SCANNER: 'none', PRINTER: 'none', PAYMENT: 'none' }).devices);
		await devices.start();
		expect(devices.devices().map((device) => device.state)).toEqual(['not-configured', 'not-configured', 'not-configured']);
		expect((await devices.testPayment()).outcome).toBe('unavailable');
	});
});

describe('device configuration', () => {
	it('reads scanner, printer and payment terminal settings', () => {
		const config = loadConfig({ SCANNER: 'serial:/dev/ttyACM0@115200', PRINTER: 'tcp:10.0.0.9:9100', PAYMENT: 'zvt:tcp:10.0.0.5:20007', PAYMENT_PASSWORD: '123456' });
		expect(config.devices).toEqual({
			scanner: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115_200 },
			printer: { kind: 'tcp', host: '10.0.0.9', port: 9100 },
			payment: { kind: 'zvt-tcp', host: '10.0.0.5', port: 20007 },
			paymentPassword: '123456'
		});
		expect(loadConfig({ SCANNER: 'hid:0c2e:0b8f', PAYMENT: 'zvt:serial:/dev/ttyS0', PRINTER: 'serial:/dev/usb/lp0' }).devices).toMatchObject({
			scanner: { kind: 'hid', vendorId: 0x0c2e, productId: 0x0b8f },
			printer: { kind: 'serial', path: '/dev/usb/lp0', baudRate: 38_400 },
			payment: { kind: 'zvt-serial', path: '/dev/ttyS0' }
		});
	});

	it('simulates printer and payment terminal only in the demo', () => {
		expect(loadConfig({}).devices).toMatchObject({ scanner: { kind: 'wedge' }, printer: { kind: 'simulator' }, payment: { kind: 'simulator' } });
		expect(loadConfig({ SIP2_HOST: 'ils' }).devices).toMatchObject({ scanner: { kind: 'wedge' }, printer: { kind: 'none' }, payment: { kind: 'none' } });
	});

	it.each([
		['SCANNER', 'usb'],
		['SCANNER', 'hid:xyz:1'],
		['PRINTER', 'tcp:host'],
		['PAYMENT', 'zvt:tcp:h:99999'],
		['PAYMENT_PASSWORD', '12ab']
	])('refuses %s=%s', (name, value) => {
		expect(() => loadConfig({ [name]: value })).toThrow(name);
	});

	it('keeps desk accounts in kiosk-staff.db, locks desk sessions after 10 idle minutes and keeps the audit log a year, unless told otherwise', () => {
		expect(loadConfig({}).desk).toEqual({ dbFile: 'kiosk-staff.db', idleMinutes: 10, auditDays: 365 });
		expect(loadConfig({ STAFF_DB: '/var/lib/kiosk/staff.db', DESK_IDLE_MINUTES: '3', AUDIT_DAYS: '30' }).desk).toEqual({ dbFile: '/var/lib/kiosk/staff.db', idleMinutes: 3, auditDays: 30 });
		expect(() => loadConfig({ DESK_IDLE_MINUTES: '0' })).toThrow('DESK_IDLE_MINUTES');
		expect(() => loadConfig({ AUDIT_DAYS: 'forever' })).toThrow('AUDIT_DAYS');
	});
});
