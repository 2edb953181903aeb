import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOfflineTransaction, OfflineQueueStore } from './offline-queue';
import { checkOfflineQueueIntegrity, InvalidOfflineTransactionError, OfflineQueueError, openSqliteOfflineQueue, UnknownSeqError } from './sqlite-offline-queue';

const MEMBER_A = Buffer.alloc(32, 0xa1);
const MEMBER_B = Buffer.alloc(32, 0xb2);
const T0 = new Date('2026-11-23T09:15:00.123Z');

function checkout(itemId: string, member = MEMBER_A, at = T0): NewOfflineTransaction {
	return { kind: 'checkout', itemId, transactedAt: at, dueAt: new Date(at.getTime() + 21 * 86_400_000), sealedCard: Buffer.from([1, 2, 3, member[0]!]), memberKey: member };
}

function checkin(itemId: string, at = T0): NewOfflineTransaction {
	return { kind: 'checkin', itemId, transactedAt: at, dueAt: null, sealedCard: null, memberKey: null };
}

let directory: string;
let file: string;
let queue: OfflineQueueStore;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'offline-queue-'));
	file = join(directory, 'queue.db');
	queue = openSqliteOfflineQueue(file);
});

afterEach(() => {
	queue.close();
	rmSync(directory, { recursive: true, force: true });
});

describe('the SQLite offline queue', () => {
	it('gives increasing seqs and hands transactions back oldest first, with every field', () => {
		const first = queue.append(checkout('30001000000010'));
		const second = queue.append(checkin('30001000000028', new Date(T0.getTime() + 1000)));
		const third = queue.append(checkout('30001000000036', MEMBER_B));
		expect(second).toBeGreaterThan(first);
		expect(third).toBeGreaterThan(second);

		const pending = queue.pending();
		expect(pending.map((transaction) => transaction.seq)).toEqual([first, second, third]);
		expect(pending[0]).toEqual({ seq: first, sentAt: null, ...checkout('30001000000010') });
		expect(pending[1]).toEqual({ seq: second, sentAt: null, ...checkin('30001000000028', new Date(T0.getTime() + 1000)) });
		expect(pending[0]!.transactedAt.getTime()).toBe(T0.getTime());
		expect(queue.pending(2).map((transaction) => transaction.itemId)).toEqual(['30001000000010', '30001000000028']);
		expect(queue.count()).toBe(3);
	});

	it('counts waiting checkouts per member key, not returns or other members', () => {
		queue.append(checkout('item-1', MEMBER_A));
		queue.append(checkout('item-2', MEMBER_A));
		queue.append(checkout('item-3', MEMBER_B));
		queue.append(checkin('item-4'));
		expect(queue.countCheckouts(MEMBER_A)).toBe(2);
		expect(queue.countCheckouts(MEMBER_B)).toBe(1);
		expect(queue.countCheckouts(Buffer.alloc(32, 0xcc))).toBe(0);
	});

	it("hands back one item's waiting transactions, oldest first", () => {
		const lent = queue.append(checkout('item-1', MEMBER_A));
		queue.append(checkout('item-2', MEMBER_A));
		const returned = queue.append(checkin('item-1', new Date(T0.getTime() + 1000)));
		expect(queue.pendingForItem('item-1').map(({ seq, kind }) => [seq, kind])).toEqual([
			[lent, 'checkout'],
			[returned, 'checkin']
		]);
		expect(queue.pendingForItem('item-3')).toEqual([]);
	});

	it('marks a transaction sent, and completes it by deleting it', () => {
		const seq = queue.append(checkout('item-1'));
		const other = queue.append(checkin('item-2'));
		const sentAt = new Date('2026-11-24T08:00:00.000Z');
		queue.markSent(seq, sentAt);
		expect(queue.pending()[0]!.sentAt).toEqual(sentAt);
		expect(queue.pending()[1]!.sentAt).toBeNull();

		queue.complete(seq);
		expect(queue.pending().map((transaction) => transaction.seq)).toEqual([other]);
		expect(queue.countCheckouts(MEMBER_A)).toBe(0);
	});

	it('never hands out a completed seq again', () => {
		const seq = queue.append(checkin('item-1'));
		queue.complete(seq);
		expect(queue.append(checkin('item-2'))).toBeGreaterThan(seq);
	});

	it('moves a refused transaction to the exceptions list with its reason', () => {
		const seq = queue.append(checkout('item-1'));
		const recordedAt = new Date('2026-11-24T08:00:00.000Z');
		queue.moveToExceptions(seq, 'on-loan-to-other', 'Item is checked out to another patron', recordedAt);
		expect(queue.count()).toBe(0);
		const original = checkout('item-1');
		expect(queue.exceptions()).toEqual([
			{
				id: expect.any(Number),
				kind: 'checkout',
				itemId: 'item-1',
				transactedAt: original.transactedAt,
				dueAt: original.dueAt,
				sealedCard: original.sealedCard,
				reason: 'on-loan-to-other',
				message: 'Item is checked out to another patron',
				recordedAt
			}
		]);
	});

	it('leaves the transaction queued when the move fails half way (one transaction)', () => {
		const seq = queue.append(checkin('item-1'));
		// A message SQLite cannot bind (an object) fails the INSERT after the DELETE has run inside the transaction.
		expect(() => queue.moveToExceptions(seq, 'refused', {} as string, T0)).toThrow();
		expect(() => queue.moveToExceptions(seq, '', null, T0)).toThrow(InvalidOfflineTransactionError);
		expect(queue.count()).toBe(1);
		expect(queue.exceptions()).toEqual([]);
	});

	it('refuses an unknown seq with UnknownSeqError, changing nothing', () => {
		const seq = queue.append(checkin('item-1'));
		for (const act of [() => queue.markSent(seq + 1, T0), () => queue.complete(seq + 1), () => queue.moveToExceptions(seq + 1, 'x', null, T0), () => queue.complete(-1)]) {
			expect(act).toThrow(UnknownSeqError);
		}
		queue.complete(seq);
		expect(() => queue.complete(seq)).toThrow(`no transaction with seq ${seq}`);
		expect(queue.exceptions()).toEqual([]);
	});

	it('refuses transactions it must not hold', () => {
		const bad: [string, NewOfflineTransaction][] = [
			['empty item', checkin('')],
			['checkout without card', { ...checkout('item-1'), sealedCard: null }],
			['checkout without due date', { ...checkout('item-1'), dueAt: null }],
			['checkout with a short member key', { ...checkout('item-1'), memberKey: Buffer.alloc(8) }],
			['checkin with a card', { ...checkin('item-1'), sealedCard: Buffer.from([1]) }],
			['invalid date', checkin('item-1', new Date(NaN))],
			['unknown kind', { ...checkin('item-1'), kind: 'renew' as 'checkin' }]
		];
		for (const [what, transaction] of bad) expect(() => queue.append(transaction), what).toThrow(InvalidOfflineTransactionError);
		expect(queue.count()).toBe(0);
		expect(() => queue.countCheckouts(Buffer.alloc(3))).toThrow(InvalidOfflineTransactionError);
		expect(() => queue.pending(0)).toThrow(RangeError);
	});

	it('purges exceptions recorded before a date and returns how many', () => {
		const day = 86_400_000;
		for (const [index, item] of ['old-1', 'old-2', 'new-1'].entries()) {
			queue.moveToExceptions(queue.append(checkin(item)), 'refused', null, new Date(T0.getTime() + (index === 2 ? 10 * day : index * day)));
		}
		expect(queue.purgeExceptions(new Date(T0.getTime() + 5 * day))).toBe(2);
		expect(queue.exceptions().map((exception) => exception.itemId)).toEqual(['new-1']);
		expect(queue.purgeExceptions(new Date(T0.getTime() + 5 * day))).toBe(0);
		// The purge ends with a TRUNCATE checkpoint: the WAL holds nothing of the deleted rows.
		expect(statSync(`${file}-wal`).size).toBe(0);
	});

	it('keeps everything after close and reopen', () => {
		const seq = queue.append(checkout('item-1'));
		queue.markSent(seq, new Date('2026-11-24T08:00:00.000Z'));
		queue.moveToExceptions(queue.append(checkin('item-2')), 'unknown-item', null, T0);
		const before = { pending: queue.pending(), exceptions: queue.exceptions() };
		queue.close();

		queue = openSqliteOfflineQueue(file);
		expect(queue.pending()).toEqual(before.pending);
		expect(queue.exceptions()).toEqual(before.exceptions);
		expect(queue.countCheckouts(MEMBER_A)).toBe(1);
		expect(checkOfflineQueueIntegrity(file)).toEqual(['ok']);
	});

	it('creates the database and its WAL files readable by the owner only', () => {
		queue.append(checkin('item-1'));
		for (const path of [file, `${file}-wal`, `${file}-shm`]) {
			expect(existsSync(path), path).toBe(true);
			expect((statSync(path).mode & 0o777).toString(8), path).toBe('600');
		}
	});

	it('makes an existing database file private when it is not', () => {
		queue.close();
		const loose = join(directory, 'loose.db');
		writeFileSync(loose, '', { mode: 0o644 });
		queue = openSqliteOfflineQueue(loose);
		expect((statSync(loose).mode & 0o777).toString(8)).toBe('600');
	});

	it('also runs in memory, for tools that want a throwaway queue', () => {
		const memory = openSqliteOfflineQueue(':memory:');
		try {
			memory.append(checkin('item-1'));
			expect(memory.count()).toBe(1);
		} finally {
			memory.close();
		}
		expect(existsSync(':memory:')).toBe(false);
	});

	it('refuses a file that is not a database, naming it', () => {
		queue.close();
		const notDb = join(directory, 'not.db');
		writeFileSync(notDb, 'this is not a database, just text that is long enough to have a header '.repeat(10), { mode: 0o600 });
		expect(() => (queue = openSqliteOfflineQueue(notDb))).toThrow(OfflineQueueError);
		expect(() => openSqliteOfflineQueue(notDb)).toThrow(notDb);
		queue = openSqliteOfflineQueue(file);
	});
});
