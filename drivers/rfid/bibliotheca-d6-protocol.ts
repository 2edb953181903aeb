/**
 * 3M / Bibliotheca "RFID Reader Protocol" (810 and 210 readers), D6 frames. Pure: frame
 * encode/decode, CRC, splitter, and command codecs in both directions.
 *
 * Frame: D6 | LEN(2, BE: bytes after LEN incl. CRC) | CMD | [STATUS in replies] | fields | CRC(2, BE)
 * The CRC (CRC-16/GENIBUS) covers everything after the start byte. The version probe uses the same
 * layout with start byte D5.
 *
 * Layouts confirmed by open code: inventory (FE), read blocks (02), write blocks (04), write AFI (09),
 * get AFI (0A) and the D5 version probe. The EAS (03, 0C) and tag-info (0D) field layouts are not
 * published; ours are marked as assumptions where they are defined.
 */
import { crc16Genibus, crc16GenibusResidue } from './crc16';
import { FrameDecodeError, FrameSplitter, type FrameFormat } from './frame-splitter';
import { decodeIsoSystemInfo, encodeIsoSystemInfo, hexByte, uidFromBytes, uidToBytes, UID_LENGTH, type IsoSystemInfo, type Uid } from './iso15693';

export const D6_START = 0xd6;
/** Start byte of the version probe and its reply. */
export const D5_START = 0xd5;
/** GENIBUS without its final XOR over data + CRC always ends here. */
export const D6_CRC_RESIDUE = 0x1d0f;
export const D6_MAX_FRAME_LENGTH = 4096;
/** CMD + CRC: the smallest LEN a frame can have. */
const MIN_LENGTH_FIELD = 3;

export const D6Command = {
	quiet: 0x01,
	readBlocks: 0x02,
	checkEas: 0x03,
	writeBlocks: 0x04,
	writeBlock: 0x05,
	writeAfi: 0x09,
	getAfi: 0x0a,
	writeDsfid: 0x0b,
	easControl: 0x0c,
	tagInfo: 0x0d,
	getDsfid: 0x0f,
	version: 0x11,
	passThrough: 0x14,
	inventory: 0xfe
	// 06 lock AFI, 07 write+lock, 08 lock block, 0E lock DSFID: irreversible, never sent by a kiosk.
} as const;

/** Open code sees only 00 (done) and 06 (the tag did not answer or the write failed). */
export const D6Status = { ok: 0x00, failed: 0x06 } as const;

export function describeD6Status(status: number): string {
	return status === D6Status.ok ? 'ok (0x00)' : status === D6Status.failed ? 'failed (0x06)' : `status (0x${hexByte(status)})`;
}

/** Tag memory blocks as 3M readers carry them; the protocol has no block-size field. */
export const D6_BLOCK_SIZE = 4;

export interface D6Frame {
	start: number;
	command: number;
	/** Everything between CMD and CRC; in replies it begins with the status byte. */
	body: Uint8Array;
}

export function encodeD6Frame(frame: { start?: number; command: number; body?: Uint8Array | readonly number[] }): Uint8Array {
	const body = frame.body ?? [];
	const lengthField = 1 + body.length + 2;
	const total = 3 + lengthField;
	if (total > D6_MAX_FRAME_LENGTH) throw new RangeError(`D6 frame of ${total} bytes exceeds ${D6_MAX_FRAME_LENGTH}`);
	const bytes = new Uint8Array(total);
	bytes.set([frame.start ?? D6_START, lengthField >> 8, lengthField & 0xff, frame.command]);
	bytes.set(body, 4);
	const crc = crc16Genibus(bytes.subarray(1, total - 2));
	bytes[total - 2] = crc >> 8;
	bytes[total - 1] = crc & 0xff;
	return bytes;
}

export function decodeD6Frame(bytes: Uint8Array): D6Frame {
	if (bytes.length < 3 + MIN_LENGTH_FIELD) throw new FrameDecodeError(`D6 frame too short (${bytes.length} bytes)`);
	const start = bytes[0] ?? 0;
	if (start !== D6_START && start !== D5_START) throw new FrameDecodeError('D6 frame does not start with D6 or D5');
	const declared = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
	if (declared !== bytes.length - 3) throw new FrameDecodeError(`D6 LEN says ${declared} bytes after it, frame has ${bytes.length - 3}`);
	if (crc16GenibusResidue(bytes.subarray(1)) !== D6_CRC_RESIDUE) throw new FrameDecodeError('D6 frame CRC mismatch');
	return { start, command: bytes[3] ?? 0, body: bytes.slice(4, bytes.length - 2) };
}

export const d6FrameFormat: FrameFormat = {
	startBytes: [D6_START, D5_START],
	headerLength: 3,
	frameLength(header) {
		const lengthField = ((header[1] ?? 0) << 8) | (header[2] ?? 0);
		const total = 3 + lengthField;
		return lengthField >= MIN_LENGTH_FIELD && total <= D6_MAX_FRAME_LENGTH ? total : null;
	},
	isIntact: (frame) => crc16GenibusResidue(frame.subarray(1)) === D6_CRC_RESIDUE
};

export function createD6FrameSplitter(): FrameSplitter {
	return new FrameSplitter(d6FrameFormat);
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Inventory options as open code sends them; the reply then lists bare UIDs. */
export const D6_INVENTORY_OPTIONS = 0x05;
/** EAS control action byte (assumed layout: UID then action). */
export const D6EasAction = { reset: 0x00, set: 0x01 } as const;

export type D6Request =
	| { kind: 'version' }
	| { kind: 'inventory'; afi: number; options: number }
	| { kind: 'read-blocks'; uid: Uid; firstBlock: number; blockCount: number }
	| { kind: 'write-blocks'; uid: Uid; firstBlock: number; data: Uint8Array }
	| { kind: 'get-afi'; uid: Uid }
	| { kind: 'write-afi'; uid: Uid; afi: number }
	| { kind: 'check-eas'; uid: Uid }
	| { kind: 'eas-control'; uid: Uid; on: boolean }
	| { kind: 'tag-info'; uid: Uid };

/** The probe open code sends first: `D5 00 05 04 00 11`, answered with the reader's version. */
const VERSION_PROBE_COMMAND = 0x04;
const VERSION_PROBE_BODY = [0x00, D6Command.version] as const;

function byte(name: string, value: number): number {
	if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} must be a byte, got ${value}`);
	return value;
}

export function encodeD6Request(request: D6Request): Uint8Array {
	const addressed = (command: number, uid: Uid, fields: readonly number[] = [], tail: Uint8Array = new Uint8Array(0)): Uint8Array =>
		encodeD6Frame({ command, body: Uint8Array.from([...uidToBytes(uid), ...fields, ...tail]) });
	switch (request.kind) {
		case 'version':
			return encodeD6Frame({ start: D5_START, command: VERSION_PROBE_COMMAND, body: VERSION_PROBE_BODY });
		case 'inventory':
			return encodeD6Frame({ command: D6Command.inventory, body: [byte('AFI', request.afi), byte('options', request.options)] });
		case 'read-blocks':
			return addressed(D6Command.readBlocks, request.uid, [byte('first block', request.firstBlock), byte('block count', request.blockCount)]);
		case 'write-blocks': {
			const count = request.data.length / D6_BLOCK_SIZE;
			if (!Number.isInteger(count) || count < 1) throw new RangeError(`D6 writes whole ${D6_BLOCK_SIZE}-byte blocks`);
			// The flags byte after the count is always 00 in open code.
			return addressed(D6Command.writeBlocks, request.uid, [byte('first block', request.firstBlock), byte('block count', count), 0x00], request.data);
		}
		case 'get-afi':
			return addressed(D6Command.getAfi, request.uid);
		case 'write-afi':
			return addressed(D6Command.writeAfi, request.uid, [byte('AFI', request.afi)]);
		case 'check-eas':
			return addressed(D6Command.checkEas, request.uid);
		case 'eas-control':
			return addressed(D6Command.easControl, request.uid, [request.on ? D6EasAction.set : D6EasAction.reset]);
		case 'tag-info':
			return addressed(D6Command.tagInfo, request.uid);
	}
}

export function parseD6Request(frame: D6Frame): D6Request | null {
	const { body } = frame;
	if (frame.start === D5_START) {
		return frame.command === VERSION_PROBE_COMMAND && body.length === 2 && body[1] === D6Command.version ? { kind: 'version' } : null;
	}
	if (frame.command === D6Command.inventory) return body.length === 2 ? { kind: 'inventory', afi: body[0] ?? 0, options: body[1] ?? 0 } : null;
	if (body.length < UID_LENGTH) return null;
	const uid = uidFromBytes(body);
	const fields = body.subarray(UID_LENGTH);
	switch (frame.command) {
		case D6Command.readBlocks:
			return fields.length >= 2 ? { kind: 'read-blocks', uid, firstBlock: fields[0] ?? 0, blockCount: fields[1] ?? 0 } : null;
		case D6Command.writeBlocks: {
			const count = fields[1] ?? 0;
			return fields.length === 3 + count * D6_BLOCK_SIZE && count > 0 ? { kind: 'write-blocks', uid, firstBlock: fields[0] ?? 0, data: fields.slice(3) } : null;
		}
		case D6Command.getAfi:
			return { kind: 'get-afi', uid };
		case D6Command.writeAfi:
			return fields.length === 1 ? { kind: 'write-afi', uid, afi: fields[0] ?? 0 } : null;
		case D6Command.checkEas:
			return { kind: 'check-eas', uid };
		case D6Command.easControl:
			return fields.length === 1 ? { kind: 'eas-control', uid, on: fields[0] === D6EasAction.set } : null;
		case D6Command.tagInfo:
			return { kind: 'tag-info', uid };
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Replies

export function d6ReplyStatus(frame: D6Frame): number {
	if (frame.body.length < 1) throw new FrameDecodeError(`D6 reply to 0x${hexByte(frame.command)} has no status byte`);
	return frame.body[0] ?? 0;
}

/** Replies to addressed commands: STATUS UID fields. Error replies may stop after the status. */
export interface D6AddressedReply {
	status: number;
	uid?: Uid;
	fields: Uint8Array;
}

export function encodeD6AddressedReply(command: number, status: number, uid: Uid, fields: Uint8Array | readonly number[] = []): Uint8Array {
	return encodeD6Frame({ command, body: Uint8Array.from([status, ...uidToBytes(uid), ...fields]) });
}

export function decodeD6AddressedReply(frame: D6Frame): D6AddressedReply {
	const status = d6ReplyStatus(frame);
	if (frame.body.length < 1 + UID_LENGTH) return { status, fields: new Uint8Array(0) };
	return { status, uid: uidFromBytes(frame.body, 1), fields: frame.body.slice(1 + UID_LENGTH) };
}

export interface D6VersionReply {
	status: number;
	/** Four bytes; the first is the vendor (0A = 3M). */
	version: Uint8Array;
	vendor: number;
}

export function encodeD6VersionReply(version: Uint8Array | readonly number[]): Uint8Array {
	return encodeD6Frame({ start: D5_START, command: VERSION_PROBE_COMMAND, body: [D6Status.ok, D6Command.version, ...version] });
}

export function decodeD6VersionReply(frame: D6Frame): D6VersionReply {
	if (frame.start !== D5_START || frame.command !== VERSION_PROBE_COMMAND || frame.body[1] !== D6Command.version) {
		throw new FrameDecodeError('not a D5 version reply');
	}
	const version = frame.body.slice(2);
	return { status: d6ReplyStatus(frame), version, vendor: version[0] ?? 0 };
}

export interface D6InventoryRecord {
	uid: Uid;
	/** Only when the options asked the reader for it. */
	dsfid?: number;
}

export interface D6InventoryReply {
	status: number;
	afi: number;
	options: number;
	records: D6InventoryRecord[];
}

/** STATUS AFI OPTIONS COUNT {[DSFID] UID[8]}; records carry a DSFID when every one of them does. */
export function encodeD6InventoryReply(reply: D6InventoryReply): Uint8Array {
	const withDsfid = reply.records.length > 0 && reply.records.every((record) => record.dsfid !== undefined);
	const records = reply.records.flatMap((record) => [...(withDsfid ? [record.dsfid ?? 0] : []), ...uidToBytes(record.uid)]);
	return encodeD6Frame({ command: D6Command.inventory, body: [reply.status, reply.afi, reply.options, byte('tag count', reply.records.length), ...records] });
}

/**
 * Which option bit asks for DSFIDs is not published, so the record length is read off the reply:
 * COUNT × 8 bytes are bare UIDs, COUNT × 9 carry a DSFID first.
 */
export function decodeD6InventoryReply(frame: D6Frame): D6InventoryReply {
	const status = d6ReplyStatus(frame);
	const { body } = frame;
	if (status !== D6Status.ok || body.length < 4) return { status, afi: body[1] ?? 0, options: body[2] ?? 0, records: [] };
	const count = body[3] ?? 0;
	const rest = body.subarray(4);
	let recordLength: number;
	if (rest.length === count * UID_LENGTH) recordLength = UID_LENGTH;
	else if (rest.length === count * (UID_LENGTH + 1)) recordLength = UID_LENGTH + 1;
	else throw new FrameDecodeError(`D6 inventory announces ${count} tags in ${rest.length} bytes`);
	const records: D6InventoryRecord[] = [];
	for (let i = 0; i < count; i++) {
		const at = i * recordLength;
		records.push(recordLength === UID_LENGTH ? { uid: uidFromBytes(rest, at) } : { dsfid: rest[at] ?? 0, uid: uidFromBytes(rest, at + 1) });
	}
	return { status, afi: body[1] ?? 0, options: body[2] ?? 0, records };
}

/**
 * Read reply fields after STATUS UID: COUNT {BLOCK-NR(2, LE as open code reads it) DATA[4]}.
 * Data comes in tag memory order, as on the air.
 */
export function encodeD6ReadBlocksReply(uid: Uid, firstBlock: number, data: Uint8Array): Uint8Array {
	const count = data.length / D6_BLOCK_SIZE;
	const fields = [byte('block count', count)];
	for (let i = 0; i < count; i++) {
		const block = firstBlock + i;
		fields.push(block & 0xff, block >> 8, ...data.subarray(i * D6_BLOCK_SIZE, (i + 1) * D6_BLOCK_SIZE));
	}
	return encodeD6AddressedReply(D6Command.readBlocks, D6Status.ok, uid, fields);
}

export interface D6BlockData {
	firstBlock: number;
	data: Uint8Array;
}

export function decodeD6ReadBlocksFields(fields: Uint8Array): D6BlockData {
	const count = fields[0] ?? 0;
	const recordLength = 2 + D6_BLOCK_SIZE;
	if (fields.length !== 1 + count * recordLength) throw new FrameDecodeError(`D6 read reply of ${fields.length} bytes does not hold ${count} blocks`);
	const data = new Uint8Array(count * D6_BLOCK_SIZE);
	let firstBlock = 0;
	for (let i = 0; i < count; i++) {
		const at = 1 + i * recordLength;
		const number = (fields[at] ?? 0) | ((fields[at + 1] ?? 0) << 8);
		if (i === 0) firstBlock = number;
		else if (number !== firstBlock + i) throw new FrameDecodeError(`D6 read reply has block ${number} where ${firstBlock + i} belongs`);
		data.set(fields.subarray(at + 2, at + recordLength), i * D6_BLOCK_SIZE);
	}
	return { firstBlock, data };
}

/**
 * Tag-info reply (assumed layout): STATUS, then the ISO system-information payload with the UID
 * MSB first like everywhere else in this protocol: INFO-FLAGS UID [DSFID] [AFI] [MEM-SIZE] [IC-REF].
 */
export function encodeD6TagInfoReply(info: Omit<IsoSystemInfo, 'infoFlags'>): Uint8Array {
	return encodeD6Frame({ command: D6Command.tagInfo, body: [D6Status.ok, ...encodeIsoSystemInfo(info, 'msb-first')] });
}

export function decodeD6TagInfoReply(frame: D6Frame): IsoSystemInfo {
	try {
		return decodeIsoSystemInfo(frame.body.subarray(1), 'msb-first');
	} catch (error) {
		throw new FrameDecodeError(`D6 tag info: ${(error as Error).message}`);
	}
}
