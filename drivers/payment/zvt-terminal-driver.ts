import { EventEmitter } from 'node:events';
import type { ByteLinkOpener } from '../transport/byte-link';
import {
	ABORT_REQUEST,
	DEFAULT_TEXT_ENCODING,
	POSITIVE_ACKNOWLEDGEMENT,
	RESULT_CODE_CANCELLED,
	RESULT_CODE_FUNCTION_NOT_POSSIBLE,
	ZvtCommand,
	decodeCompletion,
	decodeIntermediateStatus,
	decodePrintLine,
	decodePrintTextBlock,
	decodeStatusEnquiryCompletion,
	decodeStatusInformation,
	decodeTerminalAbort,
	describeIntermediateStatus,
	describeResultCode,
	encodeAuthorisation,
	encodeEndOfDay,
	encodeRegistration,
	encodeStatusEnquiry,
	formatCommand,
	isPositiveAcknowledgement,
	needsStaffAttention,
	negativeAcknowledgement,
	negativeAcknowledgementCode,
	type StatusInformation,
	type TerminalAbort,
	type ZvtApdu,
	type ZvtCurrency
} from './zvt-apdu';
import { ApduInbox, ZvtApduChannel, type ZvtFraming } from './zvt-apdu-channel';
import { ZvtCommandError, ZvtProtocolError } from './zvt-errors';

/** Sheet §2.2 timers. Tests shorten them; a site tunes them per terminal. */
export interface ZvtTimeouts {
	/** T1: longest gap between two bytes of one serial frame. */
	interByteMs: number;
	/** T3: wait for the acknowledgement of a command (`80 00 00`) and, on serial, of each frame (`06`). */
	acknowledgementMs: number;
	/** T4: a whole authorisation (or other master-rights command) from its acknowledgement to the completion or abort. */
	authorisationMs: number;
}

export const ZVT_DEFAULT_TIMEOUTS: ZvtTimeouts = { interByteMs: 200, acknowledgementMs: 5_000, authorisationMs: 180_000 };

export interface ZvtTerminalOptions {
	opener: ByteLinkOpener;
	/** `tcp` for a terminal on the network (port 20007 usually), `serial` for RS-232/USB-serial (8N2). */
	framing: ZvtFraming;
	timeouts?: Partial<ZvtTimeouts>;
	/** Character set of the terminal's texts; code page 437 unless agreed otherwise at registration. */
	textEncoding?: string;
}

/**
 * - `disconnected`: no link; the next command opens one (and registers again if `register` was called).
 * - `ready`: linked, no command running.
 * - `busy`: a command runs; the terminal is master until its completion or abort.
 * - `closed`: `close()` was called.
 */
export type ZvtTerminalState = 'disconnected' | 'ready' | 'busy' | 'closed';

/** One intermediate status (`04 FF`), for the kiosk display. */
export interface ZvtStatusEvent {
	code: number;
	/** Language-neutral id from the sheet's table (`insert-card`, `watch-pin-pad`, `please-wait`...), for the kiosk's own translations. */
	id: string;
	/** The sheet's English text, for logs. */
	text: string;
	/** What the terminal itself shows ("Karte einstecken"), lines joined by newlines; null when it sent only the code. */
	terminalText: string | null;
	timeoutSeconds: number | null;
}

export interface ZvtReceiptLineEvent {
	text: string;
	/** `06 D1` print attribute; null for lines of a `06 D3` text block. */
	attribute: number | null;
	/** `06 D3` receipt type (1 merchant, 2 customer, 3 administration); null for `06 D1` lines. */
	receiptType: number | null;
}

export interface ZvtTerminalEvents {
	status: [status: ZvtStatusEvent];
	'receipt-line': [line: ZvtReceiptLineEvent];
	state: [state: ZvtTerminalState];
}

export interface ZvtRegistration {
	terminalId: string | null;
	statusByte: number | null;
	currency: number | null;
	/** Status byte 01/02/04 (initialisation, diagnosis or OPT action needed): payments are refused until staff act. */
	outOfService: boolean;
}

export interface ZvtApprovedPayment {
	outcome: 'approved';
	amountCents: number;
	currency: number | null;
	receiptNumber: string | null;
	traceNumber: string | null;
	terminalId: string | null;
	/** Never more than the first 6 and last 4 digits. */
	maskedPan: string | null;
	cardName: string | null;
	/** BMP 8A, see ZVT_CARD_TYPES. */
	cardType: number | null;
	/** BMP 19, see PAYMENT_TYPES. */
	paymentType: number | null;
	/** Approval code. */
	authorisationAttribute: string | null;
	/** `MM-DD` and `HH:MM:SS` as the terminal booked it. */
	date: string | null;
	time: string | null;
	vuNumber: string | null;
	statusInformation: StatusInformation;
}

export interface ZvtDeclinedPayment {
	outcome: 'declined';
	code: number;
	id: string;
	text: string;
	/** BMP 3C additional text from the terminal, if any. */
	terminalText: string | null;
}

export interface ZvtAbortedPayment {
	outcome: 'aborted';
	/** `kiosk` when our `abort()` was accepted, `terminal` when the member cancelled or the terminal timed out. */
	by: 'kiosk' | 'terminal';
	code: number;
}

/**
 * `acknowledgement`: no `80 00 00` within T3, the terminal may or may not have started (check with a
 * status enquiry before trying again). `authorisation`: no result within T4. Either way the outcome is
 * unknown: never record the fee as paid.
 */
export interface ZvtTimedOutPayment {
	outcome: 'timeout';
	stage: 'acknowledgement' | 'authorisation';
}

/** The link went after the authorisation was sent: outcome unknown; reconcile (repeat receipt `06 20`), never record as paid. */
export interface ZvtDisconnectedPayment {
	outcome: 'disconnected';
}

/** Nothing was started: the terminal is unreachable, refused the command (`84 xx 00`) or is out of service. */
export interface ZvtUnavailablePayment {
	outcome: 'unavailable';
	reason: 'no-connection' | 'rejected' | 'out-of-service' | 'registration-failed' | 'closed';
	code: number | null;
	text: string;
}

export type ZvtPaymentResult = ZvtApprovedPayment | ZvtDeclinedPayment | ZvtAbortedPayment | ZvtTimedOutPayment | ZvtDisconnectedPayment | ZvtUnavailablePayment;

export interface ZvtStatusEnquiryResult {
	softwareVersion: string | null;
	terminalStatusCode: number | null;
	/** Terminal status code 00. */
	ready: boolean;
}

export interface ZvtEndOfDayResult {
	resultCode: number | null;
	totalCents: number | null;
	/** Null when the terminal completed without sending status information. */
	statusInformation: StatusInformation | null;
}

interface Connection {
	channel: ZvtApduChannel;
	inbox: ApduInbox;
	inTransaction: boolean;
	registered: boolean;
}

interface RegistrationRequest {
	password: string;
	configByte: number;
	currency: ZvtCurrency;
}

/** A running authorisation, so `abort()` can reach it from outside the command queue. */
interface Transaction {
	/** `acknowledgement` until the terminal accepted the command; it is master from then on. */
	phase: 'acknowledgement' | 'master';
	connection: Connection;
	abort: { settle: (accepted: boolean) => void; result: Promise<boolean>; sent: boolean } | null;
}

type ExchangeEnd =
	| { kind: 'completed'; completion: ZvtApdu; statusInformation: StatusInformation | null; unreadableStatusInformation: boolean }
	| { kind: 'terminal-abort'; abort: TerminalAbort; statusInformation: StatusInformation | null; abortSentByUs: boolean }
	| { kind: 'rejected'; code: number }
	| { kind: 'no-acknowledgement' }
	| { kind: 'timeout' }
	| { kind: 'disconnected' };

/**
 * ZVT ECR driver for one payment terminal. Commands run one at a time through a queue (sheet §7);
 * during a command the terminal is master and the driver only acknowledges, reporting intermediate
 * status and receipt lines as events. Payments always resolve with a `ZvtPaymentResult`.
 */
export class ZvtTerminal extends EventEmitter<ZvtTerminalEvents> {
	private readonly timeouts: ZvtTimeouts;
	private readonly textEncoding: string;
	private connection: Connection | null = null;
	private connecting: Promise<Connection> | null = null;
	private queue: Promise<unknown> = Promise.resolve();
	private currentState: ZvtTerminalState = 'disconnected';
	private registrationRequest: RegistrationRequest | null = null;
	private lastRegistration: ZvtRegistration | null = null;
	private transaction: Transaction | null = null;

	constructor(private readonly options: ZvtTerminalOptions) {
		super();
		this.timeouts = { ...ZVT_DEFAULT_TIMEOUTS, ...options.timeouts };
		this.textEncoding = options.textEncoding ?? DEFAULT_TEXT_ENCODING;
	}

	get state(): ZvtTerminalState {
		return this.currentState;
	}

	get description(): string {
		return this.options.opener.description;
	}

	/** The last registration's answer, or null before the first. */
	get registration(): ZvtRegistration | null {
		return this.lastRegistration;
	}

	/**
	 * Registers the kiosk as ECR (`06 00`). Remembered, and repeated after every reconnect before the
	 * next command, as the sheet's start-up flow asks. Throws ZvtCommandError when the terminal refuses.
	 */
	register(password: string, configByte: number, currency: ZvtCurrency = 'EUR'): Promise<ZvtRegistration> {
		const request = { password, configByte, currency };
		try {
			// Validate now, so a bad password fails this call rather than a later reconnect.
			encodeRegistration(request);
		} catch (error) {
			return Promise.reject(error);
		}
		return this.enqueue(async () => {
			const connection = await this.connectOrThrow('registration');
			const registration = await this.registerOn(connection, request);
			this.registrationRequest = request;
			return registration;
		});
	}

	/**
	 * Takes a card payment (`06 01`). Emits `status` and `receipt-line` while it runs. Resolves with
	 * the outcome; rejects only with ZvtEncodeError (bad amount) or ZvtProtocolError (the terminal
	 * broke the protocol; outcome unknown).
	 */
	authorize(amountCents: number, options: { currency?: ZvtCurrency } = {}): Promise<ZvtPaymentResult> {
		try {
			// Validate now: a bad amount is the caller's bug, not a payment outcome.
			encodeAuthorisation({ amountCents, currency: options.currency ?? null });
		} catch (error) {
			return Promise.reject(error);
		}
		return this.enqueue(async () => {
			const ready = await this.readyForPayment();
			if ('outcome' in ready) return ready;
			// The registration's currency is only known once a queued register() ran.
			const currency = options.currency ?? this.registrationRequest?.currency ?? null;
			const end = await this.exchange(ready, encodeAuthorisation({ amountCents, currency }), { abortable: true });
			return this.paymentResult(amountCents, end, ready);
		});
	}

	/**
	 * Asks the terminal to abort the running payment (`06 B0`), e.g. when the member walks away.
	 * Resolves true when the terminal acknowledged it (the payment then ends `aborted` by the kiosk),
	 * false when no payment runs or the terminal refused (once online with the host it may ignore
	 * the abort: the payment's own result still decides).
	 */
	abort(): Promise<boolean> {
		const transaction = this.transaction;
		if (!transaction) return Promise.resolve(false);
		if (transaction.abort) return transaction.abort.result;
		let settle: (accepted: boolean) => void = () => undefined;
		const result = new Promise<boolean>((resolve) => (settle = resolve));
		const timer = setTimeout(() => abort.settle(false), this.timeouts.acknowledgementMs);
		const abort = {
			result,
			sent: false,
			settle: (accepted: boolean) => {
				clearTimeout(timer);
				abort.settle = () => undefined;
				settle(accepted);
			}
		};
		transaction.abort = abort;
		// Before the terminal took master rights the abort would cross its acknowledgement: send it once it has.
		if (transaction.phase === 'master') this.sendAbort(transaction);
		return result;
	}

	/** `05 01`: a health check. Throws ZvtCommandError when the terminal does not answer or refuses. */
	statusEnquiry(): Promise<ZvtStatusEnquiryResult> {
		return this.enqueue(async () => {
			const password = this.passwordOrThrow('status enquiry');
			const connection = await this.readyOrThrow('status enquiry');
			const end = await this.exchange(connection, encodeStatusEnquiry(password), { abortable: false });
			const completion = this.completionOrThrow('status enquiry', end);
			try {
				const decoded = decodeStatusEnquiryCompletion(completion.data, this.textEncoding);
				return { softwareVersion: decoded.softwareVersion, terminalStatusCode: decoded.terminalStatusCode, ready: decoded.terminalStatusCode === 0 };
			} catch {
				// Some terminals answer with a plain BMP completion; being answered at all is the health signal then.
				return { softwareVersion: null, terminalStatusCode: null, ready: true };
			}
		});
	}

	/** `06 50`: settlement, once a day outside opening hours. Throws ZvtCommandError when it fails. */
	endOfDay(): Promise<ZvtEndOfDayResult> {
		return this.enqueue(async () => {
			const password = this.passwordOrThrow('end-of-day');
			const connection = await this.readyOrThrow('end-of-day');
			const end = await this.exchange(connection, encodeEndOfDay(password), { abortable: false });
			if (end.kind === 'completed' && end.unreadableStatusInformation) throw new ZvtProtocolError('end-of-day: unreadable status information');
			this.completionOrThrow('end-of-day', end);
			const info = end.kind === 'completed' ? end.statusInformation : null;
			return { resultCode: info?.resultCode ?? null, totalCents: info?.amountCents ?? null, statusInformation: info };
		});
	}

	/** Closes the link; a running payment ends `disconnected`, later calls are refused. */
	async close(): Promise<void> {
		this.setState('closed');
		const connection = this.connection;
		this.connection = null;
		if (connection) await connection.channel.close();
	}

	// -----------------------------------------------------------------------------------------
	// queue and connection

	private enqueue<T>(run: () => Promise<T>): Promise<T> {
		const result = this.queue.then(run, run);
		this.queue = result.catch(() => undefined);
		return result;
	}

	private setState(state: ZvtTerminalState): void {
		if (this.currentState === state || this.currentState === 'closed') return;
		this.currentState = state;
		this.emit('state', state);
	}

	private async connect(): Promise<Connection> {
		if (this.currentState === 'closed') throw new ZvtCommandError('connect', 'unavailable', null, 'the driver is closed');
		if (this.connection?.channel.isOpen) return this.connection;
		this.connecting ??= this.openConnection().finally(() => (this.connecting = null));
		return this.connecting;
	}

	private async openConnection(): Promise<Connection> {
		const link = await this.options.opener.open();
		const channel = new ZvtApduChannel(link, this.options.framing, {
			interByteMs: this.timeouts.interByteMs,
			frameAcknowledgementMs: this.timeouts.acknowledgementMs
		});
		const connection: Connection = { channel, inbox: new ApduInbox(), inTransaction: false, registered: false };
		channel.on('apdu', (message) => this.onApdu(connection, message));
		channel.once('close', (error) => {
			connection.inbox.close(error);
			if (this.connection === connection) {
				this.connection = null;
				this.setState('disconnected');
			}
		});
		if (this.currentState === 'closed') {
			await channel.close();
			throw new ZvtCommandError('connect', 'unavailable', null, 'the driver is closed');
		}
		this.connection = connection;
		this.setState('ready');
		return connection;
	}

	private onApdu(connection: Connection, message: ZvtApdu): void {
		if (connection.inTransaction) return connection.inbox.push(message);
		// Outside a command the terminal has nothing to tell us, but every APDU must still be answered.
		if (isPositiveAcknowledgement(message) || negativeAcknowledgementCode(message) !== null) return;
		connection.channel.send(POSITIVE_ACKNOWLEDGEMENT).catch(() => undefined);
	}

	/**
	 * A late answer on this link would be read as the answer to the next command: the next command
	 * gets a fresh link. The old one closes once `lastWords` went out.
	 */
	private dropConnection(connection: Connection, lastWords: Promise<unknown> = Promise.resolve()): void {
		if (this.connection === connection) {
			this.connection = null;
			this.setState('disconnected');
		}
		void lastWords.catch(() => undefined).then(() => connection.channel.close().catch(() => undefined));
	}

	private async connectOrThrow(command: string): Promise<Connection> {
		try {
			return await this.connect();
		} catch (error) {
			if (error instanceof ZvtCommandError) throw error;
			throw new ZvtCommandError(command, 'unavailable', null, error instanceof Error ? error.message : String(error));
		}
	}

	/** Connected and, after a reconnect, registered again. */
	private async readyOrThrow(command: string): Promise<Connection> {
		const connection = await this.connectOrThrow(command);
		if (this.registrationRequest && !connection.registered) await this.registerOn(connection, this.registrationRequest);
		return connection;
	}

	private async readyForPayment(): Promise<Connection | ZvtUnavailablePayment> {
		let connection: Connection;
		try {
			connection = await this.connect();
		} catch (error) {
			const closed = this.currentState === 'closed';
			return { outcome: 'unavailable', reason: closed ? 'closed' : 'no-connection', code: null, text: error instanceof Error ? error.message : String(error) };
		}
		if (this.registrationRequest && !connection.registered) {
			try {
				await this.registerOn(connection, this.registrationRequest);
			} catch (error) {
				return { outcome: 'unavailable', reason: 'registration-failed', code: error instanceof ZvtCommandError ? error.code : null, text: error instanceof Error ? error.message : String(error) };
			}
		}
		if (this.lastRegistration?.outOfService) {
			return { outcome: 'unavailable', reason: 'out-of-service', code: this.lastRegistration.statusByte, text: 'the terminal needs initialisation, diagnosis or an OPT action' };
		}
		return connection;
	}

	private passwordOrThrow(command: string): string {
		if (!this.registrationRequest) throw new ZvtCommandError(command, 'unavailable', null, 'register() first: the command needs the terminal password');
		return this.registrationRequest.password;
	}

	private async registerOn(connection: Connection, request: RegistrationRequest): Promise<ZvtRegistration> {
		const end = await this.exchange(connection, encodeRegistration(request), { abortable: false });
		const completion = this.completionOrThrow('registration', end);
		let decoded;
		try {
			decoded = decodeCompletion(completion.data);
		} catch (error) {
			this.dropConnection(connection);
			throw new ZvtProtocolError(`registration: unreadable completion (${error instanceof Error ? error.message : String(error)})`);
		}
		connection.registered = true;
		this.lastRegistration = {
			terminalId: decoded.terminalId,
			statusByte: decoded.statusByte,
			currency: decoded.currency,
			outOfService: needsStaffAttention(decoded.statusByte)
		};
		return this.lastRegistration;
	}

	private completionOrThrow(command: string, end: ExchangeEnd): ZvtApdu {
		switch (end.kind) {
			case 'completed':
				return end.completion;
			case 'terminal-abort':
				throw new ZvtCommandError(command, 'aborted', end.abort.resultCode, `terminal aborted: ${describeResultCode(end.abort.resultCode).text}`);
			case 'rejected':
				throw new ZvtCommandError(command, 'rejected', end.code, `terminal refused: ${describeResultCode(end.code).text}`);
			case 'no-acknowledgement':
				throw new ZvtCommandError(command, 'timeout', null, 'no acknowledgement within T3');
			case 'timeout':
				throw new ZvtCommandError(command, 'timeout', null, 'no completion within T4');
			case 'disconnected':
				throw new ZvtCommandError(command, 'disconnected', null, 'the link went before the completion');
		}
	}

	// -----------------------------------------------------------------------------------------
	// one command with master-rights transfer

	/**
	 * Sends `request`, waits T3 for its acknowledgement, then acknowledges everything the terminal
	 * sends until its completion (`06 0F`) or abort (`06 1E`), within T4.
	 */
	private async exchange(connection: Connection, request: ZvtApdu, options: { abortable: boolean }): Promise<ExchangeEnd> {
		const transaction: Transaction = { phase: 'acknowledgement', connection, abort: null };
		if (options.abortable) this.transaction = transaction;
		connection.inbox.clear();
		connection.inTransaction = true;
		this.setState('busy');
		try {
			const end = await this.runExchange(transaction, request);
			// After T4 the terminal may still be waiting for a card: ask it to stop before we hang up.
			if (end.kind === 'timeout') this.dropConnection(connection, connection.channel.send(ABORT_REQUEST));
			if (end.kind === 'no-acknowledgement') this.dropConnection(connection);
			transaction.abort?.settle(end.kind === 'terminal-abort');
			return end;
		} finally {
			connection.inTransaction = false;
			if (this.transaction === transaction) this.transaction = null;
			if (this.connection === connection) this.setState('ready');
		}
	}

	private async runExchange(transaction: Transaction, request: ZvtApdu): Promise<ExchangeEnd> {
		const { channel, inbox } = transaction.connection;
		try {
			await channel.send(request);
		} catch {
			return channel.isOpen ? { kind: 'no-acknowledgement' } : { kind: 'disconnected' };
		}
		const first = await inbox.next(this.timeouts.acknowledgementMs);
		if (first.kind === 'timeout') return { kind: 'no-acknowledgement' };
		if (first.kind === 'closed') return { kind: 'disconnected' };
		const refusal = negativeAcknowledgementCode(first.apdu);
		if (refusal !== null) return { kind: 'rejected', code: refusal };
		transaction.phase = 'master';
		if (transaction.abort && !transaction.abort.sent) this.sendAbort(transaction);
		// A terminal that skips the acknowledgement and starts talking has accepted the command all the same.
		let pending: ZvtApdu | null = isPositiveAcknowledgement(first.apdu) ? null : first.apdu;
		const deadline = Date.now() + this.timeouts.authorisationMs;
		let statusInformation: StatusInformation | null = null;
		let unreadableStatusInformation = false;
		for (;;) {
			let message: ZvtApdu;
			if (pending) {
				message = pending;
				pending = null;
			} else {
				const item = await inbox.next(deadline - Date.now());
				if (item.kind === 'timeout') return { kind: 'timeout' };
				if (item.kind === 'closed') return { kind: 'disconnected' };
				message = item.apdu;
			}
			if (isPositiveAcknowledgement(message)) {
				transaction.abort?.settle(true);
				continue;
			}
			if (negativeAcknowledgementCode(message) !== null) {
				transaction.abort?.settle(false);
				continue;
			}
			const known = this.isTerminalMessage(message.command);
			try {
				await channel.send(known ? POSITIVE_ACKNOWLEDGEMENT : negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE));
			} catch {
				return { kind: 'disconnected' };
			}
			switch (message.command) {
				case ZvtCommand.intermediateStatus:
					this.reportStatus(message);
					break;
				case ZvtCommand.printLine:
				case ZvtCommand.printTextBlock:
					this.reportReceiptLines(message);
					break;
				case ZvtCommand.statusInformation:
					try {
						statusInformation = decodeStatusInformation(message.data, this.textEncoding);
						unreadableStatusInformation = false;
					} catch {
						// Acknowledged all the same: the terminal must reach its completion so the link stays in step.
						unreadableStatusInformation = true;
					}
					break;
				case ZvtCommand.completion:
					return { kind: 'completed', completion: message, statusInformation, unreadableStatusInformation };
				case ZvtCommand.terminalAbort: {
					let abort: TerminalAbort;
					try {
						abort = decodeTerminalAbort(message.data);
					} catch {
						abort = { resultCode: message.data[0] ?? RESULT_CODE_CANCELLED, receiptNumber: null, tlv: null };
					}
					return { kind: 'terminal-abort', abort, statusInformation, abortSentByUs: transaction.abort?.sent ?? false };
				}
			}
		}
	}

	private isTerminalMessage(command: number): boolean {
		return (
			command === ZvtCommand.intermediateStatus ||
			command === ZvtCommand.printLine ||
			command === ZvtCommand.printTextBlock ||
			command === ZvtCommand.statusInformation ||
			command === ZvtCommand.completion ||
			command === ZvtCommand.terminalAbort
		);
	}

	private sendAbort(transaction: Transaction): void {
		const abort = transaction.abort;
		if (!abort || abort.sent) return;
		abort.sent = true;
		transaction.connection.channel.send(ABORT_REQUEST).catch(() => abort.settle(false));
	}

	private reportStatus(message: ZvtApdu): void {
		let status;
		try {
			status = decodeIntermediateStatus(message.data, this.textEncoding);
		} catch {
			// A display text we cannot read must not end a payment; the code alone is still worth showing.
			const code = message.data[0];
			if (code === undefined) return;
			status = { code, timeoutSeconds: null, displayLines: [] };
		}
		const description = describeIntermediateStatus(status.code);
		this.emit('status', {
			code: status.code,
			id: description.id,
			text: description.text,
			terminalText: status.displayLines.length > 0 ? status.displayLines.join('\n') : null,
			timeoutSeconds: status.timeoutSeconds
		});
	}

	private reportReceiptLines(message: ZvtApdu): void {
		try {
			if (message.command === ZvtCommand.printLine) {
				const line = decodePrintLine(message.data, this.textEncoding);
				this.emit('receipt-line', { text: line.text, attribute: line.attribute, receiptType: null });
				return;
			}
			const block = decodePrintTextBlock(message.data, this.textEncoding);
			for (const text of block.lines) this.emit('receipt-line', { text, attribute: null, receiptType: block.receiptType });
		} catch {
			// An unreadable receipt line is lost for the printout, not for the payment: the journal keeps the receipt.
		}
	}

	private paymentResult(requestedCents: number, end: ExchangeEnd, connection: Connection): ZvtPaymentResult {
		switch (end.kind) {
			case 'rejected': {
				const description = describeResultCode(end.code);
				return { outcome: 'unavailable', reason: 'rejected', code: end.code, text: description.text };
			}
			case 'no-acknowledgement':
				return { outcome: 'timeout', stage: 'acknowledgement' };
			case 'timeout':
				return { outcome: 'timeout', stage: 'authorisation' };
			case 'disconnected':
				return { outcome: 'disconnected' };
			case 'terminal-abort': {
				const code = end.abort.resultCode;
				if (code === RESULT_CODE_CANCELLED) {
					return { outcome: 'aborted', by: end.abortSentByUs ? 'kiosk' : 'terminal', code };
				}
				const resultCode = end.statusInformation?.resultCode;
				const declineCode = resultCode !== null && resultCode !== undefined && resultCode !== 0 ? resultCode : code;
				return this.declined(declineCode, end.statusInformation);
			}
			case 'completed': {
				const info = end.statusInformation;
				if (end.unreadableStatusInformation || !info) {
					this.dropConnection(connection);
					throw new ZvtProtocolError(info ? 'payment: unreadable status information' : 'payment: completion without status information');
				}
				if (info.resultCode !== null && info.resultCode !== 0) return this.declined(info.resultCode, info);
				return {
					outcome: 'approved',
					amountCents: info.amountCents ?? requestedCents,
					currency: info.currency,
					receiptNumber: info.receiptNumber,
					traceNumber: info.traceNumber,
					terminalId: info.terminalId ?? this.lastRegistration?.terminalId ?? null,
					maskedPan: info.maskedPan,
					cardName: info.cardName,
					cardType: info.zvtCardType,
					paymentType: info.paymentType,
					authorisationAttribute: info.authorisationAttribute,
					date: info.date,
					time: info.time,
					vuNumber: info.vuNumber,
					statusInformation: info
				};
			}
		}
	}

	private declined(code: number, info: StatusInformation | null): ZvtDeclinedPayment {
		const description = describeResultCode(code);
		return { outcome: 'declined', code, id: description.id, text: description.text, terminalText: info?.additionalText ?? null };
	}
}
