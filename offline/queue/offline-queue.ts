/**
 * The store-and-forward queue's seam: what the offline circulation and the replay need of the
 * place where offline transactions wait. `sqlite-offline-queue.ts` is the one implementation
 * (and the only file here that imports the database driver); tests use it on a temp file.
 *
 * A queued transaction holds only what a replay needs: its kind, the item, when it happened, the
 * due date promised offline, and the member's card number sealed (AES-256-GCM, see
 * card-sealer.ts) plus a keyed hash of it for counting a member's offline loans. No names, PINs
 * or titles. Every write is durable (WAL, synchronous FULL) before the call returns, because the
 * member is told "done" right after.
 */

export type OfflineKind = 'checkout' | 'checkin';

export interface NewOfflineTransaction {
	kind: OfflineKind;
	itemId: string;
	/** When the member did it at the kiosk; the replay sends this as the transaction date. */
	transactedAt: Date;
	/** Checkout: the due date promised offline. Checkin: null. */
	dueAt: Date | null;
	/** Checkout: the sealed card number. Checkin: null (a return needs no member). */
	sealedCard: Buffer | null;
	/** Checkout: HMAC-SHA256 of the card number under the member-key secret. Checkin: null. */
	memberKey: Buffer | null;
}

export interface QueuedTransaction extends NewOfflineTransaction {
	/** Order of the queue; the replay goes in ascending seq. */
	seq: number;
	/**
	 * Set just before the replay sends the transaction; still set after a crash means the library
	 * system may or may not have applied it (the replay checks before sending again).
	 */
	sentAt: Date | null;
}

export interface OfflineException {
	id: number;
	kind: OfflineKind;
	itemId: string;
	transactedAt: Date;
	dueAt: Date | null;
	sealedCard: Buffer | null;
	/** Why the library system refused it, in the kiosk's terms (e.g. `on-loan-to-other`). */
	reason: string;
	/** The library system's own screen message, if any. */
	message: string | null;
	recordedAt: Date;
}

export interface OfflineQueueStore {
	/** Appends and returns the new seq; durable on disk when it returns. */
	append(transaction: NewOfflineTransaction): number;
	/** The oldest `limit` waiting transactions, oldest first. */
	pending(limit?: number): QueuedTransaction[];
	/** The waiting transactions of one item, oldest first. */
	pendingForItem(itemId: string): QueuedTransaction[];
	/** How many transactions wait. */
	count(): number;
	/** How many checkouts wait for this member (by member key). */
	countCheckouts(memberKey: Buffer): number;
	/** Records that the replay is about to send this transaction (durable before it returns). */
	markSent(seq: number, at: Date): void;
	/** The library system applied it: the transaction is deleted. */
	complete(seq: number): void;
	/** The library system refused it: moved to the exceptions list, atomically. */
	moveToExceptions(seq: number, reason: string, message: string | null, at: Date): void;
	/** The exceptions list, oldest first. */
	exceptions(): OfflineException[];
	/** Deletes exceptions recorded before `before`; returns how many. */
	purgeExceptions(before: Date): number;
	/** Staff settled it (by hand, or discarded it): deleted. Throws UnknownExceptionError for an unknown id. */
	removeException(id: number): OfflineException;
	/**
	 * Staff want it tried again: moved back to the end of the queue, atomically, with the member
	 * key the queue needs for a checkout (the exceptions list does not keep one). Returns the new seq.
	 */
	retryException(id: number, memberKey: Buffer | null): number;
	close(): void;
}

/** Staff asked about an exception that is not (or no longer) on the list. */
export class UnknownExceptionError extends Error {
	constructor(readonly id: number) {
		super(`no offline exception ${id}`);
		this.name = 'UnknownExceptionError';
	}
}
