/**
 * Staff settle a refused replay from the exceptions list: try it again (it goes back to the end of
 * the queue and the replay sends it with its original dates), mark it done by hand (staff did it
 * in the library system themselves), or discard it. Either of the last two deletes it. The caller
 * writes the audit log entry; this returns what it needs, with the card masked.
 */
import { maskCardNumber } from '../kiosk/lib/privacy/mask';
import { cardContext, type CardSealer } from './card-sealer';
import type { OfflineException, OfflineQueueStore } from './queue/offline-queue';

export type ExceptionResolution = 'retry' | 'done-by-hand' | 'discard';

export const EXCEPTION_RESOLUTIONS: readonly ExceptionResolution[] = ['retry', 'done-by-hand', 'discard'];

export interface ResolvedException {
	kind: OfflineException['kind'];
	itemId: string;
	/** Masked; null for a return. */
	card: string | null;
	resolution: ExceptionResolution;
}

/** The card of an exception whose sealed card does not open cannot be retried: staff settle it by hand. */
export class UnretryableExceptionError extends Error {
	constructor(readonly id: number) {
		super(`offline exception ${id} cannot be retried: its card does not open with this kiosk's key`);
		this.name = 'UnretryableExceptionError';
	}
}

export function resolveOfflineException(queue: OfflineQueueStore, sealer: CardSealer, id: number, resolution: ExceptionResolution): ResolvedException {
	const exception = queue.exceptions().find((candidate) => candidate.id === id);
	const card = exception?.sealedCard ? openCard(sealer, exception) : null;
	if (resolution === 'retry') {
		if (exception?.sealedCard && card === null) throw new UnretryableExceptionError(id);
		// The replay needs the member key of a checkout; the exceptions list keeps only the sealed card.
		queue.retryException(id, card === null ? null : sealer.memberKey(card));
	} else {
		queue.removeException(id);
	}
	// After the queue call: an unknown id has thrown UnknownExceptionError by now.
	return { kind: exception!.kind, itemId: exception!.itemId, card: card === null ? null : maskCardNumber(card), resolution };
}

function openCard(sealer: CardSealer, exception: OfflineException): string | null {
	try {
		return sealer.open(exception.sealedCard!, cardContext(exception));
	} catch {
		return null;
	}
}
