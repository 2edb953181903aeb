/** RfidReader for 3M / Bibliotheca 810 and 210 readers (D6 frames) over any ByteLink. */
import type { ByteLink } from '../transport/byte-link';
import { CommandChannel } from './command-channel';
import {
	createD6FrameSplitter,
	D6_BLOCK_SIZE,
	D6_INVENTORY_OPTIONS,
	D6Command,
	D6Status,
	d6ReplyStatus,
	decodeD6AddressedReply,
	decodeD6Frame,
	decodeD6InventoryReply,
	decodeD6ReadBlocksFields,
	decodeD6TagInfoReply,
	decodeD6VersionReply,
	describeD6Status,
	encodeD6Request,
	type D6AddressedReply,
	type D6Frame,
	type D6Request
} from './bibliotheca-d6-protocol';
import { bytesToHex, normalizeUid, uidFromBytes, UID_LENGTH, type Uid } from './iso15693';
import { DEFAULT_COMMAND_TIMEOUT_MS, RfidError, type ReaderIdentity, type RfidReader, type RfidReaderOptions, type SystemInfo, type TagInfo } from './rfid-reader';

export interface BibliothecaReaderOptions extends RfidReaderOptions {
	/** Inventory options byte; 05 is what open code sends and what 810 readers are known to answer. */
	inventoryOptions?: number;
}

type AddressedRequest = Extract<D6Request, { uid: Uid }>;

const commandOf: Record<AddressedRequest['kind'], number> = {
	'read-blocks': D6Command.readBlocks,
	'write-blocks': D6Command.writeBlocks,
	'get-afi': D6Command.getAfi,
	'write-afi': D6Command.writeAfi,
	'check-eas': D6Command.checkEas,
	'eas-control': D6Command.easControl,
	'tag-info': D6Command.tagInfo
};

export class BibliothecaReader implements RfidReader {
	readonly protocol = '3m' as const;
	readonly #channel: CommandChannel<D6Frame>;
	readonly #inventoryOptions: number;

	constructor(
		private readonly link: ByteLink,
		options: BibliothecaReaderOptions = {}
	) {
		this.#inventoryOptions = options.inventoryOptions ?? D6_INVENTORY_OPTIONS;
		this.#channel = new CommandChannel(link, createD6FrameSplitter(), decodeD6Frame, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
	}

	get description(): string {
		return this.link.description;
	}

	get isOpen(): boolean {
		return this.#channel.isOpen;
	}

	async identify(): Promise<ReaderIdentity> {
		const reply = await this.#channel.transact(encodeD6Request({ kind: 'version' }), (frame) => {
			try {
				return decodeD6VersionReply(frame);
			} catch {
				return undefined;
			}
		});
		if (reply.status !== D6Status.ok) throw this.#statusError(reply.status, 'version');
		return { protocol: '3m', firmware: bytesToHex(reply.version) };
	}

	async inventory(): Promise<TagInfo[]> {
		const frame = await this.#channel.transact(encodeD6Request({ kind: 'inventory', afi: 0, options: this.#inventoryOptions }), (reply) =>
			reply.command === D6Command.inventory ? reply : undefined
		);
		const inventory = decodeD6InventoryReply(frame);
		if (inventory.status !== D6Status.ok) throw this.#statusError(inventory.status, 'inventory');
		return inventory.records.map((record) => (record.dsfid === undefined ? { uid: record.uid } : { uid: record.uid, dsfid: record.dsfid }));
	}

	async readSystemInfo(uid: Uid): Promise<SystemInfo> {
		const tag = normalizeUid(uid);
		const frame = await this.#channel.transact(encodeD6Request({ kind: 'tag-info', uid: tag }), (reply) => {
			if (reply.command !== D6Command.tagInfo) return undefined;
			// This reply has the info flags before the UID; a late reply about another tag is skipped.
			const echoed = reply.body.length >= 2 + UID_LENGTH ? uidFromBytes(reply.body, 2) : undefined;
			return echoed === undefined || echoed === tag ? reply : undefined;
		});
		const status = d6ReplyStatus(frame);
		if (status !== D6Status.ok) throw this.#statusError(status, 'tag info');
		const info = decodeD6TagInfoReply(frame);
		if (info.afi === undefined || info.dsfid === undefined || info.blockCount === undefined || info.blockSize === undefined) {
			throw new RfidError('bad-reply', `${this.description}: tag info without AFI, DSFID or memory size (flags 0x${info.infoFlags.toString(16)})`);
		}
		return { uid: info.uid, afi: info.afi, dsfid: info.dsfid, blockCount: info.blockCount, blockSize: info.blockSize, icReference: info.icReference };
	}

	async readBlocks(uid: Uid, first: number, count: number): Promise<Uint8Array> {
		const reply = await this.#addressed({ kind: 'read-blocks', uid: normalizeUid(uid), firstBlock: first, blockCount: count }, 'read blocks');
		const blocks = decodeD6ReadBlocksFields(reply.fields);
		if (blocks.firstBlock !== first || blocks.data.length !== count * D6_BLOCK_SIZE) {
			throw new RfidError('bad-reply', `${this.description}: asked for ${count} blocks from ${first}, got ${blocks.data.length / D6_BLOCK_SIZE} from ${blocks.firstBlock}`);
		}
		return blocks.data;
	}

	async writeBlocks(uid: Uid, first: number, data: Uint8Array, blockSize: number): Promise<void> {
		if (blockSize !== D6_BLOCK_SIZE) throw new RangeError(`3M readers write ${D6_BLOCK_SIZE}-byte blocks, not ${blockSize}`);
		await this.#addressed({ kind: 'write-blocks', uid: normalizeUid(uid), firstBlock: first, data }, 'write blocks');
	}

	async readAfi(uid: Uid): Promise<number> {
		const reply = await this.#addressed({ kind: 'get-afi', uid: normalizeUid(uid) }, 'get AFI');
		if (reply.fields.length < 1) throw new RfidError('bad-reply', `${this.description}: get AFI reply without the AFI`);
		return reply.fields[0] ?? 0;
	}

	async writeAfi(uid: Uid, afi: number): Promise<void> {
		await this.#addressed({ kind: 'write-afi', uid: normalizeUid(uid), afi }, 'write AFI');
	}

	async readEas(uid: Uid): Promise<boolean> {
		const reply = await this.#addressed({ kind: 'check-eas', uid: normalizeUid(uid) }, 'check EAS');
		if (reply.fields.length < 1) throw new RfidError('bad-reply', `${this.description}: check EAS reply without the state`);
		return reply.fields[0] !== 0;
	}

	async setEas(uid: Uid, on: boolean): Promise<void> {
		await this.#addressed({ kind: 'eas-control', uid: normalizeUid(uid), on }, on ? 'set EAS' : 'reset EAS');
	}

	close(): Promise<void> {
		return this.#channel.close();
	}

	async #addressed(request: AddressedRequest, what: string): Promise<D6AddressedReply> {
		const command = commandOf[request.kind];
		const reply = await this.#channel.transact(encodeD6Request(request), (frame) => {
			if (frame.command !== command) return undefined;
			const decoded = decodeD6AddressedReply(frame);
			return decoded.uid === undefined || decoded.uid === request.uid ? decoded : undefined;
		});
		if (reply.status !== D6Status.ok) throw this.#statusError(reply.status, what);
		return reply;
	}

	/** 3M readers answer 06 both when the tag is gone and when it fumbled the write; only a retry tells. */
	#statusError(status: number, what: string): RfidError {
		const message = `${this.description}: ${what}: ${describeD6Status(status)}`;
		return new RfidError(status === D6Status.failed ? 'no-response' : 'reader-error', message, { readerStatus: status });
	}
}
