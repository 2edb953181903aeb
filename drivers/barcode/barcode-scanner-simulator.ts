import type { ByteLink, ByteLinkOpener } from '../transport/byte-link';
import { MemoryLinkOpener } from '../transport/memory-link';
import { symbologyFromAim } from './aim-symbology';
import type { FakeHidBinding, HidDeviceInfo } from './hid-device';
import { HID_POS_USAGE_BARCODE_SCANNER, HID_POS_USAGE_PAGE, SCANNER_VENDOR_IDS, encodeHidPosReports, honeywellCodeIdFor } from './hid-pos-report';
import { encodeSerialScan, type SerialScanTerminator } from './serial-scanner-protocol';

export interface SerialScanOptions {
	/** AIM identifier prefix, e.g. `]F0`, as a scanner programmed to send it does. Default none. */
	aim?: string | null;
	/** Default CR, the usual factory suffix. */
	terminator?: SerialScanTerminator;
	/** Writes the bytes in pieces of this size, as a slow UART delivers them. */
	chunkBytes?: number;
}

/**
 * A serial / USB-CDC scanner on the device end of a ByteLink: in memory (`memoryOpener()`), or on
 * the device end of a pseudo-terminal pair whose other end the driver opens as a real serial port (`connect`).
 */
export class SerialScannerSimulator {
	#link: ByteLink | null = null;

	attach(link: ByteLink): void {
		this.#link = link;
		link.once('close', () => {
			if (this.#link === link) this.#link = null;
		});
	}

	/** Opens the device end itself, e.g. `serialLinkOpener({ path: pty.devicePath, … })` for a pseudo-terminal pair. */
	async connect(opener: ByteLinkOpener): Promise<void> {
		this.attach(await opener.open());
	}

	get attached(): boolean {
		return this.#link?.isOpen ?? false;
	}

	/** An opener for the driver; every open connects a fresh in-memory link to this simulator. */
	memoryOpener(description = 'simulated serial scanner'): MemoryLinkOpener {
		return new MemoryLinkOpener(description, (deviceSide) => this.attach(deviceSide));
	}

	/** Sends one scan. Rejects when no driver is connected, as bytes from an unplugged scanner go nowhere. */
	async scan(code: string, options: SerialScanOptions = {}): Promise<void> {
		const link = this.#link;
		if (!link?.isOpen) throw new Error('the simulated scanner is not connected to a driver');
		const bytes = encodeSerialScan(code, options);
		const step = options.chunkBytes ?? bytes.length;
		for (let start = 0; start < bytes.length; start += step) await link.write(bytes.subarray(start, start + step));
	}

	async close(): Promise<void> {
		await this.#link?.close();
		this.#link = null;
	}
}

export interface HidScannerSimulatorOptions {
	/** Default Honeywell's vendor id, with the product id WebHidBarcodeScanner lists for a Voyager 1400g. */
	vendorId?: number;
	productId?: number;
	path?: string;
	product?: string;
	/** Leave out (undefined) to look like a backend that reports no usage pages. Default 0x8C. */
	usagePage?: number;
}

export interface HidScanOptions {
	/** AIM identifier in the report's symbology bytes, or null for none. Default `]C0` (Code 128). */
	aim?: string | null;
	/** Honeywell code id byte; by default derived from the AIM identifier on a Honeywell, else 0. */
	codeId?: number | null;
	/** Emulates firmware whose byte count includes the AIM bytes. */
	countIncludesAim?: boolean;
}

/**
 * A USB HID POS scanner in a FakeHidBinding: plugged in on construction, sending each scan as the
 * same input reports a real one does (long codes over several reports with the continuation flag).
 */
export class HidScannerSimulator {
	readonly info: HidDeviceInfo;

	constructor(
		private readonly binding: FakeHidBinding,
		options: HidScannerSimulatorOptions = {}
	) {
		const usagePage = 'usagePage' in options ? options.usagePage : HID_POS_USAGE_PAGE;
		this.info = binding.addDevice({
			vendorId: options.vendorId ?? SCANNER_VENDOR_IDS.honeywell,
			productId: options.productId ?? 0x0b8f,
			product: options.product ?? 'Simulated HID POS scanner',
			...(options.path === undefined ? {} : { path: options.path }),
			...(usagePage === undefined ? {} : { usagePage, usage: HID_POS_USAGE_BARCODE_SCANNER })
		});
	}

	unplug(): void {
		this.binding.unplug(this.info.path);
	}

	plugIn(): void {
		this.binding.plugIn(this.info.path);
	}

	/** Sends one scan; false when no driver has the device open (the scan is lost, as on real hardware). */
	scan(code: string, options: HidScanOptions = {}): boolean {
		const aim = options.aim === undefined ? ']C0' : options.aim;
		const codeId =
			options.codeId !== undefined ? options.codeId : this.info.vendorId === SCANNER_VENDOR_IDS.honeywell && aim !== null ? honeywellCodeIdFor(symbologyFromAim(aim)) : null;
		const reports = encodeHidPosReports(code, { aim, codeId, countIncludesAim: options.countIncludesAim ?? false });
		return reports.map((report) => this.binding.push(this.info.path, report)).every(Boolean);
	}

	/** Sends raw bytes as one input report (garbage, other report ids). */
	sendReport(report: Uint8Array): boolean {
		return this.binding.push(this.info.path, report);
	}
}
