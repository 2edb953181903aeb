/**
 * The exceptions list as staff see it: each refused replay with the item, when it happened, why
 * it was refused and the library system's words. The card number is opened only to be masked:
 * enough to match it to a member at the desk, never the whole number on a screen.
 */
import type { OfflineExceptionView } from '../kiosk/lib/api/contract';
import { maskCardNumber } from '../kiosk/lib/privacy/mask';
import { cardContext, type CardSealer } from './card-sealer';
import type { OfflineQueueStore } from './queue/offline-queue';

export function staffExceptions(queue: OfflineQueueStore, sealer: CardSealer): OfflineExceptionView[] {
	return queue.exceptions().map((exception) => {
		let card: string | null = null;
		if (exception.sealedCard) {
			try {
				card = maskCardNumber(sealer.open(exception.sealedCard, cardContext(exception)));
			} catch {
				card = '?';
			}
		}
		return {
			id: exception.id,
			kind: exception.kind,
			itemId: exception.itemId,
			transactedAt: exception.transactedAt.toISOString(),
			reason: exception.reason,
			message: exception.message,
			card
		};
	});
}
