import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardContext, createCardSealer } from './card-sealer';
import { resolveOfflineException, UnretryableExceptionError } from './exception-resolution';
import { UnknownExceptionError } from './queue/offline-queue';
import { openSqliteOfflineQueue } from './queue/sqlite-offline-queue';

const at = new Date('2026-11-20T10:00:00Z');

function setUp() {
	const queue = openSqliteOfflineQueue(':memory:');
	const sealer = createCardSealer(randomBytes(32));
	const refusedCheckout = (itemId: string, card: string, sealWith = sealer) => {
		const seq = queue.append({ kind: 'checkout', itemId, transactedAt: at, dueAt: new Date('2026-12-11T22:59:00Z'), sealedCard: sealWith.seal(card, cardContext({ kind: 'checkout', itemId, transactedAt: at })), memberKey: sealer.memberKey(card) });
		queue.moveToExceptions(seq, 'unknown-card', null, new Date());
		return queue.exceptions().at(-1)!.id;
	};
	return { queue, sealer, refusedCheckout };
}

describe('resolveOfflineException', () => {
	it('retry: back to the end of the queue with its dates, its card and the member key a checkout needs', () => {
		const { queue, sealer, refusedCheckout } = setUp();
		const id = refusedCheckout('30001000000044', '20001000000012');
		expect(resolveOfflineException(queue, sealer, id, 'retry')).toEqual({ kind: 'checkout', itemId: '30001000000044', card: '**********0012', resolution: 'retry' });
		expect(queue.exceptions()).toEqual([]);
		const [queued] = queue.pending();
		expect(queued).toMatchObject({ kind: 'checkout', itemId: '30001000000044', transactedAt: at, sentAt: null });
		expect(sealer.open(queued!.sealedCard!, cardContext(queued!))).toBe('20001000000012');
		expect(queue.countCheckouts(sealer.memberKey('20001000000012'))).toBe(1);
	});

	it('done by hand and discard: gone from the list, nothing queued', () => {
		const { queue, sealer, refusedCheckout } = setUp();
		const first = refusedCheckout('A1', '20001000000012');
		const second = refusedCheckout('A2', '20001000000038');
		expect(resolveOfflineException(queue, sealer, first, 'done-by-hand').resolution).toBe('done-by-hand');
		expect(resolveOfflineException(queue, sealer, second, 'discard').card).toBe('**********0038');
		expect(queue.exceptions()).toEqual([]);
		expect(queue.count()).toBe(0);
	});

	it('refuses an unknown id, and a retry whose card does not open (it can still be settled by hand)', () => {
		const { queue, sealer, refusedCheckout } = setUp();
		expect(() => resolveOfflineException(queue, sealer, 999, 'discard')).toThrow(UnknownExceptionError);
		const unreadable = refusedCheckout('A3', '20001000000012', createCardSealer(randomBytes(32)));
		expect(() => resolveOfflineException(queue, sealer, unreadable, 'retry')).toThrow(UnretryableExceptionError);
		expect(queue.exceptions()).toHaveLength(1);
		expect(resolveOfflineException(queue, sealer, unreadable, 'done-by-hand')).toMatchObject({ card: null });
	});
});
