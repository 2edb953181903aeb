import { EventEmitter } from 'node:events';
import type { ByteLink } from '../transport/byte-link';
import { decodeApdu, encodeApdu, formatCommand, type ZvtApdu } from './zvt-apdu';
import { ZvtDecodeError, ZvtLinkError } from './zvt-errors';
import { ACK, encodeSerialFrame, MAX_SEND_ATTEMPTS, NAK, SerialFrameReader } from './zvt-serial-framing';
import { encodeTcpApdu, TcpApduReader } from './zvt-tcp-framing';

/**
 * Whole APDUs over a ByteLink, in either ZVT framing. Both the driver (ECR side) and the simulator
 * (PT side) use it, so the simulator speaks exactly the bytes a real terminal would.
 */
export type ZvtFraming = 'tcp' | 'serial';

export interface ZvtChannelOptions {
	/** T1: a serial frame whose next byte is later than this is dropped. */
	interByteMs: number;
	/** How long to wait for the single-byte ACK of a serial frame before sending it again. */
	frameAcknowledgementMs: number;
	maxSendAttempts?: number;
}

export interface ZvtApduChannelEvents {
	apdu: [message: ZvtApdu];
	/** A damaged serial frame (answered with NAK) or a partial frame dropped after T1. For logs only. */
	'link-fault': [reason: string];
	close: [error: Error | null];
}

type FrameAcknowledgement = 'ack' | 'nak' | 'timeout' | 'closed';

export class ZvtApduChannel extends EventEmitter<ZvtApduChannelEvents> {
	readonly #serialReader: SerialFrameReader | null;
	readonly #tcpReader: TcpApduReader | null;
	#sendQueue: Promise<unknown> = Promise.resolve();
	#frameAcknowledged: ((result: FrameAcknowledgement) => void) | null = null;
	#interByteTimer: NodeJS.Timeout | null = null;
	#closed = false;

	constructor(
		readonly link: ByteLink,
		readonly framing: ZvtFraming,
		private readonly options: ZvtChannelOptions
	) {
		super();
		this.#serialReader = framing === 'serial' ? new SerialFrameReader() : null;
		this.#tcpReader = framing === 'tcp' ? new TcpApduReader() : null;
		link.on('data', (chunk) => this.#receive(chunk));
		link.once('close', (error) => {
			this.#closed = true;
			this.#clearInterByteTimer();
			this.#frameAcknowledged?.('closed');
			this.emit('close', error);
		});
		if (!link.isOpen) {
			this.#closed = true;
			queueMicrotask(() => this.emit('close', null));
		}
	}

	get description(): string {
		return this.link.description;
	}

	get isOpen(): boolean {
		return !this.#closed && this.link.isOpen;
	}

	/**
	 * Sends one APDU. Serial: waits for the peer's ACK byte and repeats the frame on NAK or silence,
	 * at most `maxSendAttempts` times in all. Rejects with ZvtLinkError when the link is gone or the
	 * peer never acknowledged. Sends are serialised so ACK bytes pair with the right frame.
	 */
	send(message: ZvtApdu): Promise<void> {
		const run = () => (this.framing === 'tcp' ? this.#write(encodeTcpApdu(encodeApdu(message))) : this.#sendFrame(message));
		const sent = this.#sendQueue.then(run, run);
		this.#sendQueue = sent.catch(() => undefined);
		return sent;
	}

	close(): Promise<void> {
		return this.link.close();
	}

	async #sendFrame(message: ZvtApdu): Promise<void> {
		const frame = encodeSerialFrame(encodeApdu(message));
		const attempts = this.options.maxSendAttempts ?? MAX_SEND_ATTEMPTS;
		for (let attempt = 1; attempt <= attempts; attempt++) {
			// Listen before writing: on a fast link the ACK can beat the write's own completion.
			const acknowledged = this.#awaitFrameAcknowledgement();
			await this.#write(frame);
			const result = await acknowledged;
			if (result === 'ack') return;
			if (result === 'closed') throw new ZvtLinkError(`${this.description}: link closed while sending ${formatCommand(message.command)}`);
		}
		throw new ZvtLinkError(`${this.description}: ${formatCommand(message.command)} not acknowledged after ${attempts} attempts`);
	}

	#awaitFrameAcknowledgement(): Promise<FrameAcknowledgement> {
		if (this.#closed) return Promise.resolve('closed');
		return new Promise((resolve) => {
			const timer = setTimeout(() => settle('timeout'), this.options.frameAcknowledgementMs);
			const settle = (result: FrameAcknowledgement) => {
				clearTimeout(timer);
				if (this.#frameAcknowledged === settle) this.#frameAcknowledged = null;
				resolve(result);
			};
			this.#frameAcknowledged = settle;
		});
	}

	async #write(bytes: Uint8Array): Promise<void> {
		if (this.#closed) throw new ZvtLinkError(`${this.description}: link closed`);
		try {
			await this.link.write(bytes);
		} catch (error) {
			throw new ZvtLinkError(`${this.description}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}

	#receive(chunk: Buffer): void {
		if (this.#tcpReader) {
			for (const bytes of this.#tcpReader.push(chunk)) this.emit('apdu', decodeApdu(bytes));
			return;
		}
		const reader = this.#serialReader;
		if (!reader) return;
		for (const received of reader.push(chunk)) {
			switch (received.type) {
				case 'ack':
				case 'nak':
					this.#frameAcknowledged?.(received.type);
					break;
				case 'bad-frame':
					this.#answerFrame(NAK);
					this.emit('link-fault', received.reason);
					break;
				case 'frame': {
					let message: ZvtApdu;
					try {
						message = decodeApdu(received.apdu);
					} catch (error) {
						// The CRC held but the length byte disagrees with the frame: repeating it will not help, but NAK is the only answer the link has.
						this.#answerFrame(NAK);
						this.emit('link-fault', error instanceof ZvtDecodeError ? error.message : 'unreadable APDU');
						break;
					}
					this.#answerFrame(ACK);
					this.emit('apdu', message);
					break;
				}
			}
		}
		this.#clearInterByteTimer();
		if (reader.inFrame) {
			this.#interByteTimer = setTimeout(() => {
				reader.reset();
				this.emit('link-fault', 'partial frame dropped after the inter-byte timeout');
			}, this.options.interByteMs);
		}
	}

	#answerFrame(byte: number): void {
		// A failed ACK/NAK write means the link is going; its close event reports that.
		this.link.write(Uint8Array.of(byte)).catch(() => undefined);
	}

	#clearInterByteTimer(): void {
		if (this.#interByteTimer) clearTimeout(this.#interByteTimer);
		this.#interByteTimer = null;
	}
}

export type InboxItem = { kind: 'apdu'; apdu: ZvtApdu } | { kind: 'timeout' } | { kind: 'closed'; error: Error | null };

/**
 * APDUs waiting to be read by a sequential protocol loop, with a per-read timeout. The loop reads
 * "the next message or nothing within T" without racing event listeners.
 */
export class ApduInbox {
	#queue: ZvtApdu[] = [];
	#waiter: ((item: InboxItem) => void) | null = null;
	#closed: { error: Error | null } | null = null;

	push(message: ZvtApdu): void {
		if (this.#closed) return;
		if (this.#waiter) this.#waiter({ kind: 'apdu', apdu: message });
		else this.#queue.push(message);
	}

	close(error: Error | null): void {
		if (this.#closed) return;
		this.#closed = { error };
		this.#waiter?.({ kind: 'closed', error });
	}

	clear(): void {
		this.#queue = [];
	}

	next(timeoutMs: number): Promise<InboxItem> {
		const queued = this.#queue.shift();
		if (queued) return Promise.resolve({ kind: 'apdu', apdu: queued });
		if (this.#closed) return Promise.resolve({ kind: 'closed', error: this.#closed.error });
		return new Promise((resolve) => {
			// Node fires a timer of more than 2^31-1 ms at once, so "no limit" must mean no timer.
			const timer = Number.isFinite(timeoutMs) ? setTimeout(() => settle({ kind: 'timeout' }), Math.max(0, timeoutMs)) : null;
			const settle = (item: InboxItem) => {
				if (timer) clearTimeout(timer);
				this.#waiter = null;
				resolve(item);
			};
			this.#waiter = settle;
		});
	}
}
