/**
 * The list of scanned items on the borrow and return screens. Codes are sent one at a time in the
 * order they arrived; each answer becomes (or replaces) the line for that item, newest first.
 * Items laid on the RFID pad come through `submit` too; a pad tag that could not be read gets a
 * line of its own (nothing is sent for it).
 */
import { errorCode, type ApiErrorCode } from '$lib/services/kiosk-api';

export interface ItemOutcome {
	itemId: string;
	ok: boolean;
}

export type ScanLine<T extends ItemOutcome> =
	| { seq: number; itemId: string; status: 'done'; outcome: T }
	/** The request failed (e.g. the library system is unreachable): nothing happened to the item. */
	| { seq: number; itemId: string; status: 'error'; code: ApiErrorCode }
	/** A tag on the RFID pad whose data could not be read: no item number, so nothing was sent. */
	| { seq: number; itemId: null; status: 'unreadable'; uid: string };

export interface ScanQueueOptions<T extends ItemOutcome> {
	send(itemId: string): Promise<T>;
	/** The member session is gone (`no-session`): the screen ends the session. */
	onNoSession?(): void;
}

export class ScanQueue<T extends ItemOutcome> {
	lines = $state<Array<ScanLine<T>>>([]);
	/** Codes waiting for or in a request, oldest first. */
	pending = $state<string[]>([]);

	readonly #options: ScanQueueOptions<T>;
	#seq = 0;
	#chain: Promise<void> = Promise.resolve();

	constructor(options: ScanQueueOptions<T>) {
		this.#options = options;
	}

	/** The most recent line, for the live announcement. */
	get latest(): ScanLine<T> | undefined {
		return this.lines[0];
	}

	/** Queue a code; resolves when its line is on screen. */
	submit(rawItemId: string): Promise<void> {
		const itemId = rawItemId.trim();
		if (!itemId || this.pending.includes(itemId)) return this.#chain;
		this.pending = [...this.pending, itemId];
		this.#chain = this.#chain.then(() => this.#process(itemId));
		return this.#chain;
	}

	/** A pad tag could not be read: one line for it, however often the pad reports it. */
	tagUnreadable(uid: string): void {
		if (this.lines.some((line) => line.status === 'unreadable' && line.uid === uid)) return;
		this.lines = [{ seq: ++this.#seq, itemId: null, status: 'unreadable', uid }, ...this.lines];
	}

	/** The tag was read after all (laid down again): its "could not be read" line would mislead. */
	tagReadable(uid: string): void {
		const kept = this.lines.filter((line) => line.status !== 'unreadable' || line.uid !== uid);
		if (kept.length !== this.lines.length) this.lines = kept;
	}

	async #process(itemId: string): Promise<void> {
		let line: ScanLine<T>;
		try {
			const outcome = await this.#options.send(itemId);
			line = { seq: ++this.#seq, itemId, status: 'done', outcome };
		} catch (error) {
			const code = errorCode(error);
			if (code === 'no-session' && this.#options.onNoSession) {
				this.pending = this.pending.filter((id) => id !== itemId);
				this.#options.onNoSession();
				return;
			}
			line = { seq: ++this.#seq, itemId, status: 'error', code };
		}
		this.pending = this.pending.filter((id) => id !== itemId);
		this.lines = [line, ...this.lines.filter((existing) => existing.itemId !== itemId)];
	}
}
