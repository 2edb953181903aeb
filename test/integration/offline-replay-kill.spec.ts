import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardContext, createCardSealer } from '../../offline/card-sealer';
import { offlineDueDate } from '../../offline/offline-ledger';
import { openSqliteOfflineQueue } from '../../offline/queue/sqlite-offline-queue';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { hashPin } from '../../server/demo-library/pin-hash';
import { seedDemoLibrary } from '../../server/demo-library/seed-demo-library';
import { openSqliteLibraryStore } from '../../server/demo-library/sqlite-library-store';
import { toIsoCalendarDate } from '../../server/sip2';

/**
 * A replay killed with SIGKILL, twice, at the worst moment: after the library system has answered
 * a transaction and before the queue has deleted it. Replayed to the end afterwards, every
 * transaction is applied exactly once: no loan lost, none doubled (a doubled checkout would show
 * as a renewal), the queue empty and no exceptions.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const CHILD = join(ROOT, 'test/support/replay-child.ts');
const KEY = randomBytes(32);
const LENT = 30;
const RETURNED = 10;
const itemOf = (index: number) => `KILL${String(index).padStart(6, '0')}`;
const cardOf = (index: number) => `2888${String(index % 3).padStart(10, '0')}`;

let dir: string;
let demoDb: string;
let queueDb: string;
let acs: RunningDemoAcs;
const dueOf = new Map<string, Date>();

beforeAll(async () => {
	dir = mkdtempSync(join(os.tmpdir(), 'kiosk-replay-kill-'));
	demoDb = join(dir, 'demo.db');
	queueDb = join(dir, 'queue.db');
	const store = openSqliteLibraryStore(demoDb);
	seedDemoLibrary(store, new Date());
	const pinHash = hashPin('1234');
	store.transaction(() => {
		for (let index = 0; index < LENT; index++) {
			store.insertItem({ barcode: itemOf(index), title: `Kill ${index}`, author: 'Test', mediaType: 'book', ownerBranch: 'CEN', currentBranch: 'CEN', inTransitTo: null, notForLoan: false, properties: null });
		}
		for (let index = 0; index < 3; index++) {
			store.insertPatron({ cardNumber: cardOf(index), pinHash, firstName: 'Kill', lastName: `Test ${index}`, email: null, phone: null, address: null, homeBranch: 'CEN', feeLimitCents: 1000, cardLost: false, barred: false });
		}
	});
	store.close();
	acs = await startDemoLibrarySystem({ dbFile: demoDb });

	// What the kiosk queued while offline: 30 loans, then 10 of those items brought back.
	const queue = openSqliteOfflineQueue(queueDb);
	const sealer = createCardSealer(KEY);
	const start = Date.now() - 60 * 60 * 1000;
	for (let index = 0; index < LENT; index++) {
		const itemId = itemOf(index);
		const transactedAt = new Date(start + index * 1000);
		const dueAt = offlineDueDate(transactedAt, 21 + (index % 5));
		dueOf.set(itemId, dueAt);
		queue.append({ kind: 'checkout', itemId, transactedAt, dueAt, sealedCard: sealer.seal(cardOf(index), cardContext({ kind: 'checkout', itemId, transactedAt })), memberKey: sealer.memberKey(cardOf(index)) });
	}
	for (let index = 0; index < RETURNED; index++) {
		queue.append({ kind: 'checkin', itemId: itemOf(index), transactedAt: new Date(start + (LENT + index) * 1000), dueAt: null, sealedCard: null, memberKey: null });
	}
	queue.close();
});

afterAll(async () => {
	await acs.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Runs the child; with `hangAfter` waits until it froze there and kills it, else until it is done. */
function replay(hangAfter?: number): Promise<string> {
	const args = ['--import', 'tsx', CHILD, queueDb, KEY.toString('hex'), String(acs.port), ...(hangAfter ? ['--hang-after', String(hangAfter)] : [])];
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve, reject) => {
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		createInterface({ input: child.stdout }).on('line', (line) => {
			if (hangAfter && line === `ANSWERED ${hangAfter}`) {
				child.kill('SIGKILL');
				void exited.then(() => resolve(line));
			} else if (line.startsWith('DONE')) {
				void exited.then(() => resolve(line));
			}
		});
		child.once('exit', (code, signal) => {
			if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`replay child exited ${code}: ${stderr}`));
		});
	});
}

describe('a replay killed in the middle', () => {
	it('neither loses nor doubles a transaction', async () => {
		// Killed with the 12th transaction (a checkout) answered but not deleted.
		expect(await replay(12)).toBe('ANSWERED 12');
		// The 12th is found applied and not sent again; then 13 to 32 are sent, and it is killed with
		// the 32nd (the return of the first item) answered but not deleted.
		expect(await replay(20)).toBe('ANSWERED 20');
		// The 32nd is found applied, 33 to 40 are sent: 9 applied in this run.
		expect(await replay()).toBe('DONE 9 0 0');

		const queue = openSqliteOfflineQueue(queueDb);
		expect(queue.count()).toBe(0);
		expect(queue.exceptions()).toEqual([]);
		queue.close();

		const store = openSqliteLibraryStore(demoDb);
		try {
			for (let index = 0; index < LENT; index++) {
				const item = store.findItemByBarcode(itemOf(index))!;
				const loan = store.findLoanByItem(item.id);
				if (index < RETURNED) {
					expect(loan, `${itemOf(index)} was returned`).toBeNull();
					continue;
				}
				expect(loan, `${itemOf(index)} is on loan`).not.toBeNull();
				expect(store.findPatronById(loan!.patronId)?.cardNumber).toBe(cardOf(index));
				expect(loan!.renewals, `${itemOf(index)} lent once`).toBe(0);
				expect(toIsoCalendarDate(loan!.dueAt)).toBe(toIsoCalendarDate(dueOf.get(itemOf(index))!));
			}
		} finally {
			store.close();
		}
	}, 60_000);
});
