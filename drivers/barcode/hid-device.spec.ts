import { describe, expect, it } from 'vitest';
import { FakeHidBinding, nodeHidBinding, type HidDevice, type HidDeviceEvents } from './hid-device';

function next<E extends keyof HidDeviceEvents>(device: HidDevice, event: E): Promise<HidDeviceEvents[E]> {
	return new Promise((resolve) => device.on(event, (...args) => resolve(args)));
}

describe('FakeHidBinding', () => {
	it('lists added devices and delivers pushed reports to the opened device, in order', async () => {
		const binding = new FakeHidBinding();
		const info = binding.addDevice({ vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c, usage: 0x02 });
		expect(binding.devices()).toEqual([info]);
		expect(binding.push(info.path, Buffer.of(1))).toBe(false);

		const device = binding.open(info.path);
		const received: number[] = [];
		const second = new Promise<void>((resolve) =>
			device.on('data', (report) => {
				received.push(report[0] ?? -1);
				if (received.length === 2) resolve();
			})
		);
		expect(binding.push(info.path, Buffer.of(1))).toBe(true);
		expect(binding.push(info.path, Buffer.of(2))).toBe(true);
		expect(received).toEqual([]);
		await second;
		expect(received).toEqual([1, 2]);
	});

	it('an unplug fails the open device as node-hid does, and the device can come back at the same path', async () => {
		const binding = new FakeHidBinding();
		const info = binding.addDevice({ vendorId: 1, productId: 2, path: '/dev/hidraw7' });
		const device = binding.open(info.path);
		const failed = next(device, 'error');
		binding.unplug(info.path);
		expect((await failed)[0].message).toMatch(/could not read/);
		expect(binding.devices()).toEqual([]);
		expect(() => binding.open(info.path)).toThrow(/cannot open/);
		binding.plugIn(info.path);
		expect(binding.devices().map((device) => device.path)).toEqual(['/dev/hidraw7']);
		expect(binding.open(info.path)).toBeDefined();
	});

	it('a denied device is listed but cannot be opened until allowed', () => {
		const binding = new FakeHidBinding();
		const { path } = binding.addDevice({ vendorId: 1, productId: 2 });
		binding.deny(path, 'permission denied (no udev rule)');
		expect(() => binding.open(path)).toThrow('permission denied (no udev rule)');
		binding.allow(path);
		expect(() => binding.open(path)).not.toThrow();
	});

	it('a closed device receives nothing more', async () => {
		const binding = new FakeHidBinding();
		const { path } = binding.addDevice({ vendorId: 1, productId: 2 });
		const device = binding.open(path);
		device.close();
		expect(binding.push(path, Buffer.of(1))).toBe(false);
		expect(binding.openDevices(path)).toEqual([]);
	});
});

describe('nodeHidBinding', () => {
	it('loads node-hid and lists devices (none here) without throwing; opening a missing path throws', async () => {
		const binding = await nodeHidBinding();
		const devices = binding.devices();
		expect(Array.isArray(devices)).toBe(true);
		for (const device of devices) expect(typeof device.path).toBe('string');
		expect(() => binding.open('/dev/no-such-hidraw')).toThrow();
	});
});
