import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardContext, createCardSealer } from './card-sealer';
import { openSqliteOfflineQueue } from './queue/sqlite-offline-queue';
import { staffExceptions } from './staff-exceptions';

describe('staffExceptions', () => {
	it('lists refused replays with the reason and the card masked, and a card that does not open as "?"', () => {
		const queue = openSqliteOfflineQueue(':memory:');
		const sealer = createCardSealer(randomBytes(32));
		const at = new Date('2026-11-20T10:00:00Z');
		const checkout = (itemId: string, card: string, sealWith = sealer) =>
			queue.append({ kind: 'checkout', itemId, transactedAt: at, dueAt: new Date('2026-12-11T22:59:00Z'), sealedCard: sealWith.seal(card, cardContext({ kind: 'checkout', itemId, transactedAt: at })), memberKey: sealer.memberKey(card) });
		queue.moveToExceptions(checkout('30001000000044', '29999999999999'), 'unknown-card', 'Patron not found.', new Date());
		queue.moveToExceptions(checkout('30001000000051', '20001000000012', createCardSealer(randomBytes(32))), 'unreadable-card', null, new Date());
		queue.moveToExceptions(queue.append({ kind: 'checkin', itemId: 'X1', transactedAt: at, dueAt: null, sealedCard: null, memberKey: null }), 'unknown-item', null, new Date());

		const view = staffExceptions(queue, sealer);
		expect(view.map(({ id: _id, ...rest }) => rest)).toEqual([
			{ kind: 'checkout', itemId: '30001000000044', transactedAt: at.toISOString(), reason: 'unknown-card', message: 'Patron not found.', card: '**********9999' },
			{ kind: 'checkout', itemId: '30001000000051', transactedAt: at.toISOString(), reason: 'unreadable-card', message: null, card: '?' },
			{ kind: 'checkin', itemId: 'X1', transactedAt: at.toISOString(), reason: 'unknown-item', message: null, card: null }
		]);
		expect(JSON.stringify(view)).not.toContain('29999999999999');
		queue.close();
	});
});
