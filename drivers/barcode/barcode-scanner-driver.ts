import { EventEmitter } from 'node:events';
import type { ByteLink, ByteLinkOpener } from '../transport/byte-link';
import type { Symbology } from './aim-symbology';
import { validateBarcode, type BarcodeInvalidReason, type BarcodeValidation, type BarcodeValidationMode } from './barcode-validation';
import type { HidBinding, HidDevice, HidDeviceInfo } from './hid-device';
import { HID_POS_USAGE_PAGE, HidPosAssembler, HidPosReportError, hidPosModeFeatureReport, type HidPosScan } from './hid-pos-report';
import { SerialScanError, SerialScanReader } from './serial-scanner-protocol';

export type ScannerState = 'disconnected' | 'connecting' | 'ready';
export type ScannerKind = 'serial' | 'hid';

/** Which HID device is the scanner: by ids (survives re-enumeration after a replug) or by a fixed path. */
export type HidDeviceMatch = { vendorId: number; productId: number } | { path: string };

export type BarcodeScannerSource = { kind: 'serial'; opener: ByteLinkOpener } | { kind: 'hid'; binding: HidBinding; match: HidDeviceMatch };

export type BarcodeScannerDriverOptions = BarcodeScannerSource & {
	/** Default `none`. */
	validation?: BarcodeValidationMode;
	/** The same code again within this window is ignored. Default 2000. */
	duplicateWindowMs?: number;
	/** Delay before the first retry after a failure or unplug, doubled per failure up to `maxDelayMs`. */
	reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
	/** Longest scan accepted, in bytes. */
	maxScanBytes?: number;
	/** Clock for duplicate suppression (tests step it instead of waiting). */
	now?: () => number;
};

export interface BarcodeScan {
	/** The code to look up (validation may have normalised it, e.g. removed Codabar start/stop characters). */
	code: string;
	symbology: Symbology | null;
	validation: Extract<BarcodeValidation, { valid: true }>;
	source: ScannerKind;
	/** The device it came from, e.g. `serial:/dev/ttyACM0@9600` or `hid:/dev/hidraw2 (0c2e:0b8f)`. */
	device: string;
}

export interface BarcodeScannerEvents {
	state: [state: ScannerState, reason: string];
	scan: [scan: BarcodeScan];
	invalid: [code: string, reason: BarcodeInvalidReason];
	/** Garbage from the device (bad HID report, over-long line). Only emitted while someone listens. */
	error: [error: Error];
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2_000;
const DEFAULT_RECONNECT = { initialDelayMs: 250, maxDelayMs: 2_000 };

interface Connection {
	readonly description: string;
	close(): Promise<void> | void;
}

/**
 * One barcode scanner, serial (incl. USB-CDC) or USB HID POS. After `start()` it keeps trying to
 * reach the scanner on its own: a missing scanner is `disconnected` with a reason, an unplugged
 * one comes back to `ready` when it is plugged in again. Retries after a failure stay
 * `disconnected` (the reason is updated when it changes) so status pages do not flicker.
 */
export class BarcodeScannerDriver extends EventEmitter<BarcodeScannerEvents> {
	readonly kind: ScannerKind;
	#state: ScannerState = 'disconnected';
	#reason = 'not started';
	#running = false;
	/** Bumped by stop(): an open that finishes for an older session is closed again at once. */
	#session = 0;
	#connection: Connection | null = null;
	#retryTimer: NodeJS.Timeout | null = null;
	#retryDelayMs: number;
	#lastCode: { code: string; seenAt: number } | null = null;
	readonly #source: BarcodeScannerSource;
	readonly #validation: BarcodeValidationMode;
	readonly #duplicateWindowMs: number;
	readonly #initialDelayMs: number;
	readonly #maxDelayMs: number;
	readonly #maxScanBytes: number | undefined;
	readonly #now: () => number;

	constructor(options: BarcodeScannerDriverOptions) {
		super();
		this.kind = options.kind;
		this.#source = options.kind === 'serial' ? { kind: 'serial', opener: options.opener } : { kind: 'hid', binding: options.binding, match: options.match };
		this.#validation = options.validation ?? 'none';
		this.#duplicateWindowMs = options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
		this.#initialDelayMs = options.reconnect?.initialDelayMs ?? DEFAULT_RECONNECT.initialDelayMs;
		this.#maxDelayMs = Math.max(this.#initialDelayMs, options.reconnect?.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs);
		this.#retryDelayMs = this.#initialDelayMs;
		this.#maxScanBytes = options.maxScanBytes;
		this.#now = options.now ?? Date.now;
	}

	get state(): ScannerState {
		return this.#state;
	}

	/** Why the scanner is in its state: the device description when ready, the failure otherwise. */
	get reason(): string {
		return this.#reason;
	}

	/** Resolves once the first attempt has ended (ready or disconnected); never rejects. */
	start(): Promise<void> {
		if (this.#running) return Promise.resolve();
		this.#running = true;
		this.#retryDelayMs = this.#initialDelayMs;
		this.#setState('connecting', 'starting');
		return this.#attempt();
	}

	async stop(): Promise<void> {
		if (!this.#running) return;
		this.#running = false;
		this.#session++;
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		const connection = this.#connection;
		this.#connection = null;
		try {
			await connection?.close();
		} catch {
			// Closing a device that is already gone fails; it is closed either way.
		}
		this.#setState('disconnected', 'stopped');
	}

	async #attempt(): Promise<void> {
		this.#retryTimer = null;
		const session = this.#session;
		try {
			if (this.#source.kind === 'serial') await this.#connectSerial(this.#source.opener, session);
			else this.#connectHid(this.#source.binding, this.#source.match);
		} catch (error) {
			if (session === this.#session) this.#failed(messageOf(error));
		}
	}

	async #connectSerial(opener: ByteLinkOpener, session: number): Promise<void> {
		const link: ByteLink = await opener.open();
		if (session !== this.#session || !this.#running) {
			await link.close();
			return;
		}
		const reader = new SerialScanReader(this.#maxScanBytes === undefined ? {} : { maxScanBytes: this.#maxScanBytes });
		const connection: Connection = { description: link.description, close: () => link.close() };
		link.on('data', (chunk) => {
			if (this.#connection !== connection) return;
			for (const frame of reader.push(chunk)) {
				if (frame.kind === 'scan') this.#accept(frame.scan.code, frame.scan.symbology, connection);
				else this.#emitError(new SerialScanError('too-long', `${link.description}: dropped a line of ${frame.discardedBytes} bytes without a terminator`));
			}
		});
		link.on('close', (error) => {
			if (this.#connection === connection) this.#lost(error?.message ?? `${link.description} closed`);
		});
		this.#connected(connection);
	}

	#connectHid(binding: HidBinding, match: HidDeviceMatch): void {
		const picked = pickHidDevice(binding.devices(), match);
		if (typeof picked === 'string') return this.#failed(picked);
		const description = `hid:${picked.path} (${hex4(picked.vendorId)}:${hex4(picked.productId)})`;
		let device: HidDevice;
		try {
			device = binding.open(picked.path);
		} catch (error) {
			return this.#failed(`${description}: ${messageOf(error)}`);
		}
		const switchToHidPos = hidPosModeFeatureReport(picked.vendorId);
		if (switchToHidPos && device.sendFeatureReport) {
			try {
				device.sendFeatureReport(switchToHidPos);
			} catch (error) {
				// Scanners already in HID POS mode may refuse it; scans still arrive.
				this.#emitError(new Error(`${description}: HID POS mode switch refused: ${messageOf(error)}`));
			}
		}
		const assembler = new HidPosAssembler(this.#maxScanBytes === undefined ? {} : { maxScanBytes: this.#maxScanBytes });
		const connection: Connection = { description, close: () => device.close() };
		device.on('data', (report) => {
			if (this.#connection !== connection) return;
			let scan: HidPosScan | null;
			try {
				scan = assembler.push(report);
			} catch (error) {
				// HID POS scanners also send status and attribute reports on the same interface.
				if (error instanceof HidPosReportError && error.kind === 'not-a-scan-report') return;
				this.#emitError(error instanceof Error ? error : new Error(String(error)));
				return;
			}
			if (scan) this.#accept(scan.code, scan.symbology, connection);
		});
		device.on('error', (error) => {
			if (this.#connection !== connection) return;
			try {
				device.close();
			} catch {
				// Already unusable after the failed read.
			}
			this.#lost(`${description}: ${error.message}`);
		});
		this.#connected(connection);
	}

	#connected(connection: Connection): void {
		this.#connection = connection;
		this.#retryDelayMs = this.#initialDelayMs;
		this.#setState('ready', connection.description);
	}

	#lost(reason: string): void {
		this.#connection = null;
		this.#setState('disconnected', reason);
		this.#scheduleRetry();
	}

	#failed(reason: string): void {
		this.#setState('disconnected', reason);
		this.#scheduleRetry();
	}

	#scheduleRetry(): void {
		if (!this.#running || this.#retryTimer) return;
		const delay = this.#retryDelayMs;
		this.#retryDelayMs = Math.min(delay * 2, this.#maxDelayMs);
		this.#retryTimer = setTimeout(() => void this.#attempt(), delay);
	}

	#accept(code: string, symbology: Symbology | null, connection: Connection): void {
		const now = this.#now();
		const last = this.#lastCode;
		// Measured from the last time the code was SEEN, so a presentation scanner re-reading a
		// barcode left under it keeps being ignored instead of firing every window.
		if (last && last.code === code && now - last.seenAt < this.#duplicateWindowMs) {
			last.seenAt = now;
			return;
		}
		this.#lastCode = { code, seenAt: now };
		const validation = validateBarcode(code, this.#validation);
		if (!validation.valid) {
			this.emit('invalid', code, validation.reason);
			return;
		}
		this.emit('scan', { code: validation.code, symbology, validation, source: this.kind, device: connection.description });
	}

	#emitError(error: Error): void {
		// An 'error' emit without a listener throws; a garbage report must not take the kiosk down.
		if (this.listenerCount('error') > 0) this.emit('error', error);
	}

	#setState(state: ScannerState, reason: string): void {
		if (state === this.#state && reason === this.#reason) return;
		this.#state = state;
		this.#reason = reason;
		this.emit('state', state, reason);
	}
}

/** The device to open, or why there is none. */
export function pickHidDevice(devices: readonly HidDeviceInfo[], match: HidDeviceMatch): HidDeviceInfo | string {
	if ('path' in match) return devices.find((device) => device.path === match.path) ?? `no HID device at ${match.path}`;
	const ids = `${hex4(match.vendorId)}:${hex4(match.productId)}`;
	const candidates = devices.filter((device) => device.vendorId === match.vendorId && device.productId === match.productId);
	if (candidates.length === 0) return `no HID scanner ${ids} connected`;
	// A scanner exposes several interfaces (keyboard, HID POS, vendor); only the POS one carries scan reports.
	const pos = candidates.find((device) => device.usagePage === HID_POS_USAGE_PAGE);
	if (pos) return pos;
	if (candidates.some((device) => device.usagePage !== undefined)) {
		return `HID scanner ${ids} has no HID POS interface (usage page 0x8C): set the scanner to HID POS mode`;
	}
	// Backends that report no usage pages (libusb) cannot tell the interfaces apart.
	return candidates[0] ?? `no HID scanner ${ids} connected`;
}

function hex4(id: number): string {
	return id.toString(16).padStart(4, '0');
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
