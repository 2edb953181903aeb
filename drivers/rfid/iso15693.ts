/**
 * ISO 15693 facts shared by every reader family: UIDs, command and error codes, and the system
 * information layout. Pure; no IO.
 */

/** 8-byte tag UID as 16 upper-case hex digits, MSB first (`E004…`), the way FEIG and 3M readers report it. */
export type Uid = string;

export const UID_LENGTH = 8;

/** Commands kiosk code may send. Lock commands (22, 28, 2A, NXP A4) are irreversible and deliberately absent. */
export const IsoCommand = {
	inventory: 0x01,
	stayQuiet: 0x02,
	readSingleBlock: 0x20,
	writeSingleBlock: 0x21,
	readMultipleBlocks: 0x23,
	writeMultipleBlocks: 0x24,
	select: 0x25,
	resetToReady: 0x26,
	writeAfi: 0x27,
	writeDsfid: 0x29,
	getSystemInformation: 0x2b,
	getMultipleBlockSecurityStatus: 0x2c
} as const;

/** NXP ICODE custom commands; the manufacturer code follows the command byte on the air. */
export const NXP_MANUFACTURER_CODE = 0x04;
export const NxpCommand = {
	setEas: 0xa2,
	resetEas: 0xa3,
	/** The tag answers with its EAS sequence only while EAS is set; silence means EAS is off. */
	easAlarm: 0xa5
} as const;

export const IsoErrorCode = {
	notSupported: 0x01,
	notRecognised: 0x02,
	optionNotSupported: 0x03,
	unknown: 0x0f,
	blockNotAvailable: 0x10,
	alreadyLocked: 0x11,
	locked: 0x12,
	programmingFailed: 0x13,
	lockFailed: 0x14
} as const;

const isoErrorNames: Record<number, string> = {
	0x01: 'command not supported',
	0x02: 'command not recognised',
	0x03: 'option not supported',
	0x0f: 'unknown error',
	0x10: 'block not available',
	0x11: 'block already locked',
	0x12: 'block locked, cannot change',
	0x13: 'programming failed',
	0x14: 'lock failed'
};

export function isoErrorName(code: number): string {
	return isoErrorNames[code] ?? `ISO error 0x${hexByte(code)}`;
}

export function hexByte(value: number): string {
	return value.toString(16).toUpperCase().padStart(2, '0');
}

export function bytesToHex(bytes: Uint8Array, separator = ''): string {
	return Array.from(bytes, hexByte).join(separator);
}

/** Accepts spaces between bytes, as the reference sheet writes frames. */
export function hexToBytes(hex: string): Uint8Array {
	const digits = hex.replace(/\s+/g, '');
	if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) throw new TypeError(`not a hex byte string: ${hex}`);
	const bytes = new Uint8Array(digits.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
	return bytes;
}

/** Validates and upper-cases a UID so map keys and comparisons never differ by case. */
export function normalizeUid(uid: string): Uid {
	if (!/^[0-9a-fA-F]{16}$/.test(uid)) throw new TypeError(`a tag UID is 16 hex digits, got "${uid}"`);
	return uid.toUpperCase();
}

/** MSB-first bytes, as readers put UIDs in their frames. */
export function uidToBytes(uid: Uid): Uint8Array {
	return hexToBytes(normalizeUid(uid));
}

export function uidFromBytes(bytes: Uint8Array, offset = 0): Uid {
	if (bytes.length < offset + UID_LENGTH) throw new RangeError('too few bytes for a UID');
	return bytesToHex(bytes.subarray(offset, offset + UID_LENGTH));
}

/** Info flags of Get System Information: which optional fields follow the UID. */
export const SystemInfoFlag = { dsfid: 0x01, afi: 0x02, memorySize: 0x04, icReference: 0x08 } as const;

export interface IsoSystemInfo {
	infoFlags: number;
	uid: Uid;
	dsfid?: number;
	afi?: number;
	blockCount?: number;
	blockSize?: number;
	icReference?: number;
}

/**
 * How the UID sits inside a system-information payload: `lsb-first` on the air and in raw ISO
 * frames, `msb-first` inside reader protocols that re-order it for the host.
 */
export type UidOrder = 'lsb-first' | 'msb-first';

/**
 * Decodes the payload after the ISO response flags: info flags, UID, then each field its flag
 * announces, in ISO order (memory size = blocks−1, then block size−1 in the low 5 bits).
 */
export function decodeIsoSystemInfo(payload: Uint8Array, uidOrder: UidOrder): IsoSystemInfo {
	const need = (count: number): void => {
		if (payload.length < offset + count) throw new RangeError('system information payload is truncated');
	};
	let offset = 0;
	need(1 + UID_LENGTH);
	const infoFlags = payload[offset++] ?? 0;
	const uidBytes = payload.slice(offset, offset + UID_LENGTH);
	if (uidOrder === 'lsb-first') uidBytes.reverse();
	offset += UID_LENGTH;
	const info: IsoSystemInfo = { infoFlags, uid: bytesToHex(uidBytes) };
	if (infoFlags & SystemInfoFlag.dsfid) {
		need(1);
		info.dsfid = payload[offset++];
	}
	if (infoFlags & SystemInfoFlag.afi) {
		need(1);
		info.afi = payload[offset++];
	}
	if (infoFlags & SystemInfoFlag.memorySize) {
		need(2);
		info.blockCount = (payload[offset++] ?? 0) + 1;
		info.blockSize = ((payload[offset++] ?? 0) & 0x1f) + 1;
	}
	if (infoFlags & SystemInfoFlag.icReference) {
		need(1);
		info.icReference = payload[offset++];
	}
	return info;
}

/** The inverse of decodeIsoSystemInfo; the flags are derived from which fields are present. */
export function encodeIsoSystemInfo(info: Omit<IsoSystemInfo, 'infoFlags'>, uidOrder: UidOrder): Uint8Array {
	const uidBytes = uidToBytes(info.uid);
	if (uidOrder === 'lsb-first') uidBytes.reverse();
	let infoFlags = 0;
	const fields: number[] = [];
	if (info.dsfid !== undefined) {
		infoFlags |= SystemInfoFlag.dsfid;
		fields.push(info.dsfid);
	}
	if (info.afi !== undefined) {
		infoFlags |= SystemInfoFlag.afi;
		fields.push(info.afi);
	}
	if (info.blockCount !== undefined && info.blockSize !== undefined) {
		infoFlags |= SystemInfoFlag.memorySize;
		fields.push(info.blockCount - 1, (info.blockSize - 1) & 0x1f);
	}
	if (info.icReference !== undefined) {
		infoFlags |= SystemInfoFlag.icReference;
		fields.push(info.icReference);
	}
	return Uint8Array.from([infoFlags, ...uidBytes, ...fields]);
}
