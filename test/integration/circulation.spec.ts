import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CirculationService } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { Sip2Client, tcpTransport, toIsoCalendarDate } from '../../server/sip2';

/**
 * The kiosk's use cases through the real SIP2 client, over real TCP, against the bundled demo
 * library system with its seeded data: the same code path as a Koha or Evergreen in production.
 */
let acs: RunningDemoAcs;
let client: Sip2Client;
let circulation: CirculationService;
const sessions = new MemberSessions(60_000);

beforeAll(async () => {
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
	client.start();
	await client.waitUntilOnline(5_000);
	circulation = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' });
});

afterAll(async () => {
	await client.close();
	await acs.close();
});

async function logIn(card: string, pin = '1234'): Promise<MemberSession> {
	const { response, member } = await circulation.login(card, pin);
	expect(response.ok).toBe(true);
	return sessions.create(member!.patronId, member!.pin, member!.member);
}

const inDays = (days: number) => {
	const date = new Date();
	date.setDate(date.getDate() + days);
	return toIsoCalendarDate(date);
};

describe('login', () => {
	it('greets a member in good standing by first name, with nothing blocking', async () => {
		const { response } = await circulation.login('20001000000012', '1234');
		expect(response).toEqual({ ok: true, member: { firstName: 'Sanne', borrowBlock: null, feesOwed: null, offline: false } });
	});

	it('tells a wrong PIN, an unknown card, a lost card and a malformed card apart', async () => {
		expect((await circulation.login('20001000000012', '9999')).response).toEqual({ ok: false, reason: 'pin-wrong' });
		expect((await circulation.login('29999999999999', '1234')).response).toEqual({ ok: false, reason: 'card-unknown' });
		expect((await circulation.login('20001000000046', '1234')).response).toEqual({ ok: false, reason: 'card-blocked' });
		expect((await circulation.login('2000 | 1', '1234')).response).toEqual({ ok: false, reason: 'card-invalid' });
	});

	it('checks the PIN once and does not keep it, unless the library system wants it on every request', async () => {
		expect((await circulation.login('20001000000012', '1234')).member?.pin).toBeNull();
		const pinEverywhere = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '', pinOnEveryRequest: true });
		const { member } = await pinEverywhere.login('20001000000012', '1234');
		expect(member?.pin).toBe('1234');
		const session = sessions.create(member!.patronId, member!.pin, member!.member);
		expect(await pinEverywhere.borrow(session, '30001000000069')).toMatchObject({ ok: true });
	});

	it('lets a member with fees over the limit in, blocked from borrowing, with the amount', async () => {
		const { response } = await circulation.login('20001000000020', '1234');
		expect(response).toEqual({ ok: true, member: { firstName: 'Pieter', borrowBlock: 'fees', feesOwed: { amount: '12.50', currency: 'EUR' }, offline: false } });
	});
});

describe('borrowing', () => {
	it('lends an available item for 21 days', async () => {
		const session = await logIn('20001000000012');
		const outcome = await circulation.borrow(session, '30001000000010');
		expect(outcome).toMatchObject({ itemId: '30001000000010', ok: true, renewed: false, dueDate: inDays(21) });
		expect(outcome.ok && outcome.title.length).toBeGreaterThan(0);
	});

	it('explains each refusal: on hold for another, on loan to another, unknown, member blocked, not for loan', async () => {
		const sanne = await logIn('20001000000012');
		expect(await circulation.borrow(sanne, '30001000000135')).toMatchObject({ ok: false, reason: 'hold-for-other' });
		expect(await circulation.borrow(sanne, '30001000000119')).toMatchObject({ ok: false, reason: 'on-loan-to-other' });
		expect(await circulation.borrow(sanne, '39999999999999')).toMatchObject({ ok: false, reason: 'unknown-item', title: null });
		const notForLoan = await circulation.borrow(sanne, '30001000000150');
		expect(notForLoan).toMatchObject({ ok: false, reason: 'refused' });
		expect(!notForLoan.ok && notForLoan.message).toMatch(/cannot be borrowed/);
		const pieter = await logIn('20001000000020');
		expect(await circulation.borrow(pieter, '30001000000028')).toMatchObject({ ok: false, reason: 'member-blocked' });
	});
});

describe('my account', () => {
	it('lists loans with due dates, holds waiting and pending with pickup place, and fees', async () => {
		const jan = await logIn('20001000000038');
		const account = await circulation.account(jan);
		expect(account.member.firstName).toBe('Jan');
		// Soonest due first, as the library system lists them.
		expect(account.loans.map((loan) => [loan.itemId, loan.overdue])).toEqual([
			['30001000000127', true],
			['30001000000119', false]
		]);
		expect(account.loans[0]!.dueDate! < toIsoCalendarDate(new Date())).toBe(true);
		expect(account.fees).toHaveLength(1);
		expect(account.fees[0]).toMatchObject({ amount: { amount: '2.40', currency: 'EUR' }, description: 'Te laat: Het diner' });
		expect(account.fees[0]!.id).toMatch(/^\d+$/);
		expect(account.holdsPending.map((hold) => hold.itemId)).toEqual(['30001000000135']);
	});

	it('shows a hold waiting on the shelf with where to pick it up, and a pending one', async () => {
		const sanne = await logIn('20001000000012');
		const account = await circulation.account(sanne);
		expect(account.holdsWaiting).toEqual([{ itemId: '30001000000168', title: expect.any(String), pickupLocation: 'Centrale Bibliotheek' }]);
		expect(account.holdsPending.map((hold) => hold.itemId)).toEqual(['30001000000176']);
	});
	it('shows contact details masked, and one field in full only when the member asks for it', async () => {
		const sanne = await logIn('20001000000012');
		const { details } = await circulation.account(sanne);
		expect(details).toEqual({ email: 's***@example.nl', phone: '06 *** **87', address: 'O********* 8*, 3*** A* U******' });
		expect(await circulation.revealDetail(sanne, 'email')).toBe('sanne.jansen@example.nl');
		expect(await circulation.revealDetail(sanne, 'phone')).toBe('06-21436587');
	});

	it("shows a family member's loans only when that member accepted the link, and only one way", async () => {
		const sanne = await circulation.account(await logIn('20001000000012'));
		expect(sanne.family).toEqual([{ firstName: 'Daan', loans: [expect.objectContaining({ itemId: '30001000000176', overdue: false })] }]);
		expect(JSON.stringify(sanne.family)).not.toMatch(/20001000000053|Smit/);
		// Jan asked to see Pieter's loans; Pieter did not accept.
		expect((await circulation.account(await logIn('20001000000038'))).family).toEqual([]);
		// Daan accepted Sanne's link; that gives him nothing of hers.
		expect((await circulation.account(await logIn('20001000000053'))).family).toEqual([]);
	});

	it('lends the item waiting on the hold shelf to the member it waits for', async () => {
		const sanne = await logIn('20001000000012');
		expect(await circulation.borrow(sanne, '30001000000168')).toMatchObject({ ok: true });
		expect((await circulation.account(sanne)).holdsWaiting).toEqual([]);
	});

});

describe('renewing', () => {
	it('renews a loan to a new due date, and refuses past the renewal limit with the reason', async () => {
		const daan = await logIn('20001000000053');
		const first = await circulation.renew(daan, '30001000000176');
		// 30001000000176 has a pending hold (Sanne): no renewal.
		expect(first).toMatchObject({ ok: false, reason: 'hold-for-other' });

		const sanne = await logIn('20001000000012');
		await circulation.borrow(sanne, '30001000000036');
		const outcomes = [];
		for (let i = 0; i < 4; i++) outcomes.push(await circulation.renew(sanne, '30001000000036'));
		expect(outcomes.slice(0, 3).every((outcome) => outcome.ok)).toBe(true);
		expect(outcomes[3]).toMatchObject({ ok: false, reason: 'renewal-limit' });
	});

	it('renews all loans, each with its own outcome', async () => {
		const jan = await logIn('20001000000038');
		const outcomes = await circulation.renewAll(jan);
		expect(outcomes.map((outcome) => outcome.itemId).sort()).toEqual(['30001000000119', '30001000000127']);
		expect(outcomes.every((outcome) => outcome.ok && outcome.dueDate! > toIsoCalendarDate(new Date()))).toBe(true);
	});
});

describe('returning', () => {
	it('says where each returned item goes: trolley, hold shelf, transit box', async () => {
		expect(await circulation.returnItem('30001000000101')).toMatchObject({ ok: true, action: 'shelve' });
		expect(await circulation.returnItem('30001000000135')).toMatchObject({ ok: true, action: 'hold-shelf', destination: null });
		expect(await circulation.returnItem('30001000000143')).toMatchObject({ ok: true, action: 'transit', destination: 'NRD' });
	});

	it('says so for an item the library does not know', async () => {
		expect(await circulation.returnItem('39999999999999')).toMatchObject({ ok: false, reason: 'unknown-item' });
	});

	it('never passes on who the hold is for: the return screen is public', async () => {
		const jan = await logIn('20001000000038');
		await circulation.borrow(jan, '30001000000044');
		const outcome = await circulation.returnItem('30001000000044');
		expect(JSON.stringify(outcome)).not.toMatch(/2000100000|Jansen|Vries/);
	});
});

describe('ending the session', () => {
	it('ends the patron session at the library system without throwing, even twice', async () => {
		const sanne = await logIn('20001000000012');
		await expect(circulation.endSession(sanne)).resolves.toBeUndefined();
		await expect(circulation.endSession(sanne)).resolves.toBeUndefined();
	});
});
