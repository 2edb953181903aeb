import { EventEmitter } from 'node:events';

/**
 * The HID hardware boundary, shaped after node-hid: this is the only file that loads node-hid, so
 * the driver, the simulator and the tests run where its native library (hidraw/libusb) is missing.
 */
export interface HidDeviceInfo {
	path: string;
	vendorId: number;
	productId: number;
	/** Not reported by every backend (libusb on Linux leaves it out). */
	usagePage?: number;
	usage?: number;
	manufacturer?: string;
	product?: string;
	serialNumber?: string;
}

export interface HidDeviceEvents {
	/** One input report; byte 0 is the report id for devices with numbered reports (HID POS scanners). */
	data: [report: Buffer];
	/** node-hid's only sign of an unplug: the pending read fails. The device is unusable afterwards. */
	error: [error: Error];
}

export interface HidDevice {
	on<E extends keyof HidDeviceEvents>(event: E, listener: (...args: HidDeviceEvents[E]) => void): unknown;
	/** Output report, report id first. */
	write?(report: Uint8Array): void;
	/** Feature report, report id first. */
	sendFeatureReport?(report: Uint8Array): void;
	/** Idempotent; no events are delivered afterwards. */
	close(): void;
}

export interface HidBinding {
	devices(): HidDeviceInfo[];
	/** Throws when the device is gone or not accessible (on Linux: no udev rule for /dev/hidraw*). */
	open(path: string): HidDevice;
}

export class HidUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HidUnavailableError';
	}
}

/** The real binding. Rejects with HidUnavailableError when node-hid's native part cannot load. */
export async function nodeHidBinding(): Promise<HidBinding> {
	let hid: typeof import('node-hid');
	try {
		hid = await import('node-hid');
	} catch (error) {
		throw new HidUnavailableError(`node-hid could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
	}
	return {
		devices: () =>
			hid.devices().flatMap((device) =>
				device.path === undefined
					? []
					: [
							{
								path: device.path,
								vendorId: device.vendorId,
								productId: device.productId,
								...(device.usagePage === undefined ? {} : { usagePage: device.usagePage }),
								...(device.usage === undefined ? {} : { usage: device.usage }),
								...(device.manufacturer === undefined ? {} : { manufacturer: device.manufacturer }),
								...(device.product === undefined ? {} : { product: device.product }),
								...(device.serialNumber === undefined ? {} : { serialNumber: device.serialNumber })
							}
						]
			),
		open: (path) => new NodeHidDevice(new hid.HID(path))
	};
}

type NodeHid = InstanceType<(typeof import('node-hid'))['HID']>;

class NodeHidDevice extends EventEmitter<HidDeviceEvents> implements HidDevice {
	#closed = false;

	constructor(private readonly hid: NodeHid) {
		super();
		// node-hid starts its read loop when a data listener is added, so this also starts reading.
		hid.on('data', (report: Buffer) => {
			try {
				this.emit('data', report);
			} catch (error) {
				// node-hid turns an exception in a data listener into a device 'error', which reads as an
				// unplug; a bug in the kiosk's listener should surface as itself instead.
				setImmediate(() => {
					throw error;
				});
			}
		});
		hid.on('error', (error: unknown) => {
			// Unplug shows up as a read error; a listener-less 'error' emit would crash the process.
			if (this.listenerCount('error') > 0) this.emit('error', error instanceof Error ? error : new Error(String(error)));
		});
	}

	write(report: Uint8Array): void {
		this.hid.write(Buffer.from(report));
	}

	sendFeatureReport(report: Uint8Array): void {
		this.hid.sendFeatureReport(Buffer.from(report));
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.removeAllListeners();
		this.hid.close();
	}
}

/** An opened fake device: records what the driver sends it. */
export class FakeHidDevice extends EventEmitter<HidDeviceEvents> implements HidDevice {
	closed = false;
	readonly writes: Buffer[] = [];
	readonly featureReports: Buffer[] = [];

	constructor(readonly info: HidDeviceInfo) {
		super();
	}

	write(report: Uint8Array): void {
		if (this.closed) throw new Error('cannot write to a closed HID device');
		this.writes.push(Buffer.from(report));
	}

	sendFeatureReport(report: Uint8Array): void {
		if (this.closed) throw new Error('cannot send a feature report to a closed HID device');
		this.featureReports.push(Buffer.from(report));
	}

	close(): void {
		this.closed = true;
	}

	/** Delivered asynchronously and in order, as node-hid's read loop delivers reports. */
	deliver(report: Uint8Array): void {
		const copy = Buffer.from(report);
		setImmediate(() => !this.closed && this.emit('data', copy));
	}

	fail(error: Error): void {
		setImmediate(() => {
			if (this.closed) return;
			this.closed = true;
			if (this.listenerCount('error') > 0) this.emit('error', error);
		});
	}
}

/** A HidBinding for tests and simulators: devices can be added, unplugged, denied, and fed reports. */
export class FakeHidBinding implements HidBinding {
	#plugged = new Map<string, HidDeviceInfo>();
	#known = new Map<string, HidDeviceInfo>();
	#open: FakeHidDevice[] = [];
	#denied = new Map<string, string>();
	#nextPath = 0;

	/** Plugs in a device; returns its info (a path is made up when none is given). */
	addDevice(info: Omit<HidDeviceInfo, 'path'> & { path?: string }): HidDeviceInfo {
		const device: HidDeviceInfo = { ...info, path: info.path ?? `/dev/hidraw-fake${this.#nextPath++}` };
		this.#known.set(device.path, device);
		this.#plugged.set(device.path, device);
		return device;
	}

	/** The device disappears from the list and its open handles fail as node-hid's do. */
	unplug(path: string): void {
		this.#plugged.delete(path);
		for (const device of this.#open.filter((open) => open.info.path === path)) device.fail(new Error('could not read from HID device'));
		this.#open = this.#open.filter((open) => open.info.path !== path);
	}

	/** Plugs a previously added device back in, at the same path. */
	plugIn(path: string): void {
		const device = this.#known.get(path);
		if (!device) throw new Error(`no fake HID device was ever added at ${path}`);
		this.#plugged.set(path, device);
	}

	/** Makes `open(path)` fail with `message` (e.g. missing udev permissions) until `allow(path)`. */
	deny(path: string, message = 'cannot open device with path ' + path): void {
		this.#denied.set(path, message);
	}

	allow(path: string): void {
		this.#denied.delete(path);
	}

	/** Feeds an input report to whoever has the device open; false when nobody does (the report is lost, as on real hardware). */
	push(path: string, report: Uint8Array): boolean {
		const readers = this.#open.filter((open) => open.info.path === path && !open.closed);
		for (const device of readers) device.deliver(report);
		return readers.length > 0;
	}

	openDevices(path?: string): FakeHidDevice[] {
		return this.#open.filter((open) => !open.closed && (path === undefined || open.info.path === path));
	}

	devices(): HidDeviceInfo[] {
		return [...this.#plugged.values()].map((device) => ({ ...device }));
	}

	open(path: string): HidDevice {
		const info = this.#plugged.get(path);
		const denied = this.#denied.get(path);
		if (!info || denied !== undefined) throw new Error(denied ?? `cannot open device with path ${path}`);
		const device = new FakeHidDevice(info);
		this.#open.push(device);
		return device;
	}
}
