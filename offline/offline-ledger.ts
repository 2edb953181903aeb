/**
 * Lending and taking returns while the library system is unreachable: each transaction is
 * written to the store-and-forward queue, durably, before the member is told it is done. The
 * offline policy is the library's: whether to lend at all, how many items per member until the
 * queue is replayed, and the due date promised.
 *
 * What goes into the queue is only what a replay needs (offline-queue.ts); the member's card
 * number is sealed, and counted through a keyed hash, never stored readable.
 */
import { cardContext, type CardSealer } from './card-sealer';
import type { OfflineQueueStore } from './queue/offline-queue';

export interface OfflinePolicy {
	borrowing: boolean;
	maxItemsPerMember: number;
	dueDays: number;
	cardPattern: RegExp;
}

export type OfflineCheckoutResult =
	| { ok: true; dueAt: Date; /** The member already had this item from an earlier offline loan: nothing new was queued. */ repeated: boolean }
	| { ok: false; reason: 'offline-borrowing-off' }
	| { ok: false; reason: 'offline-limit'; limit: number };

export class OfflineLedger {
	constructor(
		private readonly queue: OfflineQueueStore,
		private readonly sealer: CardSealer,
		readonly policy: OfflinePolicy,
		private readonly now: () => Date = () => new Date()
	) {}

	/** Offline the library system cannot check a card: all the kiosk can say is whether it looks like one. */
	cardIsWellFormed(card: string): boolean {
		return this.policy.cardPattern.test(card);
	}

	checkout(card: string, itemId: string): OfflineCheckoutResult {
		if (!this.policy.borrowing) return { ok: false, reason: 'offline-borrowing-off' };
		const memberKey = this.sealer.memberKey(card);
		const earlier = this.#openOfflineLoan(memberKey, itemId);
		// A second scan of an item already lent offline must not queue it twice: replayed, it would be a renewal.
		if (earlier) return { ok: true, dueAt: earlier, repeated: true };
		if (this.queue.countCheckouts(memberKey) >= this.policy.maxItemsPerMember) {
			return { ok: false, reason: 'offline-limit', limit: this.policy.maxItemsPerMember };
		}
		const transactedAt = this.now();
		const dueAt = offlineDueDate(transactedAt, this.policy.dueDays);
		this.queue.append({
			kind: 'checkout',
			itemId,
			transactedAt,
			dueAt,
			sealedCard: this.sealer.seal(card, cardContext({ kind: 'checkout', itemId, transactedAt })),
			memberKey
		});
		return { ok: true, dueAt, repeated: false };
	}

	/** Returns are always taken: the item is here, whoever had it. */
	checkin(itemId: string): { transactedAt: Date } {
		const transactedAt = this.now();
		this.queue.append({ kind: 'checkin', itemId, transactedAt, dueAt: null, sealedCard: null, memberKey: null });
		return { transactedAt };
	}

	/** How many transactions wait for the library system. */
	waiting(): number {
		return this.queue.count();
	}

	/** The due date of this member's queued loan of the item, unless a queued return came after it. */
	#openOfflineLoan(memberKey: Buffer, itemId: string): Date | null {
		let open: Date | null = null;
		for (const entry of this.queue.pendingForItem(itemId)) {
			if (entry.kind === 'checkin') open = null;
			else open = entry.memberKey?.equals(memberKey) ? entry.dueAt : null;
		}
		return open;
	}
}

/** The end of the library day `days` days on, in the kiosk's time zone. */
export function offlineDueDate(from: Date, days: number): Date {
	const due = new Date(from);
	due.setDate(due.getDate() + days);
	due.setHours(23, 59, 0, 0);
	return due;
}
