import { symbologyFromAim, type Symbology } from './aim-symbology';

/**
 * USB HID POS barcode scanners (usage page 0x8C, usage 0x02) deliver each scan in input report
 * 0x02. Offsets below are in the report WITHOUT its id (as WebHID's DataView shows it); node-hid
 * puts the report id in byte 0, so its offsets are one higher (`withReportId`, the default).
 *
 *   [0] byte count  [1..3] AIM identifier `]xy`  [4..59] data  [60] Honeywell code id  [62] non-zero: more reports follow
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_USAGE_BARCODE_SCANNER = 0x02;
export const HID_POS_SCAN_REPORT_ID = 0x02;
/** Report length without the report id. */
export const HID_POS_REPORT_BYTES = 63;

const COUNT_OFFSET = 0;
const AIM_OFFSET = 1;
const AIM_BYTES = 3;
const DATA_OFFSET = 4;
const CODE_ID_OFFSET = 60;
const MORE_OFFSET = 62;
/** Data bytes one report can carry. */
export const HID_POS_DATA_CAPACITY = CODE_ID_OFFSET - DATA_OFFSET;

export const SCANNER_VENDOR_IDS = {
	honeywell: 0x0c2e,
	zebra: 0x05e0,
	datalogic: 0x05f9,
	youjie: 0x23d0
} as const;

/** Honeywell's own code ids, found at offset 60 on Honeywell scanners (other vendors may leave it 0). */
export const HONEYWELL_CODE_IDS: Readonly<Record<number, string>> = {
	0x61: 'Codabar',
	0x6a: 'Code 128',
	0x64: 'EAN-13',
	0x44: 'EAN-8',
	0x62: 'Code 39',
	0x65: 'Interleaved 2 of 5'
};

export type HidPosReportErrorKind =
	| 'empty-report'
	/** Another input report of the scanner (status, attributes): not an error of the scan stream. */
	| 'not-a-scan-report'
	| 'truncated'
	| 'bad-length'
	| 'too-long'
	| 'empty-scan';

export class HidPosReportError extends Error {
	constructor(
		readonly kind: HidPosReportErrorKind,
		message: string
	) {
		super(message);
		this.name = 'HidPosReportError';
	}
}

export interface HidPosReport {
	symbology: Symbology | null;
	/** Data bytes of this report, trailing NUL padding removed. */
	data: Buffer;
	codeId: number | null;
	more: boolean;
}

export interface HidPosReportLayout {
	/** true for node-hid (byte 0 is the report id), false for WebHID-style reports. Default true. */
	withReportId?: boolean;
}

/** Decodes one input report. Throws HidPosReportError, and nothing else, for anything that is not a scan report. */
export function decodeHidPosReport(report: Uint8Array, layout: HidPosReportLayout = {}): HidPosReport {
	if (report.length === 0) throw new HidPosReportError('empty-report', 'empty HID report');
	const withReportId = layout.withReportId ?? true;
	if (withReportId && report[0] !== HID_POS_SCAN_REPORT_ID) {
		throw new HidPosReportError('not-a-scan-report', `report id 0x${hex(report[0] ?? 0)} is not the scanned-data report`);
	}
	const body = Buffer.from(report.buffer, report.byteOffset + (withReportId ? 1 : 0), report.length - (withReportId ? 1 : 0));
	if (body.length < DATA_OFFSET) throw new HidPosReportError('truncated', `HID POS report of ${body.length} bytes has no room for its header`);
	const count = byteAt(body, COUNT_OFFSET);
	// Firmware differs on whether the count includes the three AIM bytes, so up to 3 more than the
	// data area is legal; reading past the real data then only picks up NUL padding, trimmed below.
	if (count > HID_POS_DATA_CAPACITY + AIM_BYTES) throw new HidPosReportError('bad-length', `byte count ${count} exceeds a HID POS report`);
	const available = Math.min(body.length, CODE_ID_OFFSET) - DATA_OFFSET;
	if (count > available + AIM_BYTES) throw new HidPosReportError('truncated', `byte count ${count} but only ${available} data bytes in the report`);
	let end = DATA_OFFSET + Math.min(count, available);
	while (end > DATA_OFFSET && body[end - 1] === 0) end--;
	const codeId = byteAt(body, CODE_ID_OFFSET);
	return {
		symbology: symbologyFromAim(body.toString('latin1', AIM_OFFSET, AIM_OFFSET + AIM_BYTES)),
		data: Buffer.from(body.subarray(DATA_OFFSET, end)),
		codeId: codeId === 0 ? null : codeId,
		more: byteAt(body, MORE_OFFSET) !== 0
	};
}

export interface HidPosScan {
	/** Bytes mapped one to one (latin1), so no scan is lost to a decoding error; library barcodes are ASCII. */
	code: string;
	symbology: Symbology | null;
	codeId: number | null;
}

/** Far above any library barcode or 2D code a kiosk reads; guards memory against a stuck continuation flag. */
export const DEFAULT_MAX_HID_SCAN_BYTES = 4096;

/** Joins the reports of one scan (continuation flag set on all but the last) into one scan. */
export class HidPosAssembler {
	#parts: Buffer[] = [];
	#length = 0;
	#first: HidPosReport | null = null;
	readonly #maxScanBytes: number;
	readonly #layout: HidPosReportLayout;

	constructor(options: HidPosReportLayout & { maxScanBytes?: number } = {}) {
		this.#maxScanBytes = options.maxScanBytes ?? DEFAULT_MAX_HID_SCAN_BYTES;
		this.#layout = { withReportId: options.withReportId ?? true };
	}

	/** A scan once its last report arrives, else null. Throws HidPosReportError for a report that is not part of a scan. */
	push(report: Uint8Array): HidPosScan | null {
		let decoded: HidPosReport;
		try {
			decoded = decodeHidPosReport(report, this.#layout);
		} catch (error) {
			// Other reports may interleave with a scan's reports; a corrupt one means the scan is corrupt.
			if (!(error instanceof HidPosReportError && error.kind === 'not-a-scan-report')) this.reset();
			throw error;
		}
		this.#first ??= decoded;
		this.#parts.push(decoded.data);
		this.#length += decoded.data.length;
		if (this.#length > this.#maxScanBytes) {
			this.reset();
			throw new HidPosReportError('too-long', `scan longer than ${this.#maxScanBytes} bytes`);
		}
		if (decoded.more) return null;
		const first = this.#first;
		let bytes = Buffer.concat(this.#parts);
		this.reset();
		// Scanners configured with a CR/LF suffix keep sending it in HID POS mode.
		let end = bytes.length;
		while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a || bytes[end - 1] === 0)) end--;
		bytes = bytes.subarray(0, end);
		if (bytes.length === 0) throw new HidPosReportError('empty-scan', 'HID POS scan without data');
		return { code: bytes.toString('latin1'), symbology: first.symbology, codeId: first.codeId };
	}

	/** Drops a half-received scan (after an unplug, so its tail cannot join the next device's first scan). */
	reset(): void {
		this.#parts = [];
		this.#length = 0;
		this.#first = null;
	}
}

export interface HidPosEncodeOptions extends HidPosReportLayout {
	/** Three characters `]xy`, or null for NUL bytes (no identifier). Default null. */
	aim?: string | null;
	codeId?: number | null;
	/** Emulates firmware that counts the AIM bytes in the byte count. */
	countIncludesAim?: boolean;
}

/** The input reports a HID POS scanner sends for one scan (what the simulator pushes). */
export function encodeHidPosReports(code: string | Uint8Array, options: HidPosEncodeOptions = {}): Buffer[] {
	const data = typeof code === 'string' ? Buffer.from(code, 'latin1') : Buffer.from(code);
	const aim = options.aim ?? null;
	if (aim !== null && (aim.length !== AIM_BYTES || Buffer.byteLength(aim, 'latin1') !== AIM_BYTES)) {
		throw new RangeError(`an AIM identifier has 3 characters, got "${aim}"`);
	}
	const withReportId = options.withReportId ?? true;
	const reports: Buffer[] = [];
	for (let start = 0; start === 0 || start < data.length; start += HID_POS_DATA_CAPACITY) {
		const chunk = data.subarray(start, start + HID_POS_DATA_CAPACITY);
		const report = Buffer.alloc(HID_POS_REPORT_BYTES + (withReportId ? 1 : 0));
		if (withReportId) report[0] = HID_POS_SCAN_REPORT_ID;
		const body = report.subarray(withReportId ? 1 : 0);
		body[COUNT_OFFSET] = chunk.length + (options.countIncludesAim && aim !== null ? AIM_BYTES : 0);
		if (aim !== null) body.write(aim, AIM_OFFSET, 'latin1');
		chunk.copy(body, DATA_OFFSET);
		body[CODE_ID_OFFSET] = options.codeId ?? 0;
		body[MORE_OFFSET] = start + HID_POS_DATA_CAPACITY < data.length ? 1 : 0;
		reports.push(report);
	}
	return reports;
}

/** The Honeywell code id for a symbology name, for simulators that want to look like a Honeywell scanner. */
export function honeywellCodeIdFor(symbology: Symbology | null): number | null {
	if (!symbology) return null;
	for (const [id, name] of Object.entries(HONEYWELL_CODE_IDS)) if (name === symbology.name) return Number(id);
	return null;
}

/**
 * Honeywell and Youjie scanners enumerate with a HID POS interface but only send scans there after
 * feature report 254 = 01; the bytes to send (report id first, as node-hid wants), or null.
 */
export function hidPosModeFeatureReport(vendorId: number): Uint8Array | null {
	return vendorId === SCANNER_VENDOR_IDS.honeywell || vendorId === SCANNER_VENDOR_IDS.youjie ? Uint8Array.of(0xfe, 0x01) : null;
}

function byteAt(bytes: Uint8Array, offset: number): number {
	return bytes[offset] ?? 0;
}

function hex(byte: number): string {
	return byte.toString(16).padStart(2, '0');
}
