/**
 * The protocol-independent face of an HF RFID reader that the rest of the kiosk uses. FEIG and
 * 3M/Bibliotheca readers implement it over a ByteLink; tag data models sit above it and never see
 * reader framing. Every implementation runs one command at a time with a timeout per command.
 */
import type { Uid } from './iso15693';

export type { Uid } from './iso15693';

export type RfidProtocol = 'feig' | '3m';

export interface TagInfo {
	/** 16 hex digits, MSB first (`E004…`). */
	uid: Uid;
	/** Absent when the reader's inventory does not report it (3M with the usual options); see readSystemInfo. */
	dsfid?: number;
	/** Only when the reader reports it in the inventory. */
	afi?: number;
	/** Only when the reader reports it in the inventory. */
	eas?: boolean;
}

export interface SystemInfo {
	uid: Uid;
	afi: number;
	dsfid: number;
	blockCount: number;
	blockSize: number;
	icReference?: number;
}

export interface ReaderIdentity {
	protocol: RfidProtocol;
	/** Firmware / version bytes as the reader reports them, hex, for logs and the technician page. */
	firmware: string;
}

export interface RfidReader {
	readonly protocol: RfidProtocol;
	/** The link's description, for logs. */
	readonly description: string;
	readonly isOpen: boolean;
	/** Asks the reader who it is; the cheapest proof that a reader (not just a cable) is there. */
	identify(): Promise<ReaderIdentity>;
	/** Tags in the field. No tags is an empty list, not an error. */
	inventory(): Promise<TagInfo[]>;
	readSystemInfo(uid: Uid): Promise<SystemInfo>;
	/** `count` blocks from `first`, concatenated in tag memory order (count × block size bytes). */
	readBlocks(uid: Uid, first: number, count: number): Promise<Uint8Array>;
	/** Whole blocks of `blockSize` bytes from `first`, in tag memory order. */
	writeBlocks(uid: Uid, first: number, data: Uint8Array, blockSize: number): Promise<void>;
	readAfi(uid: Uid): Promise<number>;
	/** Sends the write once; callers read back (readAfi), because readers and tags report success they did not achieve. */
	writeAfi(uid: Uid, afi: number): Promise<void>;
	/** NXP EAS bit. */
	readEas(uid: Uid): Promise<boolean>;
	setEas(uid: Uid, on: boolean): Promise<void>;
	close(): Promise<void>;
}

/**
 * - `no-tag`: the reader saw no tag with that UID (it left the pad).
 * - `no-response`: the tag did not answer properly (moved away mid-command, RF trouble).
 * - `reader-error`: the reader reported an error status (`readerStatus`, and `isoError` from the tag).
 * - `link-lost`: the cable or connection is gone.
 * - `timeout`: the reader did not answer in time.
 * - `bad-reply`: the reader answered something this driver cannot read.
 */
export type RfidErrorKind = 'no-tag' | 'no-response' | 'reader-error' | 'link-lost' | 'timeout' | 'bad-reply';

export class RfidError extends Error {
	readonly kind: RfidErrorKind;
	readonly readerStatus: number | undefined;
	readonly isoError: number | undefined;

	constructor(kind: RfidErrorKind, message: string, details: { readerStatus?: number; isoError?: number; cause?: unknown } = {}) {
		super(message, details.cause === undefined ? undefined : { cause: details.cause });
		this.name = 'RfidError';
		this.kind = kind;
		this.readerStatus = details.readerStatus;
		this.isoError = details.isoError;
	}
}

export function isRfidError(error: unknown, ...kinds: RfidErrorKind[]): error is RfidError {
	return error instanceof RfidError && (kinds.length === 0 || kinds.includes(error.kind));
}

export interface RfidReaderOptions {
	/** Per command; a reader that stays silent this long is reported with a `timeout` error. */
	commandTimeoutMs?: number;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;

/** Serial settings per protocol, for `serialLinkOpener`. */
export const rfidSerialSettings = {
	feig: { baudRate: 38_400, dataBits: 8, parity: 'even', stopBits: 1 },
	'3m': { baudRate: 19_200, dataBits: 8, parity: 'none', stopBits: 1 }
} as const satisfies Record<RfidProtocol, { baudRate: number; dataBits: 8; parity: 'none' | 'even'; stopBits: 1 }>;
