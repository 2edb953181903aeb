/**
 * Child process of sqlite-offline-queue.kill.spec.ts: appends to the queue in a tight loop and,
 * after each append has returned, prints `ACK <seq> <itemId>` so the parent knows what the queue
 * promised was durable. The parent kills it with SIGKILL mid-stream.
 *
 * Usage: node --import tsx append-until-killed.ts DB_FILE ITEM_PREFIX KEY_HEX
 */
import { writeSync } from 'node:fs';
import { cardContext, createCardSealer } from '../card-sealer';
import { openSqliteOfflineQueue } from './sqlite-offline-queue';

const [file, prefix, keyHex] = process.argv.slice(2);
if (!file || !prefix || !keyHex) throw new Error('usage: append-until-killed.ts DB_FILE ITEM_PREFIX KEY_HEX');

const sealer = createCardSealer(Buffer.from(keyHex, 'hex'));
const queue = openSqliteOfflineQueue(file);
// A bound, so a child whose parent vanished without killing it still ends.
for (let index = 0; index < 100_000; index++) {
	const itemId = `${prefix}-${index}`;
	const transactedAt = new Date(Date.UTC(2026, 10, 23, 9, 0, 0, index));
	const seq =
		index % 2 === 0
			? queue.append({ kind: 'checkin', itemId, transactedAt, dueAt: null, sealedCard: null, memberKey: null })
			: queue.append({
					kind: 'checkout',
					itemId,
					transactedAt,
					dueAt: new Date(transactedAt.getTime() + 21 * 86_400_000),
					sealedCard: sealer.seal(`2000${String(index).padStart(10, '0')}`, cardContext({ kind: 'checkout', itemId, transactedAt })),
					memberKey: sealer.memberKey(`2000${String(index).padStart(10, '0')}`)
				});
	// writeSync: the line is in the pipe before the next append starts, never buffered behind it.
	writeSync(1, `ACK ${seq} ${itemId}\n`);
}
queue.close();
