/**
 * Request/reply over a ByteLink for readers that answer one command at a time: a queue so only one
 * command is ever in flight (3M readers ignore commands while busy, FEIG replies carry no request
 * id), a timeout per command, and a typed `link-lost` for everything pending when the link goes.
 */
import type { ByteLink } from '../transport/byte-link';
import { FrameDecodeError, type FrameSplitter } from './frame-splitter';
import { RfidError } from './rfid-reader';

/**
 * Looks at a decoded frame while a command waits: a value answers the command, undefined means
 * "not the reply to this command" (a late reply to an earlier one) and the wait goes on, a
 * thrown RfidError fails the command.
 */
export type ReplyInterpreter<F, R> = (frame: F) => R | undefined;

interface Pending<F> {
	interpret: ReplyInterpreter<F, unknown>;
	resolve(value: unknown): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

export class CommandChannel<F> {
	#tail: Promise<unknown> = Promise.resolve();
	#pending: Pending<F> | null = null;
	#closedBecause: Error | null = null;
	#ignoredFrames = 0;

	constructor(
		private readonly link: ByteLink,
		private readonly splitter: FrameSplitter,
		private readonly decode: (bytes: Uint8Array) => F,
		private readonly timeoutMs: number
	) {
		link.on('data', (chunk) => this.#receive(chunk));
		link.on('close', (error) => this.#linkClosed(error));
		if (!link.isOpen) this.#linkClosed(null);
	}

	get isOpen(): boolean {
		return this.#closedBecause === null && this.link.isOpen;
	}

	/** Frames that arrived with no command waiting for them or that failed to decode. */
	get ignoredFrames(): number {
		return this.#ignoredFrames;
	}

	transact<R>(request: Uint8Array, interpret: ReplyInterpreter<F, R>, timeoutMs = this.timeoutMs): Promise<R> {
		const run = this.#tail.then(() => this.#exchange(request, interpret, timeoutMs));
		this.#tail = run.catch(() => undefined);
		return run;
	}

	close(): Promise<void> {
		return this.link.close();
	}

	#exchange<R>(request: Uint8Array, interpret: ReplyInterpreter<F, R>, timeoutMs: number): Promise<R> {
		if (this.#closedBecause || !this.link.isOpen) return Promise.reject(this.#linkLost());
		return new Promise<R>((resolve, reject) => {
			const timer = setTimeout(() => {
				if (this.#pending !== pending) return;
				this.#pending = null;
				reject(new RfidError('timeout', `${this.link.description}: no reply within ${timeoutMs} ms`));
			}, timeoutMs);
			const pending: Pending<F> = { interpret, resolve: resolve as (value: unknown) => void, reject, timer };
			this.#pending = pending;
			this.link.write(request).catch((error: unknown) => this.#settle(pending, (p) => p.reject(new RfidError('link-lost', `${this.link.description}: write failed`, { cause: error }))));
		});
	}

	#settle(pending: Pending<F>, action: (pending: Pending<F>) => void): void {
		if (this.#pending !== pending) return;
		this.#pending = null;
		clearTimeout(pending.timer);
		action(pending);
	}

	#receive(chunk: Uint8Array): void {
		for (const bytes of this.splitter.push(chunk)) {
			const pending = this.#pending;
			if (!pending) {
				this.#ignoredFrames++;
				continue;
			}
			let frame: F;
			try {
				frame = this.decode(bytes);
			} catch (error) {
				if (!(error instanceof FrameDecodeError)) throw error;
				this.#ignoredFrames++;
				continue;
			}
			let answer: unknown;
			try {
				answer = pending.interpret(frame);
			} catch (error) {
				const failure =
					error instanceof RfidError ? error : new RfidError('bad-reply', `${this.link.description}: ${(error as Error).message}`, { cause: error });
				this.#settle(pending, (p) => p.reject(failure));
				continue;
			}
			if (answer === undefined) this.#ignoredFrames++;
			else this.#settle(pending, (p) => p.resolve(answer));
		}
	}

	#linkClosed(error: Error | null): void {
		if (this.#closedBecause) return;
		this.#closedBecause = error ?? new Error('closed');
		const pending = this.#pending;
		if (pending) this.#settle(pending, (p) => p.reject(this.#linkLost()));
	}

	#linkLost(): RfidError {
		const reason = this.#closedBecause?.message ?? 'closed';
		return new RfidError('link-lost', `${this.link.description}: link lost (${reason})`, { cause: this.#closedBecause ?? undefined });
	}
}
