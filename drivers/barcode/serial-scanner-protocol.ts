import { splitAimPrefix, type Symbology } from './aim-symbology';

/**
 * Serial and USB-CDC scanners send each scan as one line: an optional AIM identifier (when the
 * scanner is programmed to prefix it), the data, and a suffix, normally CR.
 */
export type SerialScanTerminator = 'CR' | 'CRLF' | 'LF';

const TERMINATOR_BYTES: Record<SerialScanTerminator, Buffer> = {
	CR: Buffer.from('\r'),
	CRLF: Buffer.from('\r\n'),
	LF: Buffer.from('\n')
};

export interface SerialScan {
	/** Bytes mapped one to one (latin1), so no scan is lost to a decoding error; library barcodes are ASCII. */
	code: string;
	symbology: Symbology | null;
}

export class SerialScanError extends Error {
	constructor(
		readonly kind: 'too-long',
		message: string
	) {
		super(message);
		this.name = 'SerialScanError';
	}
}

export type SerialScanFrame = { kind: 'scan'; scan: SerialScan } | { kind: 'too-long'; discardedBytes: number };

/** Far above any barcode a kiosk reads; guards memory against a scanner sending without its suffix. */
export const DEFAULT_MAX_SERIAL_SCAN_BYTES = 1024;

const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits a scanner's byte stream into scans. CR and LF both end a line and empty lines are
 * skipped, which accepts CR, CRLF and LF suffixes alike, also when a CRLF is split across chunks.
 */
export class SerialScanReader {
	#pending: Buffer = Buffer.alloc(0);
	/** Inside an over-long line: its tail must not come out as a scan of its own. */
	#discarding = false;
	readonly #maxScanBytes: number;

	constructor(options: { maxScanBytes?: number } = {}) {
		this.#maxScanBytes = options.maxScanBytes ?? DEFAULT_MAX_SERIAL_SCAN_BYTES;
	}

	/** Feeds bytes; returns the scans (and over-long lines) they complete, in order. */
	push(chunk: Uint8Array): SerialScanFrame[] {
		const frames: SerialScanFrame[] = [];
		const data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : Buffer.from(chunk);
		let start = 0;
		for (let i = 0; i < data.length; i++) {
			if (data[i] !== CR && data[i] !== LF) continue;
			if (this.#discarding) this.#discarding = false;
			else if (i - start > this.#maxScanBytes) frames.push({ kind: 'too-long', discardedBytes: i - start });
			else {
				const scan = parseSerialScanLine(data.subarray(start, i));
				if (scan) frames.push({ kind: 'scan', scan });
			}
			start = i + 1;
		}
		this.#pending = this.#discarding ? Buffer.alloc(0) : Buffer.from(data.subarray(start));
		if (this.#pending.length > this.#maxScanBytes) {
			frames.push({ kind: 'too-long', discardedBytes: this.#pending.length });
			this.#pending = Buffer.alloc(0);
			this.#discarding = true;
		}
		return frames;
	}

	/** Drops a half-received line (after the link was lost). */
	reset(): void {
		this.#pending = Buffer.alloc(0);
		this.#discarding = false;
	}
}

/** One line without its terminator → a scan, or null for a line with no data (blank, or NUL padding only). */
export function parseSerialScanLine(line: Uint8Array): SerialScan | null {
	let start = 0;
	let end = line.length;
	while (start < end && line[start] === 0) start++;
	while (end > start && line[end - 1] === 0) end--;
	if (start === end) return null;
	const { symbology, rest } = splitAimPrefix(Buffer.from(line.buffer, line.byteOffset + start, end - start).toString('latin1'));
	return rest.length === 0 ? null : { code: rest, symbology };
}

/** The bytes a serial scanner sends for one scan (what the simulator writes). */
export function encodeSerialScan(code: string, options: { aim?: string | null; terminator?: SerialScanTerminator } = {}): Buffer {
	if (/[\r\n]/.test(code)) throw new RangeError('a serial scan cannot contain CR or LF');
	return Buffer.concat([Buffer.from(`${options.aim ?? ''}${code}`, 'latin1'), TERMINATOR_BYTES[options.terminator ?? 'CR']]);
}
