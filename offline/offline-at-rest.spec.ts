/**
 * What an offline queue leaves on disk, byte for byte: no card number in any form that could be
 * read back without the key, and nothing of a purged exception.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardContext, createCardSealer, SealedCardError } from './card-sealer';
import type { NewOfflineTransaction, OfflineQueueStore } from './queue/offline-queue';
import { openSqliteOfflineQueue } from './queue/sqlite-offline-queue';

const KEY = Buffer.from('6f1b0c5e9a2d4f8e7c3b1a0d9e8f7c6b5a4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b', 'hex');
const CARDS = ['20001000000012', '20001000000020', '20001000000038', '20001000000046'];
// The member session knows these; the queue's API has no place for them. Checked anyway, so a
// future field that takes them fails here.
const PERSONAL = ['Jansen', 'Marieke', '4821', 'marieke.jansen@example.org'];
const PURGED_ITEM = 'PURGEDITEM9876543';

let directory: string;
let file: string;
let queue: OfflineQueueStore;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'offline-at-rest-'));
	file = join(directory, 'kiosk-offline.db');
	queue = openSqliteOfflineQueue(file);
});

afterEach(() => {
	queue.close();
	rmSync(directory, { recursive: true, force: true });
});

function checkout(card: string, itemId: string, at: Date): NewOfflineTransaction {
	const sealer = createCardSealer(KEY);
	const transaction = { kind: 'checkout' as const, itemId, transactedAt: at };
	return { ...transaction, dueAt: new Date(at.getTime() + 21 * 86_400_000), sealedCard: sealer.seal(card, cardContext(transaction)), memberKey: sealer.memberKey(card) };
}

/** Every readable form of a secret that must not be on disk. */
function forbiddenForms(text: string): [string, Buffer][] {
	return [
		[`"${text}" as ASCII`, Buffer.from(text, 'latin1')],
		[`"${text}" as UTF-16LE`, Buffer.from(text, 'utf16le')],
		[`"${text}" as UTF-16BE`, Buffer.from(text, 'utf16le').swap16()],
		[`SHA-256 of "${text}"`, createHash('sha256').update(text).digest()],
		[`SHA-256 hex of "${text}"`, Buffer.from(createHash('sha256').update(text).digest('hex'), 'latin1')]
	];
}

function filesOnDisk(): [string, Buffer][] {
	return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter((path) => existsSync(path)).map((path) => [path, readFileSync(path)]);
}

function expectNowhere(secrets: string[], stage: string): void {
	const files = filesOnDisk();
	expect(files.length, stage).toBeGreaterThan(0);
	for (const [path, bytes] of files) {
		for (const secret of secrets) {
			for (const [form, needle] of forbiddenForms(secret)) expect(bytes.includes(needle), `${stage}: ${form} in ${path}`).toBe(false);
		}
	}
}

function foundIn(needle: Buffer): string[] {
	return filesOnDisk()
		.filter(([, bytes]) => bytes.includes(needle))
		.map(([path]) => path.slice(file.length) || '.db');
}

describe('the offline queue at rest', () => {
	it('holds no card number, hash of one, name or PIN in the database or its WAL, before and after close', () => {
		const start = new Date('2026-11-23T09:00:00.000Z');
		CARDS.forEach((card, index) => queue.append(checkout(card, `3000100000${String(index).padStart(4, '0')}`, new Date(start.getTime() + index * 60_000))));
		queue.append({ kind: 'checkin', itemId: '30001000009999', transactedAt: start, dueAt: null, sealedCard: null, memberKey: null });

		// Positive controls: the search does find what is stored, in the WAL while the queue is open ...
		expect(foundIn(Buffer.from('30001000000000'))).toContain('-wal');
		expect(foundIn(createCardSealer(KEY).memberKey(CARDS[0]!))).toContain('-wal');
		expectNowhere([...CARDS, ...PERSONAL], 'open, rows in the WAL');

		const [first, second] = queue.pending();
		queue.complete(first!.seq);
		queue.moveToExceptions(second!.seq, 'on-loan-to-other', 'Item is on loan', new Date());
		expectNowhere([...CARDS, ...PERSONAL], 'after complete and moveToExceptions');

		queue.close();
		// ... and in the database file once the WAL is checkpointed away at close.
		expect(existsSync(`${file}-wal`)).toBe(false);
		expect(foundIn(Buffer.from('30001000000003'))).toEqual(['.db']);
		expectNowhere([...CARDS, ...PERSONAL], 'closed');

		queue = openSqliteOfflineQueue(file);
		expectNowhere([...CARDS, ...PERSONAL], 'reopened');
	});

	it('keeps sealed cards that open with the key and only with it', () => {
		const at = new Date('2026-11-23T09:00:00.000Z');
		queue.append(checkout(CARDS[0]!, '30001000000010', at));
		queue.append(checkout(CARDS[1]!, '30001000000028', at));
		queue.close();
		queue = openSqliteOfflineQueue(file);

		const right = createCardSealer(KEY);
		const wrong = createCardSealer(Buffer.alloc(32, 0x42));
		const pending = queue.pending();
		expect(pending.map((transaction) => right.open(transaction.sealedCard!, cardContext(transaction)))).toEqual([CARDS[0], CARDS[1]]);
		for (const transaction of pending) {
			expect(() => wrong.open(transaction.sealedCard!, cardContext(transaction))).toThrow(SealedCardError);
			// A card cannot be moved to the other row: its context names another item.
			expect(transaction.memberKey!.equals(right.memberKey(right.open(transaction.sealedCard!, cardContext(transaction))))).toBe(true);
		}
		expect(() => right.open(pending[0]!.sealedCard!, cardContext(pending[1]!))).toThrow(SealedCardError);
		expect(queue.countCheckouts(right.memberKey(CARDS[0]!))).toBe(1);
	});

	it('leaves nothing of a purged exception in the database or the WAL', () => {
		const at = new Date('2026-11-23T09:00:00.000Z');
		const seq = queue.append(checkout(CARDS[2]!, PURGED_ITEM, at));
		const sealed = queue.pending()[0]!.sealedCard!;
		queue.append(checkout(CARDS[3]!, '30001000000044', at));
		queue.moveToExceptions(seq, 'unknown-item', 'Refused: PURGE-MESSAGE-TEXT', at);
		expect(foundIn(Buffer.from(PURGED_ITEM)).length).toBeGreaterThan(0);

		expect(queue.purgeExceptions(new Date(at.getTime() + 1))).toBe(1);
		for (const needle of [Buffer.from(PURGED_ITEM), Buffer.from('PURGE-MESSAGE-TEXT'), sealed]) expect(foundIn(needle)).toEqual([]);
		// The row that stays is still there: the purge took only what it had to.
		expect(foundIn(Buffer.from('30001000000044'))).toEqual(['.db']);

		queue.close();
		for (const needle of [Buffer.from(PURGED_ITEM), Buffer.from('PURGE-MESSAGE-TEXT'), sealed]) expect(foundIn(needle)).toEqual([]);
	});
});
