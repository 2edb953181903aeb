import { afterEach, describe, expect, it } from 'vitest';
import type { PadSnapshot } from '../../kiosk/lib/api/contract';
import { loadConfig } from '../config';
import { silentLogger } from '../logging/logger';
import { parseDeviceSettings, settingsOf } from './device-settings';
import { SwitchableDevices } from './switchable-devices';

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const created: SwitchableDevices[] = [];
afterEach(async () => {
	await Promise.all(created.splice(0).map((devices) => devices.stop()));
});

describe('SwitchableDevices', () => {
	it('swaps the simulated FEIG pad for none and back; the SSE-facing events and the item security follow', async () => {
		const config = loadConfig({});
		const devices = new SwitchableDevices(config.rfid, config.devices, silentLogger);
		created.push(devices);
		const seen: PadSnapshot['status'][] = [];
		devices.on('pad-change', (snapshot) => seen.push(snapshot.status));
		await until(() => devices.padSnapshot().status === 'ready');
		const firstHub = devices.hub;

		const none = parseDeviceSettings({ ...settingsOf(config.rfid, config.devices), rfidReader: 'none', printer: 'none' });
		await devices.apply(none.rfid, { ...config.devices, printer: none.printer });
		expect(devices.padSnapshot()).toEqual({ status: 'none', tags: [] });
		expect(seen.at(-1)).toBe('none');
		expect(devices.rfid).toBeNull();
		expect(devices.padSimulator).toBeNull();
		expect(devices.hub).not.toBe(firstHub);
		expect(devices.hub.devices().find((device) => device.kind === 'printer')?.state).toBe('not-configured');
		expect(devices.security.partsOnPad('30001000000010')).toBeNull();
		expect(await devices.security.setOnLoan('30001000000010')).toBeNull();

		const feig = parseDeviceSettings(settingsOf(config.rfid, config.devices));
		await devices.apply(feig.rfid, config.devices);
		await until(() => devices.padSnapshot().status === 'ready');
		expect(seen.at(-1)).toBe('ready');
		expect(devices.padSimulator).not.toBeNull();

		// The new pad reads tags, and the circulation's security reaches it.
		devices.padSimulator!.place([{ id: '30001000000010' }]);
		await until(() => devices.padSnapshot().tags.length === 1);
		expect(devices.security.partsOnPad('30001000000010')).toEqual({ missing: [], of: 1 });
		expect(await devices.security.setOnLoan('30001000000010')).toBe('done');
	});

	it('leaves the devices that did not change alone', async () => {
		const config = loadConfig({});
		const devices = new SwitchableDevices(config.rfid, config.devices, silentLogger);
		created.push(devices);
		await until(() => devices.padSnapshot().status === 'ready');
		const { hub, rfid } = devices;
		await devices.apply({ ...config.rfid, afiOnLoan: 0xc3 }, { ...config.devices });
		expect(devices.hub).toBe(hub);
		expect(devices.rfid).not.toBe(rfid);
		await until(() => devices.padSnapshot().status === 'ready');
	});
});
