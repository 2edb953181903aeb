/**
 * The RFID pad as the kiosk sees it: it finds the reader, polls the field, and reports tags as they
 * arrive (with their user memory, read once) and leave. Security writes (AFI, EAS) are always read
 * back, because the kiosk may only tell a patron "you can take this item" when the tag really changed.
 * The reader may be missing or unplugged at any time: the pad then reports `disconnected` with a
 * reason and keeps trying to reconnect, with backoff, without ever throwing at its owner.
 */
import { EventEmitter } from 'node:events';
import type { ByteLink, ByteLinkOpener } from '../transport/byte-link';
import { BibliothecaReader } from './bibliotheca-reader';
import { FeigReader } from './feig-reader';
import { normalizeUid, type Uid } from './iso15693';
import { DEFAULT_COMMAND_TIMEOUT_MS, isRfidError, RfidError, type ReaderIdentity, type RfidProtocol, type RfidReader } from './rfid-reader';

export type RfidPadStatus = 'disconnected' | 'connecting' | 'ready';

export interface RfidPadState {
	status: RfidPadStatus;
	/** Why the pad is not ready (null once ready), in words for the technician page. */
	reason: string | null;
	/** Set while ready. */
	identity: ReaderIdentity | null;
}

export interface PresentTag {
	uid: Uid;
	afi: number;
	dsfid: number;
	/** Unknown when the tag or reader does not support NXP EAS. */
	eas?: boolean;
	blockSize: number;
	blockCount: number;
	/** The whole user memory, in tag order, read once on arrival. */
	memory: Uint8Array;
}

export interface RfidPadEvents {
	state: [state: RfidPadState];
	'tag-present': [tag: PresentTag];
	'tag-removed': [tag: { uid: Uid }];
	/** A tag is in the field but its memory could not be read after several tries; it gets a `tag-removed` when it leaves. */
	'tag-unreadable': [tag: { uid: Uid; error: RfidError }];
}

/** The outcome of a security write: `matched` is the only thing that says the tag now holds `requested`. */
export interface VerifiedWrite<T> {
	uid: Uid;
	requested: T;
	/** What the tag said after the last attempt; null when it could not be read. */
	readBack: T | null;
	matched: boolean;
	attempts: number;
	/** The last failure when not matched. */
	error: RfidError | null;
}

export interface RfidPadOptions {
	/** Pause between inventories. Default 200 ms. */
	pollIntervalMs?: number;
	commandTimeoutMs?: number;
	/** First reconnect delay, doubled after every failed attempt up to `maxReconnectDelayMs`. Default 250 ms. */
	reconnectDelayMs?: number;
	/** Default 5 s. */
	maxReconnectDelayMs?: number;
	/** Blocks per read command when fetching a new tag's memory. Default 16. */
	maxBlocksPerRead?: number;
	/** Write + read-back rounds for AFI and EAS; 3M readers often need more than one. Default 3. */
	writeAttempts?: number;
	/** Inventories a tag may be missing from before it counts as removed (absorbs tags at the edge of the field). Default 2. */
	missedPollsBeforeRemoved?: number;
	/** Failed memory reads before a tag is reported unreadable. Default 3. */
	readAttemptsBeforeUnreadable?: number;
	/** Consecutive inventory timeouts after which the reader counts as gone and the link is reopened. Default 3. */
	timeoutsBeforeLost?: number;
	/** FEIG COM-ADR. */
	feigAddress?: number;
}

interface Tracked {
	tag: PresentTag | null;
	missedPolls: number;
	readFailures: number;
	unreadable: boolean;
}

export class RfidPadDriver extends EventEmitter<RfidPadEvents> {
	readonly #options: Required<Omit<RfidPadOptions, 'feigAddress'>> & Pick<RfidPadOptions, 'feigAddress'>;
	#state: RfidPadState = { status: 'disconnected', reason: 'not started', identity: null };
	#running = false;
	#loop: Promise<void> | null = null;
	#reader: RfidReader | null = null;
	readonly #tracked = new Map<Uid, Tracked>();
	#wake: (() => void) | null = null;

	constructor(
		private readonly opener: ByteLinkOpener,
		readonly protocol: RfidProtocol,
		options: RfidPadOptions = {}
	) {
		super();
		this.#options = {
			pollIntervalMs: options.pollIntervalMs ?? 200,
			commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
			reconnectDelayMs: options.reconnectDelayMs ?? 250,
			maxReconnectDelayMs: options.maxReconnectDelayMs ?? 5_000,
			maxBlocksPerRead: options.maxBlocksPerRead ?? 16,
			writeAttempts: Math.max(1, options.writeAttempts ?? 3),
			missedPollsBeforeRemoved: Math.max(1, options.missedPollsBeforeRemoved ?? 2),
			readAttemptsBeforeUnreadable: Math.max(1, options.readAttemptsBeforeUnreadable ?? 3),
			timeoutsBeforeLost: Math.max(1, options.timeoutsBeforeLost ?? 3),
			feigAddress: options.feigAddress
		};
	}

	get state(): RfidPadState {
		return this.#state;
	}

	get description(): string {
		return this.opener.description;
	}

	/** Tags currently on the pad whose memory has been read. */
	get presentTags(): PresentTag[] {
		return [...this.#tracked.values()].flatMap((entry) => (entry.tag ? [entry.tag] : []));
	}

	/** Starts connecting and polling; the pad runs until stop(). */
	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#loop = this.#run().catch((error: unknown) => {
			// The loop handles every expected failure itself; this is the last guard for "never crash".
			this.#setState('disconnected', `internal error: ${(error as Error).message}`);
		});
	}

	async stop(): Promise<void> {
		this.#running = false;
		this.#wakeUp();
		await this.#reader?.close().catch(() => undefined);
		await this.#loop;
		this.#loop = null;
	}

	/** Writes the AFI, reads it back, and retries up to `writeAttempts` times until they match. */
	async writeAfi(uid: string, afi: number): Promise<VerifiedWrite<number>> {
		if (!Number.isInteger(afi) || afi < 0 || afi > 0xff) throw new RangeError(`AFI must be a byte, got ${afi}`);
		return this.#verifiedWrite(normalizeUid(uid), afi, (reader, tag) => reader.writeAfi(tag, afi), (reader, tag) => reader.readAfi(tag), (tag) => (tag.afi = afi));
	}

	/** Sets or resets the NXP EAS bit, reads it back, and retries up to `writeAttempts` times until they match. */
	async setEas(uid: string, on: boolean): Promise<VerifiedWrite<boolean>> {
		return this.#verifiedWrite(normalizeUid(uid), on, (reader, tag) => reader.setEas(tag, on), (reader, tag) => reader.readEas(tag), (tag) => (tag.eas = on));
	}

	async #verifiedWrite<T>(
		uid: Uid,
		requested: T,
		write: (reader: RfidReader, uid: Uid) => Promise<void>,
		readBack: (reader: RfidReader, uid: Uid) => Promise<T>,
		remember: (tag: PresentTag) => void
	): Promise<VerifiedWrite<T>> {
		const result: VerifiedWrite<T> = { uid, requested, readBack: null, matched: false, attempts: 0, error: null };
		const reader = this.#reader;
		if (!reader || this.#state.status !== 'ready') {
			result.error = new RfidError('link-lost', `${this.description}: no reader (${this.#state.reason ?? this.#state.status})`);
			return result;
		}
		while (result.attempts < this.#options.writeAttempts) {
			result.attempts++;
			try {
				await write(reader, uid);
			} catch (error) {
				result.error = asRfidError(error);
			}
			// Read back even after a reported failure: the write may have landed anyway.
			try {
				result.readBack = await readBack(reader, uid);
			} catch (error) {
				result.readBack = null;
				result.error = asRfidError(error);
			}
			if (result.readBack === requested) {
				result.matched = true;
				result.error = null;
				const tracked = this.#tracked.get(uid)?.tag;
				if (tracked) remember(tracked);
				return result;
			}
			if (isRfidError(result.error, 'link-lost')) return result;
		}
		result.error ??= new RfidError('reader-error', `${this.description}: ${uid} reads back ${String(result.readBack)} after writing ${String(requested)}`);
		return result;
	}

	// -------------------------------------------------------------------------------------------

	async #run(): Promise<void> {
		let delay = this.#options.reconnectDelayMs;
		const backOff = async (): Promise<void> => {
			await this.#pause(delay);
			delay = Math.min(delay * 2, this.#options.maxReconnectDelayMs);
		};
		while (this.#running) {
			// While connecting, the reason is the last failure (if any), so the technician page keeps showing it.
			this.#setState('connecting', this.#state.status === 'disconnected' ? this.#lastFailure : this.#state.reason);
			let link: ByteLink;
			try {
				link = await this.opener.open();
			} catch (error) {
				this.#setState('disconnected', `cannot open ${this.description}: ${(error as Error).message}`);
				await backOff();
				continue;
			}
			const reader = this.#createReader(link);
			// Known before it is ready so that stop() can close it mid-identify; writes still wait for 'ready'.
			this.#reader = reader;
			// Cuts the poll pause short on an unplug; a link we closed ourselves must not cut a backoff short.
			link.once('close', () => this.#reader === reader && this.#wakeUp());
			let identity: ReaderIdentity;
			try {
				if (!this.#running) throw new Error('stopped');
				identity = await reader.identify();
			} catch (error) {
				this.#reader = null;
				await reader.close().catch(() => undefined);
				if (!this.#running) break;
				this.#setState('disconnected', `no reader answering on ${this.description}: ${(error as Error).message}`);
				await backOff();
				continue;
			}
			delay = this.#options.reconnectDelayMs;
			this.#setState('ready', null, identity);
			const reason = await this.#pollUntilLost(reader);
			this.#reader = null;
			await reader.close().catch(() => undefined);
			this.#forgetAllTags();
			if (!this.#running) break;
			this.#setState('disconnected', reason);
			await backOff();
		}
		this.#forgetAllTags();
		this.#setState('disconnected', 'stopped');
	}

	#createReader(link: ByteLink): RfidReader {
		const commandTimeoutMs = this.#options.commandTimeoutMs;
		if (this.protocol === 'feig') {
			return new FeigReader(link, this.#options.feigAddress === undefined ? { commandTimeoutMs } : { commandTimeoutMs, address: this.#options.feigAddress });
		}
		return new BibliothecaReader(link, { commandTimeoutMs });
	}

	/** Polls until the reader is gone; returns why. */
	async #pollUntilLost(reader: RfidReader): Promise<string> {
		let timeouts = 0;
		while (this.#running) {
			if (!reader.isOpen) return `${this.description}: link lost`;
			try {
				const tags = await reader.inventory();
				timeouts = 0;
				await this.#reconcile(reader, tags.map((tag) => tag.uid));
			} catch (error) {
				if (isRfidError(error, 'link-lost')) return error.message;
				if (isRfidError(error, 'timeout') && ++timeouts >= this.#options.timeoutsBeforeLost) {
					return `${this.description}: reader stopped answering (${timeouts} timeouts)`;
				}
				// Anything else (RF trouble, one garbled reply) only costs this round.
			}
			if (!reader.isOpen) return `${this.description}: link lost`;
			await this.#pause(this.#options.pollIntervalMs);
		}
		return 'stopped';
	}

	async #reconcile(reader: RfidReader, uids: Uid[]): Promise<void> {
		const inField = new Set(uids);
		for (const [uid, entry] of this.#tracked) {
			if (inField.has(uid)) {
				entry.missedPolls = 0;
				continue;
			}
			if (++entry.missedPolls < this.#options.missedPollsBeforeRemoved) continue;
			this.#tracked.delete(uid);
			if (entry.tag || entry.unreadable) this.#emit('tag-removed', { uid });
		}
		for (const uid of inField) {
			const entry = this.#tracked.get(uid) ?? { tag: null, missedPolls: 0, readFailures: 0, unreadable: false };
			this.#tracked.set(uid, entry);
			if (entry.tag || entry.unreadable) continue;
			try {
				entry.tag = await this.#readArrival(reader, uid);
				if (this.#tracked.get(uid) === entry) this.#emit('tag-present', entry.tag);
			} catch (error) {
				if (isRfidError(error, 'link-lost')) throw error;
				if (++entry.readFailures >= this.#options.readAttemptsBeforeUnreadable) {
					entry.unreadable = true;
					this.#emit('tag-unreadable', { uid, error: asRfidError(error) });
				}
			}
		}
	}

	async #readArrival(reader: RfidReader, uid: Uid): Promise<PresentTag> {
		const info = await reader.readSystemInfo(uid);
		const chunks: Uint8Array[] = [];
		for (let first = 0; first < info.blockCount; first += this.#options.maxBlocksPerRead) {
			chunks.push(await reader.readBlocks(uid, first, Math.min(this.#options.maxBlocksPerRead, info.blockCount - first)));
		}
		const memory = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
		let offset = 0;
		for (const chunk of chunks) {
			memory.set(chunk, offset);
			offset += chunk.length;
		}
		let eas: boolean | undefined;
		try {
			eas = await reader.readEas(uid);
		} catch (error) {
			if (isRfidError(error, 'link-lost')) throw error;
			// Tags and readers without NXP EAS: the state stays unknown rather than guessed.
		}
		const tag: PresentTag = { uid, afi: info.afi, dsfid: info.dsfid, blockSize: info.blockSize, blockCount: info.blockCount, memory };
		if (eas !== undefined) tag.eas = eas;
		return tag;
	}

	/** With the reader gone nothing is known about the field, so every tag leaves; they return on reconnect. */
	#forgetAllTags(): void {
		const gone = [...this.#tracked.entries()];
		this.#tracked.clear();
		for (const [uid, entry] of gone) if (entry.tag || entry.unreadable) this.#emit('tag-removed', { uid });
	}

	get #lastFailure(): string | null {
		const reason = this.#state.reason;
		return reason === 'not started' || reason === 'stopped' ? null : reason;
	}

	#setState(status: RfidPadStatus, reason: string | null, identity: ReaderIdentity | null = null): void {
		if (this.#state.status === status && this.#state.reason === reason && this.#state.identity === identity) return;
		this.#state = { status, reason, identity };
		this.#emit('state', this.#state);
	}

	/** A throwing listener must not stop the pad; it is reported as a process warning instead. */
	#emit<K extends keyof RfidPadEvents>(event: K, ...args: RfidPadEvents[K]): void {
		try {
			(this.emit as (event: K, ...args: RfidPadEvents[K]) => boolean)(event, ...args);
		} catch (error) {
			process.emitWarning(error instanceof Error ? error : String(error), { code: 'RFID_PAD_LISTENER' });
		}
	}

	#pause(ms: number): Promise<void> {
		if (!this.#running) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(done, ms);
			const wake = (): void => done();
			function done(): void {
				clearTimeout(timer);
				resolve();
			}
			this.#wake = wake;
		});
	}

	#wakeUp(): void {
		const wake = this.#wake;
		this.#wake = null;
		wake?.();
	}
}

function asRfidError(error: unknown): RfidError {
	if (error instanceof RfidError) return error;
	return new RfidError('bad-reply', error instanceof Error ? error.message : String(error), { cause: error });
}
