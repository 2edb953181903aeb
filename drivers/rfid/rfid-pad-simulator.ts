/**
 * A simulated RFID pad with a FEIG or a 3M/Bibliotheca reader in it. It speaks the reader's bytes
 * on the device side of a ByteLink (an in-memory pair, or a pty opened with a real SerialPort), and
 * answers inventory, read, write, AFI and EAS commands by changing the tags lying on it, so tests
 * and `npm start` without hardware can check what the driver really did to a tag.
 */
import type { ByteLink } from '../transport/byte-link';
import {
	createD6FrameSplitter,
	D6_BLOCK_SIZE,
	D6Status,
	decodeD6Frame,
	encodeD6AddressedReply,
	encodeD6Frame,
	encodeD6InventoryReply,
	encodeD6ReadBlocksReply,
	encodeD6TagInfoReply,
	encodeD6VersionReply,
	parseD6Request,
	type D6Request
} from './bibliotheca-d6-protocol';
import {
	createFeigFrameSplitter,
	decodeFeigRequest,
	encodeFeigInventoryData,
	encodeFeigReadBlocksData,
	encodeFeigResponse,
	encodeFeigSystemInfoData,
	FEIG_TRANSPONDER_ISO15693,
	FeigAddress,
	FeigCommand,
	FeigStatus,
	parseFeigIsoRequest,
	type FeigIsoRequest,
	type FeigRequestFrame
} from './feig-isc-protocol';
import type { FrameSplitter } from './frame-splitter';
import { hexToBytes, IsoErrorCode, normalizeUid, NXP_MANUFACTURER_CODE, type Uid } from './iso15693';
import type { RfidProtocol } from './rfid-reader';

export interface SimulatedTagInit {
	uid: string;
	/** Default 07: secured, in the library. */
	afi?: number;
	dsfid?: number;
	eas?: boolean;
	/** Default 4. */
	blockSize?: number;
	/** Default 28 blocks of zeros when no memory is given. */
	blockCount?: number;
	/** User memory in tag order; its length fixes the block count. */
	memory?: Uint8Array;
	icReference?: number;
	/** ICODE SLIX and most library tags do; some chips only take single-block writes. */
	supportsWriteMultiple?: boolean;
}

export interface SimulatedTag {
	readonly uid: Uid;
	afi: number;
	dsfid: number;
	eas: boolean;
	readonly blockSize: number;
	memory: Uint8Array;
	icReference: number;
	supportsWriteMultiple: boolean;
}

export interface RfidPadSimulatorOptions {
	/** FEIG only: above this many tags the inventory answers "more data" and hands out the rest on request. */
	maxTagsPerInventory?: number;
}

/** `E0 04 …`: an NXP ICODE UID, MSB first, for tests that need many distinct tags. */
export function nxpUid(serial: number): Uid {
	return `E0040150${(serial >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Bytes an ICODE SLIX returns for "EAS alarm" while EAS is set; the content is immaterial to drivers. */
const EAS_SEQUENCE = new Uint8Array(32).fill(0xa5);
const FEIG_SOFTWARE_VERSION = hexToBytes('03 05 00 4D 09 03 00');
/** Reader-info (mode 00) data of the real reader in the reference sheet's vector. */
const FEIG_READER_INFO = hexToBytes('02 06 00 0B 4D 00 09 01 18 02 00');
/** COM-ADR the simulated FEIG reader answers with, as the first device on a bus does. */
const FEIG_BUS_ADDRESS = FeigAddress.firstDevice;
const D6_VERSION = hexToBytes('0A 05 02 1B');

type WriteOutcome = 'write' | 'fail' | 'ignore';

export class RfidPadSimulator {
	/** No answers at all: drivers see timeouts, as with a reader that is powered off behind a live USB adapter. */
	silent = false;
	readonly #tags = new Map<Uid, SimulatedTag>();
	readonly #writeFailures = new Map<Uid, number>();
	readonly #ignoredWrites = new Map<Uid, number>();
	readonly #readFailures = new Map<Uid, number>();
	readonly #maxTagsPerInventory: number;
	#commandsAnswered = 0;

	constructor(
		readonly protocol: RfidProtocol,
		options: RfidPadSimulatorOptions = {}
	) {
		this.#maxTagsPerInventory = options.maxTagsPerInventory ?? 64;
	}

	/** Commands answered so far, across all links: lets tests see that a driver stopped talking. */
	get commandsAnswered(): number {
		return this.#commandsAnswered;
	}

	get tags(): SimulatedTag[] {
		return [...this.#tags.values()];
	}

	tag(uid: string): SimulatedTag | undefined {
		return this.#tags.get(normalizeUid(uid));
	}

	/** Lays a tag on the pad (replacing one with the same UID) and returns the live tag. */
	place(init: SimulatedTagInit): SimulatedTag {
		const blockSize = init.blockSize ?? 4;
		const memory = init.memory ? Uint8Array.from(init.memory) : new Uint8Array((init.blockCount ?? 28) * blockSize);
		if (memory.length === 0 || memory.length % blockSize !== 0) throw new RangeError(`tag memory of ${memory.length} bytes is not whole ${blockSize}-byte blocks`);
		const tag: SimulatedTag = {
			uid: normalizeUid(init.uid),
			afi: init.afi ?? 0x07,
			dsfid: init.dsfid ?? 0x00,
			eas: init.eas ?? false,
			blockSize,
			memory,
			icReference: init.icReference ?? 0x01,
			supportsWriteMultiple: init.supportsWriteMultiple ?? true
		};
		this.#tags.set(tag.uid, tag);
		return tag;
	}

	remove(uid: string): boolean {
		return this.#tags.delete(normalizeUid(uid));
	}

	clear(): void {
		this.#tags.clear();
	}

	/** The next `times` writes to this tag (blocks, AFI, EAS) answer with the reader's write error and change nothing. */
	failNextWrite(uid: string, times = 1): void {
		this.#writeFailures.set(normalizeUid(uid), times);
	}

	/** The next `times` block reads of this tag fail as RF trouble does (tag at the edge of the field, damaged antenna). */
	failNextRead(uid: string, times = 1): void {
		this.#readFailures.set(normalizeUid(uid), times);
	}

	/** The next write to this tag reports success but changes nothing, as a marginal tag sometimes does. */
	ignoreNextWrite(uid: string, times = 1): void {
		this.#ignoredWrites.set(normalizeUid(uid), times);
	}

	/** Serves one link's device side; the pad's tags are shared by every link attached over time. */
	attach(link: ByteLink): void {
		const splitter: FrameSplitter = this.protocol === 'feig' ? createFeigFrameSplitter() : createD6FrameSplitter();
		const session: FeigSession = { pendingInventory: [] };
		link.on('data', (chunk) => {
			for (const frame of splitter.push(chunk)) {
				if (this.silent) continue;
				const reply = this.protocol === 'feig' ? this.#answerFeig(frame, session) : this.#answerD6(frame);
				if (!reply) continue;
				this.#commandsAnswered++;
				link.write(reply).catch(() => undefined);
			}
		});
	}

	#writeOutcome(tag: SimulatedTag): WriteOutcome {
		if (countDown(this.#writeFailures, tag.uid)) return 'fail';
		if (countDown(this.#ignoredWrites, tag.uid)) return 'ignore';
		return 'write';
	}

	#blockRangeOk(tag: SimulatedTag, first: number, count: number): boolean {
		return count > 0 && (first + count) * tag.blockSize <= tag.memory.length;
	}

	// -------------------------------------------------------------------------------------------
	// FEIG

	#answerFeig(bytes: Uint8Array, session: FeigSession): Uint8Array | null {
		let request: FeigRequestFrame;
		try {
			request = decodeFeigRequest(bytes);
		} catch {
			return null;
		}
		if (request.address !== FeigAddress.broadcast && request.address !== FEIG_BUS_ADDRESS) return null;
		const reply = (status: number, data: Uint8Array | readonly number[] = []): Uint8Array =>
			encodeFeigResponse({ address: FEIG_BUS_ADDRESS, command: request.command, status, data: Uint8Array.from(data) });
		switch (request.command) {
			case FeigCommand.baudRateDetection:
			case FeigCommand.softReset:
			case FeigCommand.systemReset:
			case FeigCommand.rfReset:
				return reply(FeigStatus.ok);
			case FeigCommand.softwareVersion:
				return reply(FeigStatus.ok, FEIG_SOFTWARE_VERSION);
			case FeigCommand.readerInfo:
				return request.data[0] === 0x00 ? reply(FeigStatus.ok, FEIG_READER_INFO) : reply(FeigStatus.parameterRange);
			case FeigCommand.isoHostCommand:
			case FeigCommand.manufacturerCommand: {
				const iso = parseFeigIsoRequest(request);
				if (!iso) return reply(FeigStatus.commandNotAvailable);
				const [status, data] = this.#feigIso(iso, session);
				return reply(status, data);
			}
			default:
				return reply(FeigStatus.unknownCommand);
		}
	}

	#feigIso(request: FeigIsoRequest, session: FeigSession): [status: number, data?: Uint8Array | readonly number[]] {
		if (request.kind === 'inventory') {
			if (!request.more) {
				session.pendingInventory = this.tags.filter((tag) => !request.afi || tag.afi === request.afi);
			}
			if (session.pendingInventory.length === 0) return [FeigStatus.noTransponder];
			const batch = session.pendingInventory.splice(0, this.#maxTagsPerInventory);
			const records = batch.map((tag) => ({ transponderType: FEIG_TRANSPONDER_ISO15693, dsfid: tag.dsfid, uid: tag.uid }));
			return [session.pendingInventory.length > 0 ? FeigStatus.moreData : FeigStatus.ok, encodeFeigInventoryData(records)];
		}
		const tag = this.#tags.get(request.uid);
		if (!tag) return [FeigStatus.noTransponder];
		const tagError = (code: number): [number, number[]] => [FeigStatus.tagError, [code]];
		switch (request.kind) {
			case 'system-info':
				return [FeigStatus.ok, encodeFeigSystemInfoData({ ...tag, blockCount: tag.memory.length / tag.blockSize })];
			case 'read-blocks': {
				if (countDown(this.#readFailures, tag.uid)) return [FeigStatus.rfCommunicationError];
				if (!this.#blockRangeOk(tag, request.firstBlock, request.blockCount)) return tagError(IsoErrorCode.blockNotAvailable);
				const data = tag.memory.slice(request.firstBlock * tag.blockSize, (request.firstBlock + request.blockCount) * tag.blockSize);
				return [FeigStatus.ok, encodeFeigReadBlocksData({ blockSize: tag.blockSize, security: [], data })];
			}
			case 'write-blocks':
			case 'write-block': {
				if (request.kind === 'write-blocks' && !tag.supportsWriteMultiple) return tagError(IsoErrorCode.notSupported);
				const first = request.kind === 'write-blocks' ? request.firstBlock : request.block;
				if (request.data.length % tag.blockSize !== 0) return tagError(IsoErrorCode.unknown);
				if (!this.#blockRangeOk(tag, first, request.data.length / tag.blockSize)) return tagError(IsoErrorCode.blockNotAvailable);
				return this.#feigWrite(tag, () => tag.memory.set(request.data, first * tag.blockSize));
			}
			case 'write-afi':
				return this.#feigWrite(tag, () => (tag.afi = request.afi));
			case 'nxp-eas':
				// Only NXP chips know the command; others ignore it, which the reader reports as no transponder.
				if (!isNxp(tag)) return [FeigStatus.noTransponder];
				if (request.action === 'alarm') return tag.eas ? [FeigStatus.ok, EAS_SEQUENCE] : [FeigStatus.noTransponder];
				return this.#feigWrite(tag, () => (tag.eas = request.action === 'set'));
		}
	}

	#feigWrite(tag: SimulatedTag, write: () => void): [number] {
		const outcome = this.#writeOutcome(tag);
		if (outcome === 'fail') return [FeigStatus.writeError];
		if (outcome === 'write') write();
		return [FeigStatus.ok];
	}

	// -------------------------------------------------------------------------------------------
	// 3M / Bibliotheca

	#answerD6(bytes: Uint8Array): Uint8Array | null {
		let request: D6Request | null;
		let command: number;
		try {
			const frame = decodeD6Frame(bytes);
			command = frame.command;
			request = parseD6Request(frame);
		} catch {
			return null;
		}
		if (!request) return encodeD6Frame({ command, body: [D6Status.failed] });
		if (request.kind === 'version') return encodeD6VersionReply(D6_VERSION);
		if (request.kind === 'inventory') {
			const tags = this.tags.filter((tag) => !request.afi || tag.afi === request.afi);
			return encodeD6InventoryReply({ status: D6Status.ok, afi: request.afi, options: request.options, records: tags.map((tag) => ({ uid: tag.uid })) });
		}
		const tag = this.#tags.get(request.uid);
		const failed = (): Uint8Array => encodeD6AddressedReply(command, D6Status.failed, request.uid);
		if (!tag) return failed();
		const ok = (fields: readonly number[] = []): Uint8Array => encodeD6AddressedReply(command, D6Status.ok, tag.uid, fields);
		const write = (change: () => void, fields: readonly number[] = []): Uint8Array => {
			const outcome = this.#writeOutcome(tag);
			if (outcome === 'fail') return failed();
			if (outcome === 'write') change();
			return ok(fields);
		};
		switch (request.kind) {
			case 'read-blocks':
				if (countDown(this.#readFailures, tag.uid)) return failed();
				if (tag.blockSize !== D6_BLOCK_SIZE || !this.#blockRangeOk(tag, request.firstBlock, request.blockCount)) return failed();
				return encodeD6ReadBlocksReply(tag.uid, request.firstBlock, tag.memory.slice(request.firstBlock * D6_BLOCK_SIZE, (request.firstBlock + request.blockCount) * D6_BLOCK_SIZE));
			case 'write-blocks': {
				const count = request.data.length / D6_BLOCK_SIZE;
				if (tag.blockSize !== D6_BLOCK_SIZE || !this.#blockRangeOk(tag, request.firstBlock, count)) return failed();
				return write(() => tag.memory.set(request.data, request.firstBlock * D6_BLOCK_SIZE), [count]);
			}
			case 'get-afi':
				return ok([tag.afi]);
			case 'write-afi':
				return write(() => (tag.afi = request.afi));
			case 'check-eas':
				return isNxp(tag) ? ok([tag.eas ? 1 : 0]) : failed();
			case 'eas-control':
				return isNxp(tag) ? write(() => (tag.eas = request.on)) : failed();
			case 'tag-info':
				return encodeD6TagInfoReply({ uid: tag.uid, dsfid: tag.dsfid, afi: tag.afi, blockCount: tag.memory.length / tag.blockSize, blockSize: tag.blockSize, icReference: tag.icReference });
		}
	}
}

interface FeigSession {
	/** Tags of the last inventory not yet handed out ("more data"). */
	pendingInventory: SimulatedTag[];
}

/** Consumes one use of a failure knob; true when the knob was armed. */
function countDown(knob: Map<Uid, number>, uid: Uid): boolean {
	const left = knob.get(uid) ?? 0;
	if (left <= 0) return false;
	if (left === 1) knob.delete(uid);
	else knob.set(uid, left - 1);
	return true;
}

function isNxp(tag: SimulatedTag): boolean {
	return parseInt(tag.uid.slice(2, 4), 16) === NXP_MANUFACTURER_CODE;
}
