import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../kiosk/lib/api/contract';
import { loadConfig } from '../config';
import { DeviceSettingsError, DeviceSettingsStore, deviceSettingsPath, parseDeviceSettings, settingsOf } from './device-settings-store';

const demo = loadConfig({});
const defaults: DeviceSettings = settingsOf(demo.rfid, demo.devices);

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kiosk-devices-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

function refusal(run: () => unknown): { field: string; problem: string } | null {
	try {
		run();
		return null;
	} catch (error) {
		if (error instanceof DeviceSettingsError) return { field: error.field, problem: error.problem };
		throw error;
	}
}

describe('device settings', () => {
	it('writes the settings of the demo as the environment gives them', () => {
		expect(defaults).toEqual({
			rfidReader: 'simulator',
			rfidPort: '',
			rfidBaudRate: '',
			rfidDataModel: 'iso28560-3',
			rfidAfiInLibrary: '07',
			rfidAfiOnLoan: 'C2',
			rfidSecurity: 'afi',
			scanner: 'wedge',
			printer: 'simulator',
			payment: 'simulator'
		});
	});

	it('parses what it writes, for every kind of device address', () => {
		const settings: DeviceSettings = {
			...defaults,
			rfidReader: 'feig',
			rfidPort: '/dev/ttyUSB0',
			rfidBaudRate: '57600',
			rfidSecurity: 'both',
			scanner: 'hid:0c2e:0b8f',
			printer: 'tcp:10.0.0.5:9100',
			payment: 'zvt:serial:/dev/ttyS0'
		};
		const parsed = parseDeviceSettings(settings);
		expect(parsed.rfid.reader).toEqual({ kind: 'serial', protocol: 'feig', path: '/dev/ttyUSB0', baudRate: 57600 });
		expect(settingsOf(parsed.rfid, parsed)).toEqual(settings);
		const tcp = parseDeviceSettings({ ...defaults, rfidReader: '3m', rfidPort: 'tcp:10.0.0.9:10001' });
		expect(tcp.rfid.reader).toEqual({ kind: 'tcp', protocol: '3m', host: '10.0.0.9', port: 10001 });
	});

	it('round-trips through the file, written atomically with mode 0600 and no temp file left', () => {
		const store = new DeviceSettingsStore(join(dir, 'kiosk-devices.json'));
		expect(store.load()).toBeNull();
		const settings = { ...defaults, rfidAfiOnLoan: 'C3', printer: 'serial:/dev/ttyUSB1@19200' };
		store.save(settings);
		expect(readdirSync(dir)).toEqual(['kiosk-devices.json']);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		expect(store.load()?.settings).toEqual(settings);
		expect(store.load()?.rfid.afiOnLoan).toBe(0xc3);
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual(settings);
	});

	it('refuses a bad value naming the field, and keeps the saved file as it was', () => {
		const store = new DeviceSettingsStore(join(dir, 'kiosk-devices.json'));
		store.save(defaults);
		expect(refusal(() => store.save({ ...defaults, rfidAfiOnLoan: 'XYZ' }))).toEqual({ field: 'rfidAfiOnLoan', problem: 'must be a byte in hex such as 07 or C2, got "XYZ"' });
		expect(refusal(() => store.save({ ...defaults, printer: 'lpt1' }))?.field).toBe('printer');
		expect(refusal(() => store.save({ ...defaults, rfidDataModel: 'ean' }))?.field).toBe('rfidDataModel');
		expect(refusal(() => store.save({ ...defaults, rfidReader: 'feig' }))?.field).toBe('rfidPort');
		expect(refusal(() => store.save({ ...defaults, rfidReader: 'feig', rfidPort: '/dev/ttyUSB0', rfidBaudRate: '12' }))?.field).toBe('rfidBaudRate');
		expect(refusal(() => store.save({ ...defaults, rfidBaudRate: '9600' }))?.field).toBe('rfidBaudRate');
		expect(refusal(() => parseDeviceSettings({ ...defaults, scanner: 7 }))?.field).toBe('scanner');
		expect(store.load()?.settings).toEqual(defaults);
		expect(readdirSync(dir)).toEqual(['kiosk-devices.json']);
	});

	it('refuses a file that is not JSON or misses fields', () => {
		const store = new DeviceSettingsStore(join(dir, 'kiosk-devices.json'));
		writeFileSync(store.path, 'not json');
		expect(refusal(() => store.load())?.field).toBe('file');
		writeFileSync(store.path, JSON.stringify({ ...defaults, payment: undefined }));
		expect(refusal(() => store.load())?.field).toBe('payment');
	});

	it('lives in DEVICES_FILE, or kiosk-devices.json in the working directory', () => {
		expect(deviceSettingsPath({ DEVICES_FILE: '/var/lib/kiosk/devices.json' })).toBe('/var/lib/kiosk/devices.json');
		expect(deviceSettingsPath({})).toBe(join(process.cwd(), 'kiosk-devices.json'));
	});
});
