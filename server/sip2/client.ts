import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import { decodeText, type SipCharset } from './charset';
import { decodeMessage, encodeMessage } from './codec';
import {
	Sip2ConnectionError,
	Sip2Error,
	Sip2LoginError,
	Sip2ProtocolError,
	Sip2TimeoutError,
	Sip2UnavailableError,
	SipChecksumError,
	SipParseError
} from './errors';
import { SipFrameReader, TERMINATOR_BYTES, type SipTerminator } from './framing';
import { RESPONSE_TO, type ResponseTo, type SipMessage, type SipMessageByCommand, type SipRequest } from './messages';
import { redactSipText } from './redact';
import type { SipTransport } from './transport';

export interface Sip2ClientOptions {
	transport: SipTransport;
	charset?: SipCharset;
	/** What we end our messages with (default CR). Answers are accepted with any terminator. */
	terminator?: SipTerminator;
	/** Send AY/AZ and check them (default true). Answers without them are accepted either way. */
	errorDetection?: boolean;
	/** SIP login (93). Null for ACSs that need none. */
	login: { user: string; password: string; locationCode?: string } | null;
	/** Per request. On a timeout the connection is dropped and made again. */
	requestTimeoutMs?: number;
	/** A 99 status request when the connection has been idle this long. */
	heartbeatMs?: number;
	/** How often one request may be resent after a bad checksum or a 96. */
	retries?: number;
	/** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter. */
	backoff?: { initialMs: number; maxMs: number };
	/** Wait this long for the connection to come up before a request fails as unavailable. */
	availabilityWaitMs?: number;
	logger?: Logger;
}

/**
 * - `connecting`: no usable connection yet (first start, or after a failure, between backoffs).
 * - `online`: logged in, and the ACS's last status said it is on-line.
 * - `acs-offline`: connected, but the ACS's last status said on-line = N.
 * - `closed`: `close()` was called.
 */
export type Sip2ClientState = 'connecting' | 'online' | 'acs-offline' | 'closed';

export interface Sip2ClientEvents {
	state: [state: Sip2ClientState, reason: string | null];
	'acs-status': [status: SipMessageByCommand<'98'>];
}

interface Connection {
	socket: Duplex;
	reader: SipFrameReader;
	frames: Buffer[];
	waiting: ((frame: Buffer | Error) => void) | null;
	closed: Promise<void>;
	closedError: Error | null;
}

/**
 * A SIP2 self-check client: one connection, one request in flight, login (93) and status (99) on
 * every connect and a 99 heartbeat when idle; resends per the error-detection rules; reconnects
 * with backoff. Every request either resolves with its typed response or rejects with a Sip2Error.
 */
export class Sip2Client extends EventEmitter<Sip2ClientEvents> {
	private readonly options: Required<Omit<Sip2ClientOptions, 'login' | 'logger' | 'transport'>>;
	private readonly log: Logger;
	private connection: Connection | null = null;
	private currentState: Sip2ClientState = 'connecting';
	private sequence = 0;
	private queue: Promise<unknown> = Promise.resolve();
	private lastActivity = 0;
	private heartbeat: NodeJS.Timeout | null = null;
	private wake: (() => void) | null = null;
	private loop: Promise<void> | null = null;
	private lastAcsStatus: SipMessageByCommand<'98'> | null = null;

	constructor(private readonly config: Sip2ClientOptions) {
		super();
		this.options = {
			charset: config.charset ?? 'utf-8',
			terminator: config.terminator ?? 'CR',
			errorDetection: config.errorDetection ?? true,
			requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
			heartbeatMs: config.heartbeatMs ?? 30_000,
			retries: config.retries ?? 3,
			backoff: config.backoff ?? { initialMs: 500, maxMs: 30_000 },
			availabilityWaitMs: config.availabilityWaitMs ?? 3_000
		};
		this.log = (config.logger ?? silentLogger).child({ component: 'sip2-client', acs: config.transport.description });
	}

	get state(): Sip2ClientState {
		return this.currentState;
	}

	/** The ACS's last 98 status, or null before the first one. */
	get acsStatus(): SipMessageByCommand<'98'> | null {
		return this.lastAcsStatus;
	}

	/** Starts connecting in the background. Idempotent. */
	start(): void {
		if (this.currentState === 'closed') throw new Sip2UnavailableError();
		this.loop ??= this.runConnectionLoop();
	}

	/** Resolves once online, or rejects with Sip2UnavailableError after `timeoutMs`. */
	async waitUntilOnline(timeoutMs = this.options.availabilityWaitMs): Promise<void> {
		if (this.currentState === 'online') return;
		if (this.currentState === 'closed') throw new Sip2UnavailableError();
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.off('state', onState);
				reject(new Sip2UnavailableError());
			}, timeoutMs);
			const onState = (state: Sip2ClientState) => {
				if (state === 'online' || state === 'closed') {
					clearTimeout(timer);
					this.off('state', onState);
					if (state === 'online') resolve();
					else reject(new Sip2UnavailableError());
				}
			};
			this.on('state', onState);
		});
	}

	/**
	 * Sends one request and resolves with its response. Requests are served one at a time in
	 * call order.
	 */
	request<R extends SipRequest>(message: R): Promise<ResponseTo<R>> {
		return this.enqueue(async () => {
			if (this.currentState !== 'online' || !this.connection) await this.waitUntilOnline();
			const connection = this.connection;
			if (!connection) throw new Sip2UnavailableError();
			return this.exchangeOrDrop(connection, message);
		});
	}

	/** Serialises work on the connection: one request in flight, in call order. */
	private enqueue<T>(run: () => Promise<T>): Promise<T> {
		const result = this.queue.then(run, run);
		this.queue = result.catch(() => undefined);
		return result;
	}

	private async exchangeOrDrop<R extends SipRequest>(connection: Connection, message: R): Promise<ResponseTo<R>> {
		try {
			return await this.exchange(connection, message);
		} catch (error) {
			if (error instanceof Sip2TimeoutError || error instanceof Sip2ConnectionError || error instanceof Sip2ProtocolError) {
				// We can no longer tell which answer belongs to which request: start over.
				this.dropConnection(connection, error);
			}
			throw error;
		}
	}

	/** Ends the connection and stops reconnecting. Pending requests fail as unavailable. */
	async close(): Promise<void> {
		this.setState('closed', 'closed by the kiosk');
		if (this.heartbeat) clearInterval(this.heartbeat);
		this.wake?.();
		if (this.connection) this.dropConnection(this.connection, new Sip2UnavailableError());
		await this.loop;
	}

	private isClosed(): boolean {
		return this.currentState === 'closed';
	}

	private async runConnectionLoop(): Promise<void> {
		let delay = this.options.backoff.initialMs;
		while (!this.isClosed()) {
			let reason: string;
			try {
				const connection = await this.connect();
				delay = this.options.backoff.initialMs;
				await connection.closed;
				reason = connection.closedError?.message ?? 'connection closed';
			} catch (error) {
				reason = error instanceof Error ? error.message : String(error);
				if (error instanceof Sip2LoginError) this.log.error('SIP2 login refused: check SIP2_USER and SIP2_PASSWORD');
			}
			if (this.isClosed()) break;
			this.setState('connecting', reason);
			const wait = Math.round(delay * (0.75 + Math.random() * 0.5));
			this.log.warn('library system connection lost; reconnecting', { reason, retryInMs: wait });
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, wait);
				this.wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			this.wake = null;
			delay = Math.min(delay * 2, this.options.backoff.maxMs);
		}
	}

	private async connect(): Promise<Connection> {
		const socket = await this.config.transport.connect();
		const connection = this.attach(socket);
		if (this.isClosed()) {
			socket.destroy();
			throw new Sip2UnavailableError();
		}
		try {
			if (this.config.login) {
				const { user, password, locationCode } = this.config.login;
				const answer = await this.exchange(connection, {
					command: '93',
					uidAlgorithm: '0',
					pwdAlgorithm: '0',
					loginUserId: user,
					loginPassword: password,
					locationCode
				});
				if (!answer.ok) throw new Sip2LoginError();
			}
			this.lastAcsStatus = await this.exchange(connection, this.statusRequest());
			this.emit('acs-status', this.lastAcsStatus);
		} catch (error) {
			this.dropConnection(connection, error instanceof Error ? error : new Error(String(error)));
			throw error;
		}
		this.connection = connection;
		this.startHeartbeat();
		this.applyAcsStatus();
		return connection;
	}

	private attach(socket: Duplex): Connection {
		const reader = new SipFrameReader();
		let resolveClosed!: () => void;
		const connection: Connection = {
			socket,
			reader,
			frames: [],
			waiting: null,
			closed: new Promise<void>((resolve) => (resolveClosed = resolve)),
			closedError: null
		};
		const deliver = (item: Buffer | Error) => {
			const waiter = connection.waiting;
			if (waiter) {
				connection.waiting = null;
				waiter(item);
			} else if (item instanceof Buffer) {
				connection.frames.push(item);
			}
		};
		socket.on('data', (chunk: Buffer) => {
			try {
				for (const frame of reader.push(chunk)) deliver(frame);
			} catch (error) {
				this.dropConnection(connection, error instanceof Error ? error : new Error(String(error)));
			}
		});
		const onGone = (error?: Error) => {
			if (connection.closedError === null) connection.closedError = error ?? new Sip2ConnectionError('the library system closed the connection');
			deliver(new Sip2ConnectionError(connection.closedError.message));
			resolveClosed();
		};
		socket.on('error', onGone);
		socket.on('close', () => onGone());
		return connection;
	}

	private dropConnection(connection: Connection, error: Error): void {
		if (connection.closedError === null) connection.closedError = error;
		if (this.connection === connection) {
			this.connection = null;
			if (this.heartbeat) clearInterval(this.heartbeat);
			this.heartbeat = null;
			this.setState('connecting', error.message);
		}
		connection.socket.destroy();
	}

	/** One request/response exchange with the error-detection retry rules of sip2.md §3. */
	private async exchange<R extends SipRequest>(connection: Connection, request: R): Promise<ResponseTo<R>> {
		const expected = RESPONSE_TO[request.command];
		const useSequence = this.options.errorDetection;
		const sequence = this.sequence;
		this.sequence = (this.sequence + 1) % 10;
		const original = this.encode(request, useSequence ? sequence : null);
		let lastSent = original;
		let resends = 0;
		let afterResendRequest = false;
		const deadline = Date.now() + this.options.requestTimeoutMs;
		this.send(connection, original);

		const resend = (bytes: Buffer, why: string) => {
			if (++resends > this.options.retries) throw new Sip2ProtocolError(`gave up on ${request.command} after ${this.options.retries} resends (${why})`);
			lastSent = bytes;
			this.send(connection, bytes);
		};

		for (;;) {
			const frame = await this.nextFrame(connection, deadline, request.command);
			let response: SipMessage;
			try {
				response = decodeMessage(frame, { charset: this.options.charset, verifyChecksum: true });
			} catch (error) {
				if (error instanceof SipChecksumError || error instanceof SipParseError) {
					this.log.warn('unreadable answer from the library system; asking for it again', { problem: error.message });
					resend(this.encode({ command: '97' }, 0), error.message);
					afterResendRequest = true;
					continue;
				}
				throw error;
			}
			this.log.debug('sip2 received', { text: redactSipText(decodeText(frame, this.options.charset)) });
			this.lastActivity = Date.now();

			if (response.command === '96') {
				// The ACS could not read what we sent: send it again (that is the 97 if the 97 was last).
				resend(lastSent, 'the library system asked for a resend');
				continue;
			}
			if (useSequence && response.sequence !== undefined && response.sequence !== sequence && !afterResendRequest) {
				this.log.warn('discarded an answer with the wrong sequence number', { expected: sequence, got: response.sequence });
				continue;
			}
			if (response.command === expected) return response as ResponseTo<R>;
			if (response.command === '98') {
				// The ACS signals a status change by answering our next request with 98: take it, ask again.
				this.lastAcsStatus = response;
				this.emit('acs-status', response);
				this.applyAcsStatus();
				resend(original, 'the library system sent its status instead of an answer');
				continue;
			}
			throw new Sip2ProtocolError(`expected ${expected} in answer to ${request.command}, got ${response.command}`);
		}
	}

	private nextFrame(connection: Connection, deadline: number, command: string): Promise<Buffer> {
		const queued = connection.frames.shift();
		if (queued) return Promise.resolve(queued);
		if (connection.closedError) return Promise.reject(new Sip2ConnectionError(connection.closedError.message));
		return new Promise<Buffer>((resolve, reject) => {
			const timer = setTimeout(() => {
				connection.waiting = null;
				reject(new Sip2TimeoutError(command, this.options.requestTimeoutMs));
			}, Math.max(0, deadline - Date.now()));
			connection.waiting = (item) => {
				clearTimeout(timer);
				if (item instanceof Error) reject(item);
				else resolve(item);
			};
		});
	}

	private encode(message: SipMessage, sequence: number | null): Buffer {
		const bytes = encodeMessage(message, {
			charset: this.options.charset,
			errorDetection: sequence === null ? false : { sequence }
		});
		return Buffer.concat([bytes, TERMINATOR_BYTES[this.options.terminator]]);
	}

	private send(connection: Connection, bytes: Buffer): void {
		this.log.debug('sip2 sent', { text: redactSipText(decodeText(bytes, this.options.charset).replace(/[\r\n]+$/, '')) });
		this.lastActivity = Date.now();
		connection.socket.write(bytes);
	}

	private statusRequest(): SipMessageByCommand<'99'> {
		return { command: '99', statusCode: '0', maxPrintWidth: 40, protocolVersion: '2.00' };
	}

	private startHeartbeat(): void {
		if (this.heartbeat) clearInterval(this.heartbeat);
		const every = this.options.heartbeatMs;
		this.heartbeat = setInterval(() => {
			if (Date.now() - this.lastActivity < every) return;
			// Not through request(): the heartbeat must also run while the ACS says it is off-line.
			this.enqueue(async () => {
				const connection = this.connection;
				if (!connection) return;
				this.lastAcsStatus = await this.exchangeOrDrop(connection, this.statusRequest());
				this.emit('acs-status', this.lastAcsStatus);
				this.applyAcsStatus();
			}).catch((error: unknown) => {
				if (error instanceof Sip2Error) this.log.warn('heartbeat failed', { problem: error.message });
			});
		}, Math.max(50, Math.floor(every / 2)));
		this.heartbeat.unref();
	}

	private applyAcsStatus(): void {
		if (this.currentState === 'closed' || !this.connection) return;
		const online = this.lastAcsStatus?.onlineStatus !== false;
		this.setState(online ? 'online' : 'acs-offline', online ? null : 'the library system reports it is off-line');
	}

	private setState(state: Sip2ClientState, reason: string | null): void {
		if (this.currentState === state || this.currentState === 'closed') return;
		this.currentState = state;
		this.log.info('library system state', { state, reason: reason ?? undefined });
		this.emit('state', state, reason);
	}
}
