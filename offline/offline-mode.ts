/**
 * Whether the kiosk works online or offline (store and forward), and when to replay.
 *
 * Offline while the SIP2 connection is not online (no connection, status 99 timeouts, or the
 * library system's own "on-line status N"), and also while offline transactions still wait to be
 * replayed: a return made online before the offline loan of the same item was replayed would
 * reach the library system in the wrong order. So the kiosk goes back online only once the queue
 * is empty, and until then keeps queueing, in order.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from '../server/logging/logger';
import { silentLogger } from '../server/logging/logger';
import type { OfflineLedger } from './offline-ledger';
import type { OfflineReplayer, ReplayReport } from './offline-replayer';

/** What the mode needs of the SIP2 client (Sip2Client is one). */
export interface LibraryConnection {
	readonly state: string;
	on(event: 'state', listener: (state: string) => void): unknown;
	off(event: 'state', listener: (state: string) => void): unknown;
}

export interface OfflineModeOptions {
	/** While online with transactions waiting (a replay stopped early), try again this often. */
	retryMs?: number;
}

export class OfflineMode extends EventEmitter<{ change: [online: boolean]; replayed: [report: ReplayReport] }> {
	readonly #log: Logger;
	readonly #retryMs: number;
	#online = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	readonly #onState = () => this.#update();

	constructor(
		private readonly connection: LibraryConnection,
		readonly ledger: OfflineLedger,
		private readonly replayer: OfflineReplayer,
		logger: Logger = silentLogger,
		options: OfflineModeOptions = {}
	) {
		super();
		this.#log = logger.child({ component: 'offline-mode' });
		this.#retryMs = options.retryMs ?? 30_000;
	}

	start(): void {
		this.connection.on('state', this.#onState);
		this.#timer = setInterval(() => this.#update(), this.#retryMs);
		this.#timer.unref();
		this.#update();
	}

	stop(): void {
		this.connection.off('state', this.#onState);
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** True when transactions go to the library system directly; false: they are queued. */
	get online(): boolean {
		return this.#online;
	}

	/** A transaction was queued: if the library system is in fact there, replay it right away. */
	queued(): void {
		this.#update();
	}

	/** Replays now if the connection is up; resolves when done (tests and the bench await this). */
	async replay(): Promise<ReplayReport | null> {
		if (this.connection.state !== 'online') return null;
		const report = await this.replayer.run();
		this.emit('replayed', report);
		this.#set(this.connection.state === 'online' && this.ledger.waiting() === 0);
		return report;
	}

	#update(): void {
		const connected = this.connection.state === 'online';
		if (!connected) return this.#set(false);
		if (this.ledger.waiting() === 0 && !this.replayer.running) return this.#set(true);
		if (!this.replayer.running) {
			this.replay().catch((error: unknown) => this.#log.error('offline replay failed', { error: error instanceof Error ? error.message : String(error) }));
		}
	}

	#set(online: boolean): void {
		if (online === this.#online) return;
		this.#online = online;
		this.#log.info(online ? 'library system reachable: working online' : 'library system unreachable: working offline', { waiting: this.ledger.waiting() });
		this.emit('change', online);
	}
}
