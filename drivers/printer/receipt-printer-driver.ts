import { EventEmitter } from 'node:events';
import type { ByteLink, ByteLinkOpener } from '../transport/byte-link';
import {
	decodeStatusReply,
	encodeReceipt,
	encodeStatusRequest,
	isStatusReplyByte,
	type PrinterCodePage,
	type ReceiptDocument,
	type StatusQuery,
	type StatusReplies
} from './escpos';

export type PrinterErrorKind = 'offline';

/** Callers branch on `kind`: `offline` means "no receipt printer" to the member. */
export class PrinterError extends Error {
	constructor(
		readonly kind: PrinterErrorKind,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'PrinterError';
	}
}

/**
 * - `disconnected`: no link; the reason says why (never started, unplugged, absent, stopped).
 * - `connecting`: the first attempt after `start()`.
 * - `ready`: the link is open; the reason is its description.
 */
export type PrinterConnectionState = 'disconnected' | 'connecting' | 'ready';

export interface ReceiptPrinterEvents {
	state: [state: PrinterConnectionState, reason: string | null];
}

/**
 * What the printer said, read from three DLE EOT replies. `no-answer` when it stayed silent
 * (switched off behind a serial adapter, or a print server that does not pass replies on).
 */
export type PrinterCondition = 'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'no-answer';

export interface PrinterStatusFlags {
	offline: boolean;
	coverOpen: boolean;
	paperOut: boolean;
	paperNearEnd: boolean;
	error: boolean;
}

export interface PrinterStatus {
	condition: PrinterCondition;
	/** Null when the printer did not answer. */
	flags: PrinterStatusFlags | null;
}

export interface ReceiptPrinterOptions {
	opener: ByteLinkOpener;
	/** Characters per line at normal size (42, 48 or 32 on the usual printers). */
	columns?: number;
	codePage?: PrinterCodePage;
	/** Between attempts to reopen a lost or absent printer. */
	reconnectDelayMs?: number;
	/** How long to wait for each status reply byte. */
	statusTimeoutMs?: number;
}

interface ReplyWaiter {
	resolve(byte: number | null): void;
	reject(error: Error): void;
}

/**
 * An ESC/POS receipt printer on a serial port or TCP 9100. It opens the link on `start()`, and
 * after an unplug or when the printer is absent it keeps trying in the background; nothing it
 * does throws outside a `print()` or `status()` promise.
 */
export class ReceiptPrinter extends EventEmitter<ReceiptPrinterEvents> {
	readonly #options: ReceiptPrinterOptions;
	readonly #reconnectDelayMs: number;
	readonly #statusTimeoutMs: number;
	#state: PrinterConnectionState = 'disconnected';
	#reason: string | null = 'not started';
	#running = false;
	/** Bumped by stop(), so an open() still under way from before is closed when it lands. */
	#generation = 0;
	#link: ByteLink | null = null;
	#reconnectTimer: NodeJS.Timeout | null = null;
	#statusQueue: Promise<unknown> = Promise.resolve();
	#replyWaiter: ReplyWaiter | null = null;

	constructor(options: ReceiptPrinterOptions) {
		super();
		this.#options = options;
		this.#reconnectDelayMs = options.reconnectDelayMs ?? 2_000;
		this.#statusTimeoutMs = options.statusTimeoutMs ?? 1_000;
	}

	get state(): PrinterConnectionState {
		return this.#state;
	}

	get stateReason(): string | null {
		return this.#reason;
	}

	get description(): string {
		return this.#options.opener.description;
	}

	/** Starts connecting in the background. Idempotent. */
	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#setState('connecting', null);
		void this.#connect();
	}

	/** Closes the link and stops reconnecting. */
	async stop(): Promise<void> {
		this.#running = false;
		this.#generation++;
		if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
		this.#reconnectTimer = null;
		const link = this.#link;
		this.#dropLink(new PrinterError('offline', 'the printer driver was stopped'));
		this.#setState('disconnected', 'stopped');
		await link?.close();
	}

	/**
	 * Resolves once the bytes were handed to the link, which for a printer means "printing". Rejects
	 * with PrinterError('offline') when there is no printer or it went away while writing.
	 */
	async print(document: ReceiptDocument): Promise<void> {
		// Encoded first so a malformed document fails the same way whether the printer is there or not.
		const bytes = encodeReceipt(document, { columns: this.#options.columns, codePage: this.#options.codePage });
		const link = this.#readyLink();
		try {
			// One write per receipt: a status request can then never land inside a command.
			await link.write(bytes);
		} catch (error) {
			throw new PrinterError('offline', `the receipt printer went away while printing (${messageOf(error)})`, { cause: error });
		}
	}

	/** Asks the printer (DLE EOT 1, 2, 4). Rejects with PrinterError('offline') when there is no link. */
	status(): Promise<PrinterStatus> {
		const result = this.#statusQueue.then(() => this.#queryStatus());
		this.#statusQueue = result.catch(() => undefined);
		return result;
	}

	async #queryStatus(): Promise<PrinterStatus> {
		const printer = await this.#ask('printer');
		if (!printer) return { condition: 'no-answer', flags: null };
		const offlineCause = await this.#ask('offline-cause');
		if (!offlineCause) return { condition: 'no-answer', flags: null };
		const paper = await this.#ask('paper-sensor');
		if (!paper) return { condition: 'no-answer', flags: null };
		const flags: PrinterStatusFlags = {
			offline: printer.offline,
			coverOpen: offlineCause.coverOpen,
			paperOut: paper.paperOut || offlineCause.paperEndStop,
			paperNearEnd: paper.paperNearEnd,
			error: offlineCause.error
		};
		return { condition: conditionOf(flags), flags };
	}

	/** Null when no reply came in time. Callers are serialised by `status()`, so one waits at a time. */
	async #ask<Q extends StatusQuery>(query: Q): Promise<StatusReplies[Q] | null> {
		const link = this.#readyLink();
		const reply = new Promise<number | null>((resolve, reject) => {
			const timer = setTimeout(() => waiter.resolve(null), this.#statusTimeoutMs);
			const waiter: ReplyWaiter = {
				resolve: (byte) => {
					clearTimeout(timer);
					if (this.#replyWaiter === waiter) this.#replyWaiter = null;
					resolve(byte);
				},
				reject: (error) => {
					clearTimeout(timer);
					if (this.#replyWaiter === waiter) this.#replyWaiter = null;
					reject(error);
				}
			};
			this.#replyWaiter = waiter;
		});
		try {
			await link.write(encodeStatusRequest(query));
		} catch (error) {
			this.#replyWaiter?.reject(new PrinterError('offline', `the receipt printer went away (${messageOf(error)})`, { cause: error }));
		}
		const byte = await reply;
		return byte === null ? null : decodeStatusReply(query, byte);
	}

	#readyLink(): ByteLink {
		if (this.#state !== 'ready' || !this.#link) {
			throw new PrinterError('offline', `no receipt printer: ${this.#reason ?? this.#state}`);
		}
		return this.#link;
	}

	async #connect(): Promise<void> {
		this.#reconnectTimer = null;
		const generation = this.#generation;
		const current = (): boolean => this.#running && this.#generation === generation;
		let link: ByteLink;
		try {
			link = await this.#options.opener.open();
		} catch (error) {
			if (!current()) return;
			this.#setState('disconnected', messageOf(error));
			this.#scheduleReconnect();
			return;
		}
		if (!current()) {
			await link.close();
			return;
		}
		this.#link = link;
		const onClose = (error: Error | null): void => {
			if (this.#link !== link) return;
			const reason = error ? messageOf(error) : `${link.description}: closed by the printer`;
			this.#dropLink(new PrinterError('offline', `the receipt printer went away (${reason})`));
			this.#setState('disconnected', reason);
			this.#scheduleReconnect();
		};
		link.on('data', (chunk) => {
			for (const byte of chunk) {
				if (isStatusReplyByte(byte) && this.#replyWaiter) this.#replyWaiter.resolve(byte);
			}
		});
		link.once('close', onClose);
		this.#setState('ready', link.description);
		// The link may have gone between open() and our listener.
		if (!link.isOpen) onClose(null);
	}

	#dropLink(error: PrinterError): void {
		this.#link = null;
		this.#replyWaiter?.reject(error);
	}

	#scheduleReconnect(): void {
		if (!this.#running || this.#reconnectTimer) return;
		this.#reconnectTimer = setTimeout(() => void this.#connect(), this.#reconnectDelayMs);
		// A printer that never comes back must not keep the process alive on its own.
		this.#reconnectTimer.unref();
	}

	/**
	 * Retries that fail the same way are not announced again, so the technician page does not
	 * flicker between connecting and disconnected every few seconds.
	 */
	#setState(state: PrinterConnectionState, reason: string | null): void {
		if (state === this.#state && reason === this.#reason) return;
		this.#state = state;
		this.#reason = reason;
		this.emit('state', state, reason);
	}
}

function conditionOf(flags: PrinterStatusFlags): PrinterCondition {
	if (flags.coverOpen) return 'cover-open';
	if (flags.paperOut) return 'paper-out';
	if (flags.offline || flags.error) return 'offline';
	if (flags.paperNearEnd) return 'paper-near-end';
	return 'ok';
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
