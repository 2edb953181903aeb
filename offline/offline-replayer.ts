/**
 * Replays the store-and-forward queue once the library system is back: in queue order, one
 * transaction at a time, with SIP2 no block = Y, the original transaction date, and the offline
 * due date (checkout) or return date (checkin).
 *
 * Exactly once, across crashes: a transaction is marked "sent" (durably) before it goes out and
 * deleted as soon as the library system has answered it. A transaction still marked "sent" when
 * a replay starts was interrupted between the two: the library system may have applied it. It
 * is first looked up (item information, 17): a checkout whose item is on loan with the promised
 * due date, or a checkin whose item is no longer on loan, was applied and is not sent again.
 * Everything else is sent (again). A refused transaction goes to the exceptions list for staff
 * with the reason; a lost connection stops the replay, which resumes on the next run.
 */
import { screenMessage, type LibrarySystem } from '../server/circulation/circulation-service';
import type { Logger } from '../server/logging/logger';
import { silentLogger } from '../server/logging/logger';
import { formatSipDate, parseSipDate, Sip2Error, toIsoCalendarDate, type SipMessageByCommand } from '../server/sip2';
import { cardContext, type CardSealer } from './card-sealer';
import type { OfflineQueueStore, QueuedTransaction } from './queue/offline-queue';

export interface ReplaySettings {
	institutionId: string;
	/** AP at check-in: where the kiosk stands. */
	location: string;
	terminalPassword: string;
}

export interface ReplayReport {
	/** Applied by the library system (now or, for an interrupted one, before). */
	applied: number;
	/** Refused and moved to the exceptions list. */
	refused: number;
	/** Still waiting (the replay stopped: the library system went away again). */
	remaining: number;
	/** Why the replay stopped early, in technical words; null when the queue is empty. */
	stoppedBy: string | null;
}

/** Why a replayed transaction was refused, as staff see it on the exceptions list. */
export type ReplayRefusal =
	| 'unknown-item'
	| 'unknown-card'
	/** The sealed card number does not open: the key was changed or the row altered. */
	| 'unreadable-card'
	| 'on-loan-to-other'
	/** Anything else; the library system's own words go with it. */
	| 'refused';

const BATCH = 200;

export class OfflineReplayer {
	readonly #log: Logger;
	#running: Promise<ReplayReport> | null = null;

	constructor(
		private readonly queue: OfflineQueueStore,
		private readonly sealer: CardSealer,
		private readonly library: LibrarySystem,
		private readonly settings: ReplaySettings,
		logger: Logger = silentLogger,
		private readonly now: () => Date = () => new Date()
	) {
		this.#log = logger.child({ component: 'offline-replay' });
	}

	/** Replays what waits. One replay at a time: a second call while one runs gets the same result. */
	run(): Promise<ReplayReport> {
		this.#running ??= this.#replay().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	get running(): boolean {
		return this.#running !== null;
	}

	async #replay(): Promise<ReplayReport> {
		const report: ReplayReport = { applied: 0, refused: 0, remaining: 0, stoppedBy: null };
		if (this.queue.count() === 0) return report;
		this.#log.info('offline replay started', { waiting: this.queue.count() });
		try {
			for (let batch = this.queue.pending(BATCH); batch.length > 0; batch = this.queue.pending(BATCH)) {
				for (const entry of batch) {
					const outcome = await this.#replayOne(entry);
					if (outcome === 'applied') report.applied++;
					else report.refused++;
				}
			}
		} catch (error) {
			if (!(error instanceof Sip2Error)) throw error;
			report.stoppedBy = error.kind;
			this.#log.warn('offline replay stopped', { reason: error.kind });
		}
		report.remaining = this.queue.count();
		this.#log.info('offline replay ended', { applied: report.applied, refused: report.refused, remaining: report.remaining });
		return report;
	}

	async #replayOne(entry: QueuedTransaction): Promise<'applied' | 'refused'> {
		let card: string | null = null;
		if (entry.kind === 'checkout') {
			try {
				card = this.sealer.open(entry.sealedCard ?? Buffer.alloc(0), cardContext(entry));
			} catch {
				// The key changed or the row was tampered with: staff must sort this loan out by hand.
				return this.#refuse(entry, 'unreadable-card', null);
			}
		}
		if (entry.sentAt !== null && (await this.#alreadyApplied(entry))) {
			this.queue.complete(entry.seq);
			this.#log.info('offline transaction was applied before an interruption', { seq: entry.seq, kind: entry.kind });
			return 'applied';
		}
		this.queue.markSent(entry.seq, this.now());
		const answer = card === null ? await this.#checkin(entry) : await this.#checkout(entry, card);
		if (answer.ok) {
			this.queue.complete(entry.seq);
			return 'applied';
		}
		const reason = await this.#explain(entry, card);
		return this.#refuse(entry, reason, screenMessage(answer.screenMessage));
	}

	#refuse(entry: QueuedTransaction, reason: ReplayRefusal, message: string | null): 'refused' {
		this.queue.moveToExceptions(entry.seq, reason, message, this.now());
		this.#log.warn('offline transaction refused', { seq: entry.seq, kind: entry.kind, item: entry.itemId, reason });
		return 'refused';
	}

	#checkout(entry: QueuedTransaction, card: string): Promise<SipMessageByCommand<'12'>> {
		return this.library.request({
			command: '11',
			scRenewalPolicy: false,
			noBlock: true,
			transactionDate: formatSipDate(entry.transactedAt),
			nbDueDate: formatSipDate(entry.dueAt ?? entry.transactedAt),
			institutionId: this.settings.institutionId,
			patronId: card,
			itemId: entry.itemId,
			terminalPassword: this.settings.terminalPassword,
			feeAcknowledged: 'N',
			cancel: 'N'
		});
	}

	#checkin(entry: QueuedTransaction): Promise<SipMessageByCommand<'10'>> {
		const returned = formatSipDate(entry.transactedAt);
		return this.library.request({
			command: '09',
			noBlock: true,
			transactionDate: returned,
			returnDate: returned,
			currentLocation: this.settings.location,
			institutionId: this.settings.institutionId,
			itemId: entry.itemId,
			terminalPassword: this.settings.terminalPassword,
			cancel: 'N'
		});
	}

	/** For a transaction interrupted after sending: does the library system's item record show it happened? */
	async #alreadyApplied(entry: QueuedTransaction): Promise<boolean> {
		const item = await this.#itemInformation(entry.itemId);
		const charged = item.circulationStatus === '04' || item.circulationStatus === '05';
		if (entry.kind === 'checkin') return !charged && Boolean(item.titleId);
		const due = parseSipDate(item.dueDate ?? '');
		return charged && due !== null && entry.dueAt !== null && toIsoCalendarDate(due) === toIsoCalendarDate(entry.dueAt);
	}

	async #explain(entry: QueuedTransaction, card: string | null): Promise<ReplayRefusal> {
		const item = await this.#itemInformation(entry.itemId);
		if (!item.titleId) return 'unknown-item';
		if (entry.kind === 'checkin') return 'refused';
		if (item.circulationStatus === '04' || item.circulationStatus === '05') return 'on-loan-to-other';
		if (card !== null) {
			const patron = await this.library.request({
				command: '23',
				language: '000',
				transactionDate: formatSipDate(this.now()),
				institutionId: this.settings.institutionId,
				patronId: card,
				terminalPassword: this.settings.terminalPassword,
				patronPassword: ''
			});
			if (patron.validPatron === 'N' || (patron.validPatron === undefined && !patron.personalName)) return 'unknown-card';
		}
		return 'refused';
	}

	#itemInformation(itemId: string): Promise<SipMessageByCommand<'18'>> {
		return this.library.request({
			command: '17',
			transactionDate: formatSipDate(this.now()),
			institutionId: this.settings.institutionId,
			itemId,
			terminalPassword: this.settings.terminalPassword
		});
	}
}
