import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardSealer } from '../../offline/card-sealer';
import { OfflineLedger } from '../../offline/offline-ledger';
import { OfflineMode } from '../../offline/offline-mode';
import { OfflineReplayer } from '../../offline/offline-replayer';
import type { OfflineQueueStore } from '../../offline/queue/offline-queue';
import { openSqliteOfflineQueue } from '../../offline/queue/sqlite-offline-queue';
import { CirculationService } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { openSqliteLibraryStore } from '../../server/demo-library/sqlite-library-store';
import { Sip2Client, Sip2UnavailableError, tcpTransport, toIsoCalendarDate } from '../../server/sip2';
import { freePort } from '../support/kiosk-server';

/**
 * Store and forward end to end: the demo library system stopped and started again over real
 * TCP, the real SIP2 client noticing, the real SQLite queue, and the replay with no block = Y.
 */
const MAX_ITEMS = 2;
const DUE_DAYS = 21;

let dir: string;
let demoDb: string;
let port: number;
let acs: RunningDemoAcs | null = null;
let client: Sip2Client;
let queue: OfflineQueueStore;
let mode: OfflineMode;
let circulation: CirculationService;
const sessions = new MemberSessions(60_000);

function onlineBecomes(online: boolean): Promise<void> {
	if (mode.online === online) return Promise.resolve();
	return new Promise((resolve) => {
		const listener = (now: boolean) => {
			if (now !== online) return;
			mode.off('change', listener);
			resolve();
		};
		mode.on('change', listener);
	});
}

/** The library system's own record of an item's loan, read from its database. */
function loanOf(itemBarcode: string): { card: string; dueAt: Date; renewals: number } | null {
	const store = openSqliteLibraryStore(demoDb);
	try {
		const item = store.findItemByBarcode(itemBarcode);
		const loan = item ? store.findLoanByItem(item.id) : null;
		if (!loan) return null;
		return { card: store.findPatronById(loan.patronId)?.cardNumber ?? '', dueAt: loan.dueAt, renewals: loan.renewals };
	} finally {
		store.close();
	}
}

beforeAll(async () => {
	dir = mkdtempSync(join(os.tmpdir(), 'kiosk-offline-it-'));
	demoDb = join(dir, 'demo.db');
	port = await freePort();
	acs = await startDemoLibrarySystem({ dbFile: demoDb, port });
	client = new Sip2Client({
		transport: tcpTransport({ host: '127.0.0.1', port }),
		login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' },
		backoff: { initialMs: 50, maxMs: 200 },
		availabilityWaitMs: 500,
		requestTimeoutMs: 2_000
	});
	client.start();
	await client.waitUntilOnline(5_000);
	queue = openSqliteOfflineQueue(join(dir, 'queue.db'));
	const sealer = createCardSealer(randomBytes(32));
	const ledger = new OfflineLedger(queue, sealer, { borrowing: true, maxItemsPerMember: MAX_ITEMS, dueDays: DUE_DAYS, cardPattern: /^[0-9]{14}$/ });
	const settings = { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' };
	mode = new OfflineMode(client, ledger, new OfflineReplayer(queue, sealer, client, settings), undefined, { retryMs: 200 });
	mode.start();
	await onlineBecomes(true);
	circulation = new CirculationService(client, settings, undefined, undefined, null, mode);
});

afterAll(async () => {
	mode.stop();
	await client.close();
	await acs?.close();
	queue.close();
	rmSync(dir, { recursive: true, force: true });
});

async function logIn(card: string, pin = ''): Promise<MemberSession> {
	const { response, member } = await circulation.login(card, pin);
	expect(response.ok).toBe(true);
	return sessions.create(member!.patronId, member!.pin, member!.member);
}

describe('offline and back', () => {
	it('lends and takes returns while the library system is down, then replays them in order and goes online again', async () => {
		const online = await logIn('20001000000053', '1234');
		expect(online.member.offline).toBe(false);

		await acs!.close();
		acs = null;
		await onlineBecomes(false);

		// The member who was logged in goes on offline; a new login checks only the card's form.
		expect(await circulation.borrow(online, '30001000000028')).toMatchObject({ ok: true, offline: true });
		expect((await circulation.login('2000 1', '')).response).toEqual({ ok: false, reason: 'card-invalid' });
		const daan = await logIn('20001000000053');
		expect(daan.member).toEqual({ firstName: '', borrowBlock: null, feesOwed: null, offline: true });
		const lent = await circulation.borrow(daan, '30001000000010');
		const promised = new Date();
		promised.setDate(promised.getDate() + DUE_DAYS);
		expect(lent).toEqual({ itemId: '30001000000010', ok: true, title: '30001000000010', dueDate: toIsoCalendarDate(promised), dueDateText: toIsoCalendarDate(promised), renewed: false, security: null, offline: true });
		// Scanned again: the same loan, not a second one.
		expect(await circulation.borrow(daan, '30001000000010')).toMatchObject({ ok: true, offline: true });
		// Within the policy: two items per member until the replay, across sessions.
		expect(await circulation.borrow(daan, '30001000000036')).toMatchObject({ ok: false, reason: 'offline-limit' });
		// Returns are always taken, whoever had the item.
		expect(await circulation.returnItem('30001000000101')).toEqual({ itemId: '30001000000101', ok: true, title: null, action: 'queued', destination: null, security: null });
		// Refused at replay: an unknown card, and an item the library system does not know.
		const stranger = await logIn('29999999999999');
		expect(await circulation.borrow(stranger, '30001000000044')).toMatchObject({ ok: true, offline: true });
		expect(await circulation.borrow(daan, 'NOT-A-REAL-ITEM')).toMatchObject({ ok: false, reason: 'offline-limit' });
		expect(await circulation.borrow(stranger, 'NOT-A-REAL-ITEM')).toMatchObject({ ok: true, offline: true });
		// What needs the library system says so at once.
		await expect(circulation.account(daan)).rejects.toBeInstanceOf(Sip2UnavailableError);
		await expect(circulation.renewAll(daan)).rejects.toBeInstanceOf(Sip2UnavailableError);
		expect(queue.count()).toBe(5);

		const replayed = new Promise((resolve) => mode.once('replayed', resolve));
		acs = await startDemoLibrarySystem({ dbFile: demoDb, port });
		expect(await replayed).toEqual({ applied: 3, refused: 2, remaining: 0, stoppedBy: null });
		await onlineBecomes(true);
		expect(queue.count()).toBe(0);

		// Applied with the offline due date, once each (no renewal from a double).
		expect(loanOf('30001000000010')).toMatchObject({ card: '20001000000053', renewals: 0 });
		expect(toIsoCalendarDate(loanOf('30001000000010')!.dueAt)).toBe(toIsoCalendarDate(promised));
		expect(toIsoCalendarDate(loanOf('30001000000028')!.dueAt)).toBe(toIsoCalendarDate(promised));
		expect(loanOf('30001000000101')).toBeNull();
		expect(loanOf('30001000000044')).toBeNull();
		expect(queue.exceptions().map(({ kind, itemId, reason }) => ({ kind, itemId, reason }))).toEqual([
			{ kind: 'checkout', itemId: '30001000000044', reason: 'unknown-card' },
			{ kind: 'checkout', itemId: 'NOT-A-REAL-ITEM', reason: 'unknown-item' }
		]);

		// Online again: a new login needs the PIN, and the offline session stays offline.
		expect((await circulation.login('20001000000053', '')).response).toEqual({ ok: false, reason: 'pin-needed' });
		expect((await logIn('20001000000053', '1234')).member.offline).toBe(false);
		expect(await circulation.borrow(daan, '30001000000051')).toMatchObject({ ok: true, offline: true });
		await mode.replay();
		expect(queue.count()).toBe(0);
		expect(loanOf('30001000000051')).not.toBeNull();
	});
});
