import { describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../kiosk/lib/api/contract';
import { loadConfig } from '../config';
import { DeviceSettingsError, parseDeviceSettings, settingsOf } from './device-settings';

const demo = loadConfig({});
const defaults: DeviceSettings = settingsOf(demo.rfid, demo.devices);

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

	it('refuses a bad value naming the field', () => {
		expect(refusal(() => parseDeviceSettings({ ...defaults, rfidAfiOnLoan: 'XYZ' }))).toEqual({ field: 'rfidAfiOnLoan', problem: 'must be a byte in hex such as 07 or C2, got "XYZ"' });
		expect(refusal(() => parseDeviceSettings({ ...defaults, printer: 'lpt1' }))?.field).toBe('printer');
		expect(refusal(() => parseDeviceSettings({ ...defaults, rfidDataModel: 'ean' }))?.field).toBe('rfidDataModel');
		expect(refusal(() => parseDeviceSettings({ ...defaults, rfidReader: 'feig' }))?.field).toBe('rfidPort');
		expect(refusal(() => parseDeviceSettings({ ...defaults, rfidReader: 'feig', rfidPort: '/dev/ttyUSB0', rfidBaudRate: '12' }))?.field).toBe('rfidBaudRate');
		expect(refusal(() => parseDeviceSettings({ ...defaults, rfidBaudRate: '9600' }))?.field).toBe('rfidBaudRate');
		expect(refusal(() => parseDeviceSettings({ ...defaults, scanner: 7 }))?.field).toBe('scanner');
		expect(refusal(() => parseDeviceSettings({ ...defaults, payment: undefined }))?.field).toBe('payment');
		expect(refusal(() => parseDeviceSettings('devices'))?.field).toBe('file');
	});
});
