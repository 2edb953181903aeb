/** RfidReader for FEIG ISC readers (advanced frames) over any ByteLink. */
import type { ByteLink } from '../transport/byte-link';
import { CommandChannel } from './command-channel';
import {
	createFeigFrameSplitter,
	decodeFeigInventory,
	decodeFeigReadBlocks,
	decodeFeigResponse,
	decodeFeigSystemInfo,
	describeFeigStatus,
	encodeFeigIsoRequest,
	encodeFeigRequest,
	FeigAddress,
	FeigCommand,
	FeigStatus,
	feigIsoErrorCode,
	feigStatusCarriesData,
	type FeigIsoRequest,
	type FeigResponseFrame
} from './feig-isc-protocol';
import { bytesToHex, IsoErrorCode, isoErrorName, normalizeUid, type Uid } from './iso15693';
import { DEFAULT_COMMAND_TIMEOUT_MS, RfidError, type ReaderIdentity, type RfidReader, type RfidReaderOptions, type SystemInfo, type TagInfo } from './rfid-reader';

export interface FeigReaderOptions extends RfidReaderOptions {
	/** COM-ADR; broadcast (FF) suits the usual single reader on its own port. */
	address?: number;
	/** Upper bound on "more data" follow-ups, so a confused reader cannot keep one inventory going forever. */
	maxInventoryRounds?: number;
}

/** Tag errors meaning "this chip does not do write-multiple": fall back to single-block writes. */
const WRITE_MULTIPLE_UNSUPPORTED: readonly number[] = [IsoErrorCode.notSupported, IsoErrorCode.notRecognised, IsoErrorCode.unknown];

export class FeigReader implements RfidReader {
	readonly protocol = 'feig' as const;
	readonly #channel: CommandChannel<FeigResponseFrame>;
	readonly #address: number;
	readonly #maxInventoryRounds: number;

	constructor(
		private readonly link: ByteLink,
		options: FeigReaderOptions = {}
	) {
		this.#address = options.address ?? FeigAddress.broadcast;
		this.#maxInventoryRounds = options.maxInventoryRounds ?? 16;
		this.#channel = new CommandChannel(link, createFeigFrameSplitter(), decodeFeigResponse, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
	}

	get description(): string {
		return this.link.description;
	}

	get isOpen(): boolean {
		return this.#channel.isOpen;
	}

	async identify(): Promise<ReaderIdentity> {
		const request = encodeFeigRequest({ address: this.#address, command: FeigCommand.softwareVersion, data: new Uint8Array(0) });
		const reply = await this.#transact(request, FeigCommand.softwareVersion);
		this.#requireOk(reply, 'software version');
		return { protocol: 'feig', firmware: bytesToHex(reply.data) };
	}

	async inventory(): Promise<TagInfo[]> {
		const tags = new Map<Uid, TagInfo>();
		let more = false;
		for (let round = 0; round < this.#maxInventoryRounds; round++) {
			const reply = await this.#iso({ kind: 'inventory', more });
			if (reply.status === FeigStatus.noTransponder) break;
			if (!feigStatusCarriesData(reply.status)) throw this.#statusError(reply, 'inventory');
			const inventory = decodeFeigInventory(reply);
			for (const record of inventory.records) tags.set(record.uid, { uid: record.uid, dsfid: record.dsfid });
			if (!inventory.moreData) break;
			more = true;
		}
		return [...tags.values()];
	}

	async readSystemInfo(uid: Uid): Promise<SystemInfo> {
		const reply = await this.#iso({ kind: 'system-info', uid: normalizeUid(uid) });
		this.#requireOk(reply, 'system information');
		const info = decodeFeigSystemInfo(reply);
		return { uid: info.uid, afi: info.afi, dsfid: info.dsfid, blockCount: info.blockCount, blockSize: info.blockSize, icReference: info.icReference };
	}

	async readBlocks(uid: Uid, first: number, count: number): Promise<Uint8Array> {
		const reply = await this.#iso({ kind: 'read-blocks', uid: normalizeUid(uid), firstBlock: first, blockCount: count });
		this.#requireOk(reply, 'read blocks');
		const blocks = decodeFeigReadBlocks(reply);
		if (blocks.data.length !== count * blocks.blockSize) throw new RfidError('bad-reply', `${this.description}: asked for ${count} blocks, got ${blocks.data.length / blocks.blockSize}`);
		return blocks.data;
	}

	async writeBlocks(uid: Uid, first: number, data: Uint8Array, blockSize: number): Promise<void> {
		const tag = normalizeUid(uid);
		const reply = await this.#iso({ kind: 'write-blocks', uid: tag, firstBlock: first, blockSize, data });
		const isoError = feigIsoErrorCode(reply);
		if (isoError === undefined || !WRITE_MULTIPLE_UNSUPPORTED.includes(isoError)) {
			this.#requireOk(reply, 'write blocks');
			return;
		}
		for (let offset = 0; offset < data.length; offset += blockSize) {
			const single = await this.#iso({ kind: 'write-block', uid: tag, block: first + offset / blockSize, data: data.subarray(offset, offset + blockSize) });
			this.#requireOk(single, `write block ${first + offset / blockSize}`);
		}
	}

	async readAfi(uid: Uid): Promise<number> {
		return (await this.readSystemInfo(uid)).afi;
	}

	async writeAfi(uid: Uid, afi: number): Promise<void> {
		this.#requireOk(await this.#iso({ kind: 'write-afi', uid: normalizeUid(uid), afi }), 'write AFI');
	}

	/**
	 * Sends NXP "EAS alarm": a tag with EAS set answers with its EAS sequence, one with EAS reset
	 * stays silent and the reader says "no transponder". Silence is ambiguous (the tag may have left),
	 * so it is confirmed by addressing the tag once more.
	 */
	async readEas(uid: Uid): Promise<boolean> {
		const tag = normalizeUid(uid);
		const reply = await this.#iso({ kind: 'nxp-eas', uid: tag, action: 'alarm' });
		if (reply.status === FeigStatus.ok) return true;
		if (reply.status !== FeigStatus.noTransponder) throw this.#statusError(reply, 'EAS alarm');
		await this.readSystemInfo(tag);
		return false;
	}

	async setEas(uid: Uid, on: boolean): Promise<void> {
		this.#requireOk(await this.#iso({ kind: 'nxp-eas', uid: normalizeUid(uid), action: on ? 'set' : 'reset' }), on ? 'set EAS' : 'reset EAS');
	}

	close(): Promise<void> {
		return this.#channel.close();
	}

	#iso(request: FeigIsoRequest): Promise<FeigResponseFrame> {
		const command = request.kind === 'nxp-eas' ? FeigCommand.manufacturerCommand : FeigCommand.isoHostCommand;
		return this.#transact(encodeFeigIsoRequest(request, this.#address), command);
	}

	/** FEIG replies name their command but not the request, so only the command byte can tell a late reply apart. */
	#transact(request: Uint8Array, command: number): Promise<FeigResponseFrame> {
		return this.#channel.transact(request, (reply) => (reply.command === command ? reply : undefined));
	}

	#requireOk(reply: FeigResponseFrame, what: string): void {
		if (reply.status !== FeigStatus.ok) throw this.#statusError(reply, what);
	}

	#statusError(reply: FeigResponseFrame, what: string): RfidError {
		const status = reply.status;
		const message = `${this.description}: ${what}: ${describeFeigStatus(status)}`;
		if (status === FeigStatus.noTransponder) return new RfidError('no-tag', message, { readerStatus: status });
		if (status === FeigStatus.rfCommunicationError || status === FeigStatus.crcError) return new RfidError('no-response', message, { readerStatus: status });
		const isoError = feigIsoErrorCode(reply);
		if (isoError !== undefined) return new RfidError('reader-error', `${message}, tag says ${isoErrorName(isoError)}`, { readerStatus: status, isoError });
		return new RfidError('reader-error', message, { readerStatus: status });
	}
}
