/**
 * FEIG OBID ISC "advanced" frame protocol (ID ISC.MR101/102, LRM readers). Pure: frame
 * encode/decode, CRC, splitter, and codecs for the ISO host commands a library kiosk needs, in both
 * directions (the driver encodes requests and decodes replies; the simulator does the opposite).
 *
 * Request:  02 | ALEN(2, BE, whole frame) | COM-ADR | CMD | data | CRC lo | CRC hi
 * Response: 02 | ALEN | COM-ADR | CMD | STATUS | data | CRC lo | CRC hi
 */
import { crc16Mcrf4xx } from './crc16';
import { FrameDecodeError, FrameSplitter, type FrameFormat } from './frame-splitter';
import { hexByte, NXP_MANUFACTURER_CODE, NxpCommand, uidFromBytes, uidToBytes, UID_LENGTH, type Uid } from './iso15693';

export const FEIG_STX = 0x02;
/** Readers buffer a few kilobytes at most; a larger ALEN is line noise, not a frame. */
export const FEIG_MAX_FRAME_LENGTH = 4096;
const REQUEST_OVERHEAD = 7;
const RESPONSE_OVERHEAD = 8;

export const FeigAddress = { broadcast: 0xff, firstDevice: 0x00 } as const;

export const FeigCommand = {
	baudRateDetection: 0x52,
	softReset: 0x63,
	systemReset: 0x64,
	softwareVersion: 0x65,
	readerInfo: 0x66,
	rfReset: 0x69,
	readConfiguration: 0x80,
	writeConfiguration: 0x81,
	isoHostCommand: 0xb0,
	/** Manufacturer-specific ISO host commands (NXP EAS). */
	manufacturerCommand: 0xb1
} as const;

export const FeigStatus = {
	ok: 0x00,
	noTransponder: 0x01,
	crcError: 0x02,
	writeError: 0x03,
	addressError: 0x04,
	wrongTransponderType: 0x05,
	eepromFailure: 0x10,
	parameterRange: 0x11,
	unknownCommand: 0x80,
	lengthError: 0x81,
	commandNotAvailable: 0x82,
	rfCommunicationError: 0x83,
	rfWarning: 0x84,
	noValidData: 0x92,
	bufferOverflow: 0x93,
	moreData: 0x94,
	tagError: 0x95
} as const;

export type FeigStatusName = keyof typeof FeigStatus;

const statusNames = new Map<number, FeigStatusName>(Object.entries(FeigStatus).map(([name, code]) => [code, name as FeigStatusName]));

/** The typed name of a status byte, or undefined for codes this driver has no name for. */
export function feigStatusName(status: number): FeigStatusName | undefined {
	return statusNames.get(status);
}

export function describeFeigStatus(status: number): string {
	return `${feigStatusName(status) ?? 'status'} (0x${hexByte(status)})`;
}

/** Statuses that still carry a complete reply (the RF problem concerned other transponders). */
const STATUSES_WITH_DATA: readonly number[] = [FeigStatus.ok, FeigStatus.rfCommunicationError, FeigStatus.rfWarning, FeigStatus.moreData];

export interface FeigRequestFrame {
	address: number;
	command: number;
	data: Uint8Array;
}

export interface FeigResponseFrame extends FeigRequestFrame {
	status: number;
}

function encodeFrame(head: number[], data: Uint8Array): Uint8Array {
	const length = 3 + head.length + data.length + 2;
	if (length > FEIG_MAX_FRAME_LENGTH) throw new RangeError(`FEIG frame of ${length} bytes exceeds ${FEIG_MAX_FRAME_LENGTH}`);
	const frame = new Uint8Array(length);
	frame.set([FEIG_STX, length >> 8, length & 0xff, ...head]);
	frame.set(data, 3 + head.length);
	const crc = crc16Mcrf4xx(frame.subarray(0, length - 2));
	frame[length - 2] = crc & 0xff;
	frame[length - 1] = crc >> 8;
	return frame;
}

export function encodeFeigRequest(frame: FeigRequestFrame): Uint8Array {
	return encodeFrame([frame.address, frame.command], frame.data);
}

export function encodeFeigResponse(frame: FeigResponseFrame): Uint8Array {
	return encodeFrame([frame.address, frame.command, frame.status], frame.data);
}

/** Checks STX, ALEN and CRC; throws FrameDecodeError on any mismatch. */
function checkFrame(bytes: Uint8Array, minimum: number): void {
	if (bytes.length < minimum) throw new FrameDecodeError(`FEIG frame too short (${bytes.length} bytes)`);
	if (bytes[0] !== FEIG_STX) throw new FrameDecodeError('FEIG frame does not start with 02');
	const declared = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
	if (declared !== bytes.length) throw new FrameDecodeError(`FEIG ALEN says ${declared} bytes, frame has ${bytes.length}`);
	const crc = crc16Mcrf4xx(bytes.subarray(0, bytes.length - 2));
	if ((bytes[bytes.length - 2] ?? 0) !== (crc & 0xff) || (bytes[bytes.length - 1] ?? 0) !== crc >> 8) throw new FrameDecodeError('FEIG frame CRC mismatch');
}

export function decodeFeigRequest(bytes: Uint8Array): FeigRequestFrame {
	checkFrame(bytes, REQUEST_OVERHEAD);
	return { address: bytes[3] ?? 0, command: bytes[4] ?? 0, data: bytes.slice(5, bytes.length - 2) };
}

export function decodeFeigResponse(bytes: Uint8Array): FeigResponseFrame {
	checkFrame(bytes, RESPONSE_OVERHEAD);
	return { address: bytes[3] ?? 0, command: bytes[4] ?? 0, status: bytes[5] ?? 0, data: bytes.slice(6, bytes.length - 2) };
}

export const feigFrameFormat: FrameFormat = {
	startBytes: [FEIG_STX],
	headerLength: 3,
	frameLength(header) {
		const length = ((header[1] ?? 0) << 8) | (header[2] ?? 0);
		return length >= REQUEST_OVERHEAD && length <= FEIG_MAX_FRAME_LENGTH ? length : null;
	},
	isIntact(frame) {
		const crc = crc16Mcrf4xx(frame.subarray(0, frame.length - 2));
		return frame[frame.length - 2] === (crc & 0xff) && frame[frame.length - 1] === crc >> 8;
	}
};

export function createFeigFrameSplitter(): FrameSplitter {
	return new FrameSplitter(feigFrameFormat);
}

/** FEIG sends each data block as a number, MSB first, so every block arrives byte-reversed against tag memory. */
export function reverseEachBlock(data: Uint8Array, blockSize: number): Uint8Array {
	if (blockSize < 1 || data.length % blockSize !== 0) throw new RangeError(`${data.length} bytes are not whole blocks of ${blockSize}`);
	const out = new Uint8Array(data.length);
	for (let block = 0; block < data.length; block += blockSize) {
		for (let i = 0; i < blockSize; i++) out[block + i] = data[block + blockSize - 1 - i] ?? 0;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// ISO host commands (B0) and the NXP EAS commands (B1)

export const FeigIsoCommand = {
	inventory: 0x01,
	readMultipleBlocks: 0x23,
	writeMultipleBlocks: 0x24,
	writeSingleBlock: 0x21,
	writeAfi: 0x27,
	getSystemInformation: 0x2b
} as const;

/** MODE byte of addressed ISO host commands: the UID follows. */
export const FEIG_MODE_ADDRESSED = 0x01;

/**
 * Inventory MODE bits. Open code only ever sends 00 (new inventory, all AFIs); the MORE and AFI
 * bit positions are our reading of the ISC manual and stay in this one place until confirmed.
 */
export const FeigInventoryMode = { more: 0x80, afi: 0x10 } as const;

export const FEIG_TRANSPONDER_ISO15693 = 0x03;

export type NxpEasAction = 'set' | 'reset' | 'alarm';

const easCommands: Record<NxpEasAction, number> = { set: NxpCommand.setEas, reset: NxpCommand.resetEas, alarm: NxpCommand.easAlarm };

/** The ISO host requests a kiosk sends, as typed values (UIDs MSB first; block data in tag memory order). */
export type FeigIsoRequest =
	| { kind: 'inventory'; more: boolean; afi?: number }
	| { kind: 'read-blocks'; uid: Uid; firstBlock: number; blockCount: number }
	| { kind: 'write-blocks'; uid: Uid; firstBlock: number; blockSize: number; data: Uint8Array }
	| { kind: 'write-block'; uid: Uid; block: number; data: Uint8Array }
	| { kind: 'write-afi'; uid: Uid; afi: number }
	| { kind: 'system-info'; uid: Uid }
	| { kind: 'nxp-eas'; uid: Uid; action: NxpEasAction };

function checkByte(name: string, value: number): number {
	if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} must be a byte, got ${value}`);
	return value;
}

export function encodeFeigIsoRequest(request: FeigIsoRequest, address: number = FeigAddress.broadcast): Uint8Array {
	const b0 = (bytes: number[], tail: Uint8Array = new Uint8Array(0)): Uint8Array =>
		encodeFeigRequest({ address, command: FeigCommand.isoHostCommand, data: Uint8Array.from([...bytes, ...tail]) });
	const uidOf = (uid: Uid): number[] => Array.from(uidToBytes(uid));
	switch (request.kind) {
		case 'inventory': {
			let mode = request.more ? FeigInventoryMode.more : 0;
			if (request.afi !== undefined) mode |= FeigInventoryMode.afi;
			return b0(request.afi === undefined ? [FeigIsoCommand.inventory, mode] : [FeigIsoCommand.inventory, mode, checkByte('AFI', request.afi)]);
		}
		case 'read-blocks':
			return b0([FeigIsoCommand.readMultipleBlocks, FEIG_MODE_ADDRESSED, ...uidOf(request.uid), checkByte('first block', request.firstBlock), checkByte('block count', request.blockCount)]);
		case 'write-blocks': {
			const blockCount = request.data.length / request.blockSize;
			if (!Number.isInteger(blockCount) || blockCount < 1) throw new RangeError('write data must be whole blocks');
			return b0(
				[FeigIsoCommand.writeMultipleBlocks, FEIG_MODE_ADDRESSED, ...uidOf(request.uid), checkByte('first block', request.firstBlock), checkByte('block count', blockCount), checkByte('block size', request.blockSize)],
				reverseEachBlock(request.data, request.blockSize)
			);
		}
		case 'write-block':
			return b0(
				[FeigIsoCommand.writeSingleBlock, FEIG_MODE_ADDRESSED, ...uidOf(request.uid), checkByte('block', request.block), checkByte('block size', request.data.length)],
				reverseEachBlock(request.data, request.data.length)
			);
		case 'write-afi':
			return b0([FeigIsoCommand.writeAfi, FEIG_MODE_ADDRESSED, ...uidOf(request.uid), checkByte('AFI', request.afi)]);
		case 'system-info':
			return b0([FeigIsoCommand.getSystemInformation, FEIG_MODE_ADDRESSED, ...uidOf(request.uid)]);
		case 'nxp-eas':
			return encodeFeigRequest({
				address,
				command: FeigCommand.manufacturerCommand,
				data: Uint8Array.from([NXP_MANUFACTURER_CODE, easCommands[request.action], FEIG_MODE_ADDRESSED, ...uidOf(request.uid)])
			});
	}
}

/** What a reader makes of a request frame; null when it is not an ISO host command this codec knows. */
export function parseFeigIsoRequest(frame: FeigRequestFrame): FeigIsoRequest | null {
	const { data } = frame;
	const addressedUid = (at: number): Uid | null => (data[at] === FEIG_MODE_ADDRESSED && data.length >= at + 1 + UID_LENGTH ? uidFromBytes(data, at + 1) : null);
	if (frame.command === FeigCommand.manufacturerCommand) {
		if (data[0] !== NXP_MANUFACTURER_CODE) return null;
		const action = (Object.keys(easCommands) as NxpEasAction[]).find((name) => easCommands[name] === data[1]);
		const uid = addressedUid(2);
		return action && uid ? { kind: 'nxp-eas', uid, action } : null;
	}
	if (frame.command !== FeigCommand.isoHostCommand) return null;
	const afterUid = 2 + UID_LENGTH;
	switch (data[0]) {
		case FeigIsoCommand.inventory: {
			const mode = data[1] ?? 0;
			const afi = mode & FeigInventoryMode.afi ? data[2] : undefined;
			return { kind: 'inventory', more: (mode & FeigInventoryMode.more) !== 0, ...(afi === undefined ? {} : { afi }) };
		}
		case FeigIsoCommand.readMultipleBlocks: {
			const uid = addressedUid(1);
			if (!uid || data.length < afterUid + 2) return null;
			return { kind: 'read-blocks', uid, firstBlock: data[afterUid] ?? 0, blockCount: data[afterUid + 1] ?? 0 };
		}
		case FeigIsoCommand.writeMultipleBlocks: {
			const uid = addressedUid(1);
			const blockCount = data[afterUid + 1] ?? 0;
			const blockSize = data[afterUid + 2] ?? 0;
			if (!uid || blockSize < 1 || data.length !== afterUid + 3 + blockCount * blockSize) return null;
			return { kind: 'write-blocks', uid, firstBlock: data[afterUid] ?? 0, blockSize, data: reverseEachBlock(data.subarray(afterUid + 3), blockSize) };
		}
		case FeigIsoCommand.writeSingleBlock: {
			const uid = addressedUid(1);
			const blockSize = data[afterUid + 1] ?? 0;
			if (!uid || blockSize < 1 || data.length !== afterUid + 2 + blockSize) return null;
			return { kind: 'write-block', uid, block: data[afterUid] ?? 0, data: reverseEachBlock(data.subarray(afterUid + 2), blockSize) };
		}
		case FeigIsoCommand.writeAfi: {
			const uid = addressedUid(1);
			return uid && data.length === afterUid + 1 ? { kind: 'write-afi', uid, afi: data[afterUid] ?? 0 } : null;
		}
		case FeigIsoCommand.getSystemInformation: {
			const uid = addressedUid(1);
			return uid ? { kind: 'system-info', uid } : null;
		}
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Reply payloads

export interface FeigInventoryRecord {
	transponderType: number;
	dsfid: number;
	uid: Uid;
}

export interface FeigInventoryReply {
	status: number;
	records: FeigInventoryRecord[];
	/** Status 94: the reader holds more records; ask again with the MORE bit. */
	moreData: boolean;
	/** A record of a transponder type whose length this codec does not know ends the parse. */
	unknownTransponderType?: number;
}

/** ISO 15693 records are TR-TYPE DSFID UID[8]; other types have other lengths. */
const ISO15693_RECORD_LENGTH = 2 + UID_LENGTH;

export function encodeFeigInventoryData(records: readonly FeigInventoryRecord[]): Uint8Array {
	const out = [checkByte('record count', records.length)];
	for (const record of records) out.push(record.transponderType, record.dsfid, ...uidToBytes(record.uid));
	return Uint8Array.from(out);
}

export function decodeFeigInventory(response: FeigResponseFrame): FeigInventoryReply {
	const { status, data } = response;
	const reply: FeigInventoryReply = { status, records: [], moreData: status === FeigStatus.moreData };
	if (status === FeigStatus.noTransponder || data.length === 0) return reply;
	const count = data[0] ?? 0;
	let offset = 1;
	for (let i = 0; i < count; i++) {
		const type = data[offset] ?? -1;
		if (type !== FEIG_TRANSPONDER_ISO15693) {
			reply.unknownTransponderType = type;
			break;
		}
		if (data.length < offset + ISO15693_RECORD_LENGTH) throw new FrameDecodeError(`FEIG inventory announces ${count} records but ends after ${i}`);
		reply.records.push({ transponderType: type, dsfid: data[offset + 1] ?? 0, uid: uidFromBytes(data, offset + 2) });
		offset += ISO15693_RECORD_LENGTH;
	}
	return reply;
}

/** Whether a reply's status still means its data can be used. */
export function feigStatusCarriesData(status: number): boolean {
	return STATUSES_WITH_DATA.includes(status);
}

export interface FeigBlockData {
	blockSize: number;
	/** One security (lock) status byte per block. */
	security: number[];
	/** All blocks concatenated, in tag memory order (the per-block reversal undone). */
	data: Uint8Array;
}

export function encodeFeigReadBlocksData(blocks: FeigBlockData): Uint8Array {
	const count = blocks.data.length / blocks.blockSize;
	const wire = reverseEachBlock(blocks.data, blocks.blockSize);
	const out = [checkByte('block count', count), checkByte('block size', blocks.blockSize)];
	for (let i = 0; i < count; i++) out.push(blocks.security[i] ?? 0, ...wire.subarray(i * blocks.blockSize, (i + 1) * blocks.blockSize));
	return Uint8Array.from(out);
}

export function decodeFeigReadBlocks(response: FeigResponseFrame): FeigBlockData {
	const { data } = response;
	const count = data[0] ?? 0;
	const blockSize = data[1] ?? 0;
	if (data.length < 2 || blockSize < 1 || data.length !== 2 + count * (1 + blockSize)) {
		throw new FrameDecodeError(`FEIG read reply of ${data.length} bytes does not hold ${count} blocks of ${blockSize}`);
	}
	const security: number[] = [];
	const wire = new Uint8Array(count * blockSize);
	for (let i = 0; i < count; i++) {
		const at = 2 + i * (1 + blockSize);
		security.push(data[at] ?? 0);
		wire.set(data.subarray(at + 1, at + 1 + blockSize), i * blockSize);
	}
	return { blockSize, security, data: reverseEachBlock(wire, blockSize) };
}

export interface FeigSystemInfo {
	dsfid: number;
	uid: Uid;
	afi: number;
	blockCount: number;
	blockSize: number;
	icReference: number;
}

/**
 * Reply data: DSFID UID[8] AFI MEM-SIZE[2] IC-REF. FEIG turns the ISO memory-size field to MSB
 * first like every multi-byte value, so the block size (−1, low 5 bits) comes before blocks−1.
 */
export function encodeFeigSystemInfoData(info: FeigSystemInfo): Uint8Array {
	return Uint8Array.from([
		checkByte('DSFID', info.dsfid),
		...uidToBytes(info.uid),
		checkByte('AFI', info.afi),
		(info.blockSize - 1) & 0x1f,
		checkByte('blocks', info.blockCount - 1),
		checkByte('IC reference', info.icReference)
	]);
}

export function decodeFeigSystemInfo(response: FeigResponseFrame): FeigSystemInfo {
	const { data } = response;
	if (data.length < 13) throw new FrameDecodeError(`FEIG system information needs 13 bytes, got ${data.length}`);
	return {
		dsfid: data[0] ?? 0,
		uid: uidFromBytes(data, 1),
		afi: data[9] ?? 0,
		blockSize: ((data[10] ?? 0) & 0x1f) + 1,
		blockCount: (data[11] ?? 0) + 1,
		icReference: data[12] ?? 0
	};
}

/** Status 95 (tag error) carries the tag's ISO 15693 error code as its first data byte. */
export function feigIsoErrorCode(response: FeigResponseFrame): number | undefined {
	return response.status === FeigStatus.tagError ? response.data[0] : undefined;
}
