import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProgress } from '../../kiosk/lib/api/contract';
import { createCardSealer } from '../../offline/card-sealer';
import { CirculationService } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import { startDemoLibrarySystem, type RunningDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { openSqliteLibraryStore } from '../../server/demo-library/sqlite-library-store';
import { DeviceHub } from '../../server/devices/device-hub';
import { silentLogger } from '../../server/logging/logger';
import type { CardTerminal } from '../../server/payments/card-terminal';
import type { PaymentJournal } from '../../server/payments/payment-journal';
import { PaymentService } from '../../server/payments/payment-service';
import { openSqlitePaymentJournal } from '../../server/payments/sqlite-payment-journal';
import { Sip2Client, tcpTransport } from '../../server/sip2';
import { freePort } from '../support/kiosk-server';

/**
 * Paying fees end to end: the demo library system over real TCP and SIP2, the real device hub
 * driving the ZVT simulator byte for byte, the payment journal in a real SQLite file.
 */
const SETTINGS = { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' };
const sealer = createCardSealer(randomBytes(32));

let dir: string;
let demoDb: string;
let acs: RunningDemoLibrarySystem;
let client: Sip2Client;
let hub: DeviceHub;
let journal: PaymentJournal;
let circulation: CirculationService;
const sessions = new MemberSessions(60_000);

/** Lets a test hold the terminal's answer until it has changed the world (the library system down). */
let gate: Promise<void> | null = null;
const terminal: CardTerminal = {
	pay: async (amountCents, currency, onStatus) => {
		await gate;
		return hub.payByCard(amountCents, currency, onStatus);
	},
	abort: () => hub.abortPayment()
};

function paymentService(payments: PaymentJournal = journal): PaymentService {
	return new PaymentService({ journal: payments, terminal, library: client, circulation, sealer, settings: { ...SETTINGS, keepDays: 30 }, logger: silentLogger });
}

async function logIn(card: string): Promise<MemberSession> {
	const { member } = await circulation.login(card, '1234');
	if (!member) throw new Error(`login failed for ${card}`);
	return sessions.create(member.patronId, member.pin, member.member);
}

/** Open fees in the library system's own database, in cents. */
function openFeesOf(card: string): number[] {
	const store = openSqliteLibraryStore(demoDb);
	try {
		const patron = store.findPatronByCardNumber(card)!;
		return store.listOpenFeesByPatron(patron.id).map((fee) => fee.amountCents - fee.paidCents);
	} finally {
		store.close();
	}
}

function addFee(card: string, amountCents: number): void {
	const store = openSqliteLibraryStore(demoDb);
	try {
		const patron = store.findPatronByCardNumber(card)!;
		store.insertFee({ patronId: patron.id, amountCents, description: 'Te laat', type: 'overdue', itemId: null, createdAt: new Date() });
	} finally {
		store.close();
	}
}

function progressOf(service: PaymentService, id: string): PaymentProgress[] {
	const seen: PaymentProgress[] = [];
	service.on('progress', (progress) => {
		if (progress.id === id) seen.push(progress);
	});
	return seen;
}

beforeAll(async () => {
	dir = mkdtempSync(join(os.tmpdir(), 'kiosk-payments-it-'));
	demoDb = join(dir, 'demo.db');
	acs = await startDemoLibrarySystem({ dbFile: demoDb, port: await freePort() });
	client = new Sip2Client({
		transport: tcpTransport({ host: '127.0.0.1', port: acs.port }),
		login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' },
		backoff: { initialMs: 50, maxMs: 200 },
		availabilityWaitMs: 300,
		requestTimeoutMs: 1_000
	});
	client.start();
	await client.waitUntilOnline(5_000);
	hub = new DeviceHub(
		{ scanner: { kind: 'none' }, printer: { kind: 'none' }, payment: { kind: 'simulator' }, paymentPassword: '123456' },
		{ log: silentLogger, paymentTimeouts: { acknowledgementMs: 300, authorisationMs: 800 } }
	);
	await hub.start();
	journal = openSqlitePaymentJournal(join(dir, 'payments.db'));
	circulation = new CirculationService(client, SETTINGS, silentLogger);
});

afterAll(async () => {
	journal.close();
	await hub.stop();
	client.close();
	await acs.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('paying fees by card', () => {
	it('pays every fee, tells the library system with the terminal reference, and unblocks the member', async () => {
		const pieter = await logIn('20001000000020');
		expect(pieter.member.borrowBlock).toBe('fees');
		const service = paymentService();

		const started = await service.start(pieter, null);
		expect(started).toMatchObject({ ok: true, amount: { amount: '12.50', currency: 'EUR' } });
		if (!started.ok) return;
		const seen = progressOf(service, started.id);
		// Journaled before the terminal answered anything.
		expect(journal.get(started.id)?.state).toBe('authorising');
		await service.settled(started.id);

		expect(seen.map((progress) => progress.status)).toContain('insert-card');
		expect(seen.at(-1)).toMatchObject({ phase: 'done', outcome: 'paid', canCancel: false });
		// Cancel is offered only until the terminal has the card.
		expect(seen.find((progress) => progress.status === 'watch-pin-pad')?.canCancel).toBe(false);
		expect(pieter.member.borrowBlock).toBeNull();
		expect(openFeesOf('20001000000020')).toEqual([]);

		const record = journal.get(started.id)!;
		expect(record.state).toBe('recorded');
		expect(record.fees.map((fee) => fee.state)).toEqual(['recorded', 'recorded']);
		expect(record.terminal?.reference).toMatch(/^52523535-\d{6}-\d{4}$/);
		expect(record.terminal?.maskedPan).toBe('559883******8074');
		// The card sits in the journal only sealed.
		expect(record.sealedCard.toString('latin1')).not.toContain('20001000000020');
		expect(service.view(started.id, pieter)?.reference).toBe(record.terminal?.reference);
	});

	it('pays only the fees the member picked', async () => {
		addFee('20001000000061', 150);
		addFee('20001000000061', 275);
		const lotte = await logIn('20001000000061');
		const service = paymentService();
		const { fees } = await circulation.openFees(lotte);
		expect(fees.map((fee) => fee.amountCents)).toEqual([150, 275]);

		const started = await service.start(lotte, [fees[1]!.id!]);
		expect(started).toMatchObject({ ok: true, amount: { amount: '2.75' } });
		if (started.ok) await service.settled(started.id);
		expect(openFeesOf('20001000000061')).toEqual([150]);

		expect(await service.start(lotte, ['no-such-fee'])).toEqual({ ok: false, reason: 'fee-unknown' });
	});

	it.each([
		['declined by the bank', { kind: 'decline' } as const, 'declined', 'declined'],
		['aborted at the terminal', { kind: 'abort-at-terminal' } as const, 'aborted', 'aborted'],
		['the terminal goes silent', { kind: 'silence' } as const, 'timeout', 'unknown'],
		['the terminal hangs up mid-authorisation', { kind: 'hang-up' } as const, 'disconnected', 'unknown']
	])('%s: nothing is recorded as paid and the fee stays open', async (_name, behaviour, outcome, state) => {
		const jan = await logIn('20001000000038');
		const service = paymentService();
		hub.paymentSimulator!.enqueue(behaviour);
		const started = await service.start(jan, null);
		if (!started.ok) throw new Error(started.reason);
		await service.settled(started.id);

		expect(service.view(started.id, jan)?.progress).toMatchObject({ phase: 'done', outcome });
		expect(journal.get(started.id)?.state).toBe(state);
		expect(openFeesOf('20001000000038')).toEqual([240]);
		expect(jan.member.borrowBlock).toBeNull(); // Jan's 2.40 is under the limit: never blocked
	});

	it('the member cancels while the terminal waits for the card', async () => {
		const jan = await logIn('20001000000038');
		const service = paymentService();
		hub.paymentSimulator!.enqueue({ kind: 'wait-for-card' });
		const started = await service.start(jan, null);
		if (!started.ok) throw new Error(started.reason);
		await new Promise<void>((resolve) => {
			const listener = (progress: PaymentProgress) => {
				if (progress.id !== started.id || progress.status !== 'insert-card') return;
				service.off('progress', listener);
				resolve();
			};
			service.on('progress', listener);
		});
		expect(service.view(started.id, jan)?.progress.canCancel).toBe(true);
		// Another member cannot cancel it.
		expect(await service.cancel(started.id, await logIn('20001000000012'))).toBe(false);
		expect(await service.cancel(started.id, jan)).toBe(true);
		await service.settled(started.id);
		expect(service.view(started.id, jan)?.progress.outcome).toBe('aborted');
		expect(openFeesOf('20001000000038')).toEqual([240]);
	});

	it('a second payment waits its turn: the terminal takes one at a time', async () => {
		const jan = await logIn('20001000000038');
		const service = paymentService();
		hub.paymentSimulator!.enqueue({ kind: 'wait-for-card' });
		const first = await service.start(jan, null);
		expect(await service.start(jan, null)).toEqual({ ok: false, reason: 'terminal-busy' });
		if (!first.ok) throw new Error(first.reason);
		await new Promise<void>((resolve) => setImmediate(resolve));
		await service.cancel(first.id, jan);
		await service.settled(first.id);
	});
});

describe('no payment lost', () => {
	it('the library system is down after the approval: the fee paid is sent when it is back', async () => {
		addFee('20001000000053', 300);
		const daan = await logIn('20001000000053');
		const service = paymentService();
		let open!: () => void;
		gate = new Promise((resolve) => (open = resolve));
		const started = await service.start(daan, null);
		if (!started.ok) throw new Error(started.reason);
		await acs.setReachable(false);
		open();
		await service.settled(started.id);
		gate = null;

		expect(service.view(started.id, daan)?.progress.outcome).toBe('paid-pending');
		expect(journal.get(started.id)?.state).toBe('approved');
		expect(service.attention().map((payment) => payment.id)).toContain(started.id);

		await acs.setReachable(true);
		await client.waitUntilOnline(5_000);
		await service.recover();
		expect(journal.get(started.id)?.state).toBe('recorded');
		expect(openFeesOf('20001000000053')).toEqual([]);
		// Recovering again sends nothing twice.
		await service.recover();
		expect(openFeesOf('20001000000053')).toEqual([]);
	});

	it('the server dies between the approval and the fee paid: a new server sends it from the journal', async () => {
		addFee('20001000000053', 425);
		const daan = await logIn('20001000000053');
		const file = join(dir, 'crash.db');
		const before = openSqlitePaymentJournal(file);
		const dying = paymentService(before);
		let open!: () => void;
		gate = new Promise((resolve) => (open = resolve));
		const started = await dying.start(daan, null);
		if (!started.ok) throw new Error(started.reason);
		await acs.setReachable(false);
		open();
		await dying.settled(started.id);
		gate = null;
		// The process is gone: only the file is left.
		before.close();
		await acs.setReachable(true);
		await client.waitUntilOnline(5_000);

		const after = openSqlitePaymentJournal(file);
		try {
			expect(after.get(started.id)?.state).toBe('approved');
			await paymentService(after).recover();
			expect(after.get(started.id)?.state).toBe('recorded');
			expect(openFeesOf('20001000000053')).toEqual([]);
		} finally {
			after.close();
		}
	});

	it('the library system refuses the fee paid after the approval: the money is taken, and staff see it', async () => {
		addFee('20001000000046', 180);
		const store = openSqliteLibraryStore(demoDb);
		const fleur = store.findPatronByCardNumber('20001000000046')!;
		const fee = store.listOpenFeesByPatron(fleur.id).at(-1)!;
		store.close();
		// Fleur's card is reported lost, but staff look her up at the desk, where paying still works.
		const session = (await circulation.memberForStaff('20001000000046'))!.session;
		const service = paymentService();
		let open!: () => void;
		gate = new Promise((resolve) => (open = resolve));
		const started = await service.start(session, [String(fee.id)], { place: 'desk', staff: 'e2e-staff', method: 'card' });
		if (!started.ok) throw new Error(started.reason);
		// Meanwhile the fee is paid another way (at another desk): the library system no longer has it open.
		const other = openSqliteLibraryStore(demoDb);
		other.updateFeePaid(fee.id, fee.amountCents);
		other.close();
		open();
		await service.settled(started.id);
		gate = null;

		expect(service.view(started.id, 'staff')?.progress.outcome).toBe('paid-refused');
		const record = journal.get(started.id)!;
		expect(record.state).toBe('refused');
		expect(record.fees[0]).toMatchObject({ state: 'refused', message: 'Fee not found.' });
		expect(service.attention()).toContainEqual(expect.objectContaining({ id: started.id, state: 'refused', card: '20001000000046', reference: record.terminal!.reference }));
		// Recovery does not send it again: staff decide.
		await service.recover();
		expect(journal.get(started.id)?.state).toBe('refused');
	});

	it('a payment the server was authorising when it died has an unknown outcome, for staff, never paid', async () => {
		const file = join(dir, 'mid-authorisation.db');
		const crashed = openSqlitePaymentJournal(file);
		crashed.begin(
			{ id: 'p-1', place: 'kiosk', method: 'card', staff: null, sealedCard: sealer.seal('20001000000038', 'payment:p-1'), amountCents: 240, currency: 'EUR', fees: [{ feeId: null, amountCents: 240, state: 'open', message: null }] },
			new Date()
		);
		crashed.close();
		const after = openSqlitePaymentJournal(file);
		try {
			const service = paymentService(after);
			await service.recover();
			expect(after.get('p-1')?.state).toBe('unknown');
			expect(service.attention()).toEqual([expect.objectContaining({ id: 'p-1', state: 'unknown', card: '20001000000038' })]);
			expect(openFeesOf('20001000000038')).toEqual([240]);
			expect(service.settle('p-1')).toBe(true);
			expect(service.attention()).toEqual([]);
		} finally {
			after.close();
		}
	});
});
