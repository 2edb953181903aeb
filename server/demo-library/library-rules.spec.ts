import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryStore } from './library-store';
import { DemoLibrary, type CheckinResult, type PatronInformation } from './library-rules';
import { seedDemoLibrary } from './seed-demo-library';
import { openSqliteLibraryStore } from './sqlite-library-store';

// A Monday in November: no daylight-saving change within the loan periods used below.
const NOW = new Date('2026-11-23T10:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function daysFromNow(days: number): Date {
	return new Date(NOW.getTime() + days * DAY_MS);
}

const GOOD = '20001000000012';
const BLOCKED_BY_FEES = '20001000000020';
const TWO_LOANS = '20001000000038';
const CARD_LOST = '20001000000046';
const BORROWER_OF_176 = '20001000000053';

const AVAILABLE_ITEMS = [
	'30001000000010',
	'30001000000028',
	'30001000000036',
	'30001000000044',
	'30001000000051',
	'30001000000069',
	'30001000000077',
	'30001000000085',
	'30001000000093'
];

const openStores: LibraryStore[] = [];

function demoLibrary() {
	const store = openSqliteLibraryStore();
	openStores.push(store);
	seedDemoLibrary(store, NOW);
	let now = NOW;
	const library = new DemoLibrary(store, { clock: () => now });
	return {
		store,
		library,
		setNow(date: Date) {
			now = date;
		}
	};
}

afterEach(() => {
	for (const store of openStores.splice(0)) store.close();
});

function patron(library: DemoLibrary, cardNumber: string): PatronInformation {
	const information = library.patronInformation(cardNumber);
	if (information === null) throw new Error(`patron ${cardNumber} not seeded`);
	return information;
}

function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return sum % 10 === 0;
}

function expectCheckedIn(result: CheckinResult): Extract<CheckinResult, { ok: true }> {
	if (!result.ok) throw new Error(`check-in refused: ${result.message}`);
	return result;
}

describe('seeded demo library', () => {
	it('uses identifiers with a valid mod-10 check digit', () => {
		const identifiers = [
			GOOD,
			BLOCKED_BY_FEES,
			TWO_LOANS,
			CARD_LOST,
			BORROWER_OF_176,
			...AVAILABLE_ITEMS,
			'30001000000101',
			'30001000000119',
			'30001000000127',
			'30001000000135',
			'30001000000143',
			'30001000000150',
			'30001000000168',
			'30001000000176'
		];
		expect(identifiers.filter((identifier) => !luhnValid(identifier))).toEqual([]);
		expect(luhnValid('30001000000011')).toBe(false);
	});

	it('has nine available items 30001000000010..093 at the central branch', () => {
		const { library } = demoLibrary();
		for (const barcode of AVAILABLE_ITEMS) {
			expect(library.itemInformation(barcode)).toMatchObject({
				circulation: 'available',
				holdQueueLength: 0,
				dueDate: null,
				ownerBranch: { code: 'CEN', name: 'Centrale Bibliotheek' }
			});
		}
	});

	it('has the special items in their states', () => {
		const { library } = demoLibrary();
		expect(library.itemInformation('30001000000135')).toMatchObject({ circulation: 'available', holdQueueLength: 1 });
		expect(library.itemInformation('30001000000143')).toMatchObject({
			circulation: 'available',
			ownerBranch: { code: 'NRD', name: 'Filiaal Noord' }
		});
		expect(library.itemInformation('30001000000150')?.circulation).toBe('not-for-loan');
		expect(library.itemInformation('30001000000168')).toMatchObject({
			circulation: 'on-hold-shelf',
			holdPickupBranch: { code: 'CEN' },
			holdPickupDeadline: daysFromNow(5)
		});
		expect(library.itemInformation('30001000000127')).toMatchObject({ circulation: 'on-loan', dueDate: daysFromNow(-5) });
	});

	it('has a patron in good standing with a loan, a waiting hold and a pending hold', () => {
		const { library } = demoLibrary();
		const sanne = patron(library, GOOD);
		expect(sanne.blocks).toEqual([]);
		expect(sanne.status.chargePrivilegesDenied).toBe(false);
		expect(sanne.feeTotal).toBe('0.00');
		expect(sanne.fees).toEqual([]);
		expect(sanne.loans).toEqual([
			expect.objectContaining({ itemBarcode: '30001000000101', overdue: false, dueDate: daysFromNow(14) })
		]);
		expect(sanne.holdsWaiting).toEqual([
			expect.objectContaining({
				itemBarcode: '30001000000168',
				pickupBranch: { code: 'CEN', name: 'Centrale Bibliotheek' },
				expiresAt: daysFromNow(5)
			})
		]);
		expect(sanne.holdsPending).toEqual([expect.objectContaining({ itemBarcode: '30001000000176', queuePosition: 1 })]);
		expect(library.itemInformation('30001000000176')?.circulation).toBe('on-loan');
		expect(sanne).toMatchObject({ email: 'sanne.jansen@example.nl', homeBranch: { code: 'CEN' } });
	});

	it('has a patron blocked by EUR 12.50 in fees over a EUR 10.00 limit', () => {
		const { library } = demoLibrary();
		const pieter = patron(library, BLOCKED_BY_FEES);
		expect(pieter).toMatchObject({ feeTotal: '12.50', feeLimit: '10.00', currency: 'EUR', blocks: ['excessive-fees'] });
		expect(pieter.fees).toHaveLength(2);
		expect(pieter.status).toMatchObject({
			chargePrivilegesDenied: true,
			renewalPrivilegesDenied: true,
			holdPrivilegesDenied: true,
			excessiveOutstandingFees: true,
			cardReportedLost: false
		});
	});

	it('has a patron with two loans, one overdue, and a EUR 2.40 fee', () => {
		const { library } = demoLibrary();
		const jan = patron(library, TWO_LOANS);
		expect(jan.loans.map((loan) => [loan.itemBarcode, loan.overdue])).toEqual([
			['30001000000127', true],
			['30001000000119', false]
		]);
		expect(jan.feeTotal).toBe('2.40');
		expect(jan.fees).toEqual([expect.objectContaining({ amount: '2.40', type: 'overdue' })]);
		expect(jan.holdsPending.map((hold) => hold.itemBarcode)).toEqual(['30001000000135']);
		expect(jan.blocks).toEqual([]);
	});

	it('has a patron whose card is reported lost', () => {
		const { library } = demoLibrary();
		expect(patron(library, CARD_LOST).status).toMatchObject({ cardReportedLost: true, chargePrivilegesDenied: true });
	});

	it('refuses to seed a store twice', () => {
		const { store } = demoLibrary();
		expect(() => seedDemoLibrary(store, NOW)).toThrow(/empty store/);
	});

	it('returns null for an unknown patron or item', () => {
		const { library } = demoLibrary();
		expect(library.patronInformation('20001000000999')).toBeNull();
		expect(library.itemInformation('39999999999999')).toBeNull();
	});
});

describe('verifyPatron', () => {
	it('accepts the right PIN and refuses a wrong one', () => {
		const { library } = demoLibrary();
		expect(library.verifyPatron(GOOD, '1234')).toEqual({ known: true, pinOk: true });
		expect(library.verifyPatron(GOOD, '4321')).toEqual({ known: true, pinOk: false });
		expect(library.verifyPatron(GOOD)).toEqual({ known: true, pinOk: null });
		expect(library.verifyPatron('20001000000999', '1234')).toEqual({ known: false, pinOk: null });
	});

	it('stores a salted hash, never the PIN', () => {
		const { store } = demoLibrary();
		const first = store.findPatronByCardNumber(GOOD)?.pinHash ?? '';
		const second = store.findPatronByCardNumber(TWO_LOANS)?.pinHash ?? '';
		expect(first).toMatch(/^scrypt\$/);
		expect(first).not.toContain('1234');
		// Same PIN, different salt: a leaked table does not show who shares a PIN.
		expect(first).not.toBe(second);
	});
});

describe('checkout', () => {
	it('lends an available item for 21 days', () => {
		const { library } = demoLibrary();
		const result = library.checkout(GOOD, '30001000000010', { pin: '1234' });
		expect(result).toEqual({
			ok: true,
			renewal: false,
			title: 'De avonden',
			dueDate: daysFromNow(21),
			message: 'Checked out.'
		});
		expect(library.itemInformation('30001000000010')).toMatchObject({ circulation: 'on-loan', dueDate: daysFromNow(21) });
		expect(patron(library, GOOD).loans.map((loan) => loan.itemBarcode)).toContain('30001000000010');
	});

	it('refuses a wrong PIN without lending', () => {
		const { library } = demoLibrary();
		expect(library.checkout(GOOD, '30001000000010', { pin: '0000' })).toMatchObject({ ok: false, refusal: 'pin-wrong' });
		expect(library.itemInformation('30001000000010')?.circulation).toBe('available');
	});

	it('refuses unknown patrons, unknown items and items not for loan', () => {
		const { library } = demoLibrary();
		expect(library.checkout('20001000000999', '30001000000010')).toMatchObject({ ok: false, refusal: 'unknown-patron' });
		expect(library.checkout(GOOD, '39999999999999')).toMatchObject({
			ok: false,
			refusal: 'unknown-item',
			title: null,
			message: 'Item not found.'
		});
		expect(library.checkout(GOOD, '39999999999999', { noBlock: true })).toMatchObject({ refusal: 'unknown-item' });
		expect(library.checkout(GOOD, '30001000000150')).toMatchObject({
			ok: false,
			refusal: 'not-for-loan',
			title: 'Van Dale Groot woordenboek van de Nederlandse taal'
		});
	});

	it('refuses an item on hold for another patron, pending on the shelf', () => {
		const { library } = demoLibrary();
		expect(library.checkout(GOOD, '30001000000135')).toMatchObject({
			ok: false,
			refusal: 'hold-for-other',
			message: 'Item is on hold for another patron.'
		});
		expect(library.itemInformation('30001000000135')?.circulation).toBe('available');
	});

	it('refuses an item waiting on the hold shelf for another patron', () => {
		const { library } = demoLibrary();
		expect(library.checkout(TWO_LOANS, '30001000000168')).toMatchObject({ ok: false, refusal: 'hold-for-other' });
	});

	it('fills the patron’s own waiting hold', () => {
		const { library } = demoLibrary();
		expect(library.checkout(GOOD, '30001000000168')).toMatchObject({ ok: true, renewal: false });
		expect(patron(library, GOOD).holdsWaiting).toEqual([]);
		expect(library.itemInformation('30001000000168')).toMatchObject({ circulation: 'on-loan', holdQueueLength: 0 });
	});

	it('lets the patron first in line borrow; others queued behind keep their holds', () => {
		const { library } = demoLibrary();
		expect(library.placeHold(TWO_LOANS, '30001000000168')).toMatchObject({ ok: true, queuePosition: 2 });
		expect(library.checkout(GOOD, '30001000000168')).toMatchObject({ ok: true });
		expect(patron(library, TWO_LOANS).holdsPending.map((hold) => hold.itemBarcode)).toContain('30001000000168');

		// Second in line on an item on the shelf: the first in line gets it.
		expect(library.placeHold(GOOD, '30001000000135')).toMatchObject({ ok: true, queuePosition: 2 });
		expect(library.checkout(GOOD, '30001000000135')).toMatchObject({ ok: false, refusal: 'hold-for-other' });
	});

	it('fills the patron’s own pending hold on an item on the shelf', () => {
		const { library } = demoLibrary();
		expect(library.checkout(TWO_LOANS, '30001000000135')).toMatchObject({ ok: true });
		expect(patron(library, TWO_LOANS).holdsPending).toEqual([]);
	});

	it('refuses an item on loan to another patron', () => {
		const { library } = demoLibrary();
		expect(library.checkout(GOOD, '30001000000119')).toMatchObject({ ok: false, refusal: 'on-loan-to-other' });
	});

	it('refuses a patron over the fee limit, and accepts with noBlock', () => {
		const { library } = demoLibrary();
		expect(library.checkout(BLOCKED_BY_FEES, '30001000000010')).toMatchObject({
			ok: false,
			refusal: 'patron-blocked',
			message: 'Outstanding fees exceed the limit. Please pay at the desk.'
		});
		expect(library.itemInformation('30001000000010')?.circulation).toBe('available');
		expect(library.checkout(BLOCKED_BY_FEES, '30001000000010', { noBlock: true })).toMatchObject({
			ok: true,
			dueDate: daysFromNow(21)
		});
	});

	it('refuses a card reported lost', () => {
		const { library } = demoLibrary();
		expect(library.checkout(CARD_LOST, '30001000000010')).toMatchObject({
			ok: false,
			refusal: 'patron-blocked',
			message: expect.stringMatching(/reported lost/)
		});
	});

	it('blocks new loans at the loan limit', () => {
		const { store } = demoLibrary();
		const library = new DemoLibrary(store, { clock: () => NOW, maxLoans: 2 });
		expect(library.checkout(GOOD, '30001000000010')).toMatchObject({ ok: true });
		expect(library.checkout(GOOD, '30001000000028')).toMatchObject({ ok: false, refusal: 'patron-blocked' });
		expect(library.patronInformation(GOOD)?.status.tooManyItemsCharged).toBe(true);
		// Renewing adds no item, so the limit does not stop it.
		expect(library.renew(GOOD, '30001000000010')).toMatchObject({ ok: true });
	});

	it('treats checking out an item the patron already has as a renewal', () => {
		const { library } = demoLibrary();
		expect(library.checkout(GOOD, '30001000000101')).toMatchObject({
			ok: true,
			renewal: true,
			dueDate: daysFromNow(14 + 21)
		});
	});

	it('uses the offline due date and transaction date with noBlock', () => {
		const { library } = demoLibrary();
		const offlineDue = daysFromNow(10);
		expect(
			library.checkout(BLOCKED_BY_FEES, '30001000000135', {
				noBlock: true,
				dueDate: offlineDue,
				transactionDate: daysFromNow(-1)
			})
		).toMatchObject({ ok: true, dueDate: offlineDue });
		// The hold survives: Jan still waits for the item once it comes back.
		expect(library.itemInformation('30001000000135')).toMatchObject({ circulation: 'on-loan', holdQueueLength: 1 });
		expect(library.checkout(GOOD, '30001000000028', { noBlock: true, transactionDate: daysFromNow(-2) })).toMatchObject({
			ok: true,
			dueDate: daysFromNow(19)
		});
	});

	it('re-lends an item offline only when the offline loan came after the recorded one', () => {
		const { library } = demoLibrary();
		// 30001000000119 was lent to Jan 14 days ago.
		expect(library.checkout(GOOD, '30001000000119', { noBlock: true })).toMatchObject({ refusal: 'on-loan-to-other' });
		expect(
			library.checkout(GOOD, '30001000000119', { noBlock: true, transactionDate: daysFromNow(-20) })
		).toMatchObject({ refusal: 'on-loan-to-other' });
		expect(
			library.checkout(GOOD, '30001000000119', { transactionDate: daysFromNow(-1) })
		).toMatchObject({ refusal: 'on-loan-to-other' });

		expect(
			library.checkout(GOOD, '30001000000119', {
				noBlock: true,
				transactionDate: daysFromNow(-1),
				dueDate: daysFromNow(20)
			})
		).toMatchObject({ ok: true, renewal: false, dueDate: daysFromNow(20) });
		expect(patron(library, TWO_LOANS).loans.map((loan) => loan.itemBarcode)).toEqual(['30001000000127']);
		expect(patron(library, GOOD).loans.map((loan) => loan.itemBarcode)).toContain('30001000000119');
	});

	it('moves another patron’s waiting hold back to pending when the item leaves offline', () => {
		const { library } = demoLibrary();
		expect(library.checkout(TWO_LOANS, '30001000000168', { noBlock: true })).toMatchObject({ ok: true });
		const sanne = patron(library, GOOD);
		expect(sanne.holdsWaiting).toEqual([]);
		expect(sanne.holdsPending.map((hold) => hold.itemBarcode)).toContain('30001000000168');
	});
});

describe('renew', () => {
	it('extends from the old due date when it is still ahead', () => {
		const { library } = demoLibrary();
		expect(library.renew(GOOD, '30001000000101')).toEqual({
			ok: true,
			title: 'Het smelt',
			dueDate: daysFromNow(14 + 21),
			message: 'Renewed.'
		});
	});

	it('extends from today for an overdue loan, and charges the days already late', () => {
		const { library } = demoLibrary();
		expect(library.renew(TWO_LOANS, '30001000000127')).toMatchObject({ ok: true, dueDate: daysFromNow(21) });
		expect(patron(library, TWO_LOANS).feeTotal).toBe('3.40');
	});

	it('stops at the renewal limit', () => {
		const { library } = demoLibrary();
		for (let renewal = 1; renewal <= 3; renewal++) {
			expect(library.renew(GOOD, '30001000000101')).toMatchObject({ ok: true, dueDate: daysFromNow(14 + 21 * renewal) });
		}
		expect(library.renew(GOOD, '30001000000101')).toMatchObject({
			ok: false,
			refusal: 'renewal-limit',
			dueDate: daysFromNow(14 + 21 * 3)
		});
		expect(library.checkout(GOOD, '30001000000101')).toMatchObject({ ok: false, refusal: 'renewal-limit' });
	});

	it('refuses when another patron has a hold on the item', () => {
		const { library } = demoLibrary();
		expect(library.renew(BORROWER_OF_176, '30001000000176')).toMatchObject({
			ok: false,
			refusal: 'hold-for-other',
			dueDate: daysFromNow(11)
		});
		expect(library.renew(BORROWER_OF_176, '30001000000176', { noBlock: true })).toMatchObject({ ok: true });
	});

	it('refuses items not on loan to the patron, unknown patrons and blocked patrons', () => {
		const { library } = demoLibrary();
		expect(library.renew(GOOD, '30001000000119')).toMatchObject({ ok: false, refusal: 'not-on-loan-to-patron' });
		expect(library.renew(GOOD, '39999999999999')).toMatchObject({ ok: false, refusal: 'not-on-loan-to-patron', title: null });
		expect(library.renew('20001000000999', '30001000000101')).toMatchObject({ ok: false, refusal: 'unknown-patron' });
		library.checkout(BLOCKED_BY_FEES, '30001000000010', { noBlock: true });
		expect(library.renew(BLOCKED_BY_FEES, '30001000000010')).toMatchObject({ ok: false, refusal: 'patron-blocked' });
	});

	it('renews all loans it can and lists the rest', () => {
		const { library } = demoLibrary();
		expect(library.placeHold(GOOD, '30001000000119')).toMatchObject({ ok: true });
		expect(library.renewAll(TWO_LOANS)).toMatchObject({
			ok: true,
			renewed: ['30001000000127'],
			unrenewed: ['30001000000119']
		});
		expect(library.renewAll('20001000000999')).toMatchObject({ ok: false, renewed: [], unrenewed: [] });
	});
});

describe('checkin', () => {
	it('puts an item with a pending hold for pickup here on the hold shelf', () => {
		const { library } = demoLibrary();
		const result = expectCheckedIn(library.checkin('30001000000135'));
		expect(result).toMatchObject({
			action: 'hold-shelf',
			holdFor: { cardNumber: TWO_LOANS, name: 'J. de Vries' },
			wasOnLoanTo: null,
			destinationBranch: null,
			permanentLocation: 'Centrale Bibliotheek'
		});
		expect(result.message).not.toContain('Vries');
		expect(library.itemInformation('30001000000135')).toMatchObject({
			circulation: 'on-hold-shelf',
			holdPickupDeadline: daysFromNow(7)
		});
		expect(patron(library, TWO_LOANS).holdsWaiting).toEqual([
			expect.objectContaining({ itemBarcode: '30001000000135', expiresAt: daysFromNow(7) })
		]);
		expect(library.checkout(GOOD, '30001000000135')).toMatchObject({ refusal: 'hold-for-other' });
	});

	it('closes the loan and traps the next hold', () => {
		const { library } = demoLibrary();
		const result = expectCheckedIn(library.checkin('30001000000176'));
		expect(result).toMatchObject({
			wasOnLoanTo: BORROWER_OF_176,
			action: 'hold-shelf',
			holdFor: { cardNumber: GOOD, name: 'S. Jansen' },
			overdueFee: null
		});
		expect(patron(library, BORROWER_OF_176).loans).toEqual([]);
		expect(patron(library, GOOD).holdsWaiting.map((hold) => hold.itemBarcode)).toContain('30001000000176');
	});

	it('sends an item of another branch home', () => {
		const { library } = demoLibrary();
		expect(library.checkin('30001000000143', { location: 'CEN' })).toMatchObject({
			ok: true,
			action: 'transit',
			destinationBranch: { code: 'NRD', name: 'Filiaal Noord' },
			permanentLocation: 'Filiaal Noord',
			holdFor: null
		});
		expect(library.itemInformation('30001000000143')).toMatchObject({
			circulation: 'in-transit',
			currentLocation: { code: 'CEN' },
			destinationBranch: { code: 'NRD' }
		});
		expect(library.checkin('30001000000143', { location: 'NRD' })).toMatchObject({ action: 'shelve' });
		expect(library.itemInformation('30001000000143')?.circulation).toBe('available');
	});

	it('sends an item to the pickup branch of its hold, where it goes on the hold shelf', () => {
		const { library } = demoLibrary();
		expect(library.placeHold(BORROWER_OF_176, '30001000000010', 'NRD')).toMatchObject({ ok: true, queuePosition: 1 });
		expect(library.checkin('30001000000010')).toMatchObject({
			action: 'transit',
			destinationBranch: { code: 'NRD' },
			holdFor: { cardNumber: BORROWER_OF_176, name: 'D. Smit' }
		});
		expect(library.checkin('30001000000010', { location: 'NRD' })).toMatchObject({ action: 'hold-shelf' });
		expect(library.itemInformation('30001000000010')).toMatchObject({
			circulation: 'on-hold-shelf',
			holdPickupBranch: { code: 'NRD' }
		});
	});

	it('shelves an available item and treats an unknown location as the kiosk’s branch', () => {
		const { library } = demoLibrary();
		expect(library.checkin('30001000000028', { location: 'kiosk-1' })).toMatchObject({
			ok: true,
			action: 'shelve',
			wasOnLoanTo: null,
			title: 'Max Havelaar',
			message: 'Item returned.'
		});
	});

	it('charges EUR 0.20 a day for an overdue return', () => {
		const { library } = demoLibrary();
		const result = expectCheckedIn(library.checkin('30001000000127'));
		expect(result).toMatchObject({ wasOnLoanTo: TWO_LOANS, action: 'shelve', overdueFee: '1.00' });
		const jan = patron(library, TWO_LOANS);
		expect(jan.feeTotal).toBe('3.40');
		expect(jan.fees).toContainEqual(
			expect.objectContaining({
				amount: '1.00',
				type: 'overdue',
				itemBarcode: '30001000000127',
				description: 'Te laat: De helaasheid der dingen'
			})
		);
		expect(jan.loans.map((loan) => loan.itemBarcode)).toEqual(['30001000000119']);
	});

	it('caps the overdue fee at EUR 5.00 and charges nothing on time', () => {
		const { library, setNow } = demoLibrary();
		library.checkout(GOOD, '30001000000010');
		library.checkout(GOOD, '30001000000028');
		setNow(daysFromNow(21));
		expect(library.checkin('30001000000010')).toMatchObject({ overdueFee: null });
		setNow(daysFromNow(21 + 60));
		expect(library.checkin('30001000000028')).toMatchObject({ overdueFee: '5.00' });
		expect(patron(library, GOOD).feeTotal).toBe('5.00');
	});

	it('counts lateness up to the given return date', () => {
		const { library } = demoLibrary();
		expect(library.checkin('30001000000127', { returnDate: daysFromNow(-3) })).toMatchObject({ overdueFee: '0.40' });
	});

	it('refuses an unknown item', () => {
		const { library } = demoLibrary();
		expect(library.checkin('39999999999999')).toEqual({
			ok: false,
			title: null,
			refusal: 'unknown-item',
			message: 'Item not found.'
		});
	});
});

describe('payFee', () => {
	it('pays oldest fees first and unblocks the patron once no longer over the limit', () => {
		const { library } = demoLibrary();
		expect(library.payFee(BLOCKED_BY_FEES, '2.00')).toEqual({ accepted: true, message: 'Payment accepted.', feeTotal: '10.50' });
		expect(library.checkout(BLOCKED_BY_FEES, '30001000000010')).toMatchObject({ refusal: 'patron-blocked' });
		// Exactly at the limit is not over it.
		expect(library.payFee(BLOCKED_BY_FEES, '0.50')).toMatchObject({ accepted: true, feeTotal: '10.00' });
		const pieter = patron(library, BLOCKED_BY_FEES);
		expect(pieter.fees.map((fee) => [fee.type, fee.amount])).toEqual([
			['administrative', '5.00'],
			['overdue', '5.00']
		]);
		expect(pieter.blocks).toEqual([]);
		expect(library.checkout(BLOCKED_BY_FEES, '30001000000010')).toMatchObject({ ok: true });
	});

	it('pays the named fee, and closes it when fully paid', () => {
		const { library } = demoLibrary();
		const overdue = patron(library, BLOCKED_BY_FEES).fees.find((fee) => fee.type === 'overdue');
		expect(library.payFee(BLOCKED_BY_FEES, '5.00', { feeId: overdue?.id ?? '' })).toMatchObject({
			accepted: true,
			feeTotal: '7.50'
		});
		expect(patron(library, BLOCKED_BY_FEES).fees.map((fee) => fee.type)).toEqual(['administrative']);
		expect(library.payFee(BLOCKED_BY_FEES, '1.00', { feeId: overdue?.id ?? '' })).toMatchObject({
			accepted: false,
			message: 'Fee not found.'
		});
	});

	it('refuses bad amounts, overpayment and unknown patrons', () => {
		const { library } = demoLibrary();
		for (const amount of ['', '0', '-1.00', '1,50', '1.234', 'abc']) {
			expect(library.payFee(BLOCKED_BY_FEES, amount)).toMatchObject({ accepted: false, feeTotal: '12.50' });
		}
		expect(library.payFee(BLOCKED_BY_FEES, '12.51')).toMatchObject({
			accepted: false,
			message: 'Amount exceeds the amount owed.'
		});
		expect(library.payFee(GOOD, '1.00')).toMatchObject({ accepted: false, message: 'No fees to pay.' });
		expect(library.payFee('20001000000999', '1.00')).toEqual({ accepted: false, message: 'Patron not found.', feeTotal: null });
	});

	it('takes a payment resent with the same transaction id once', () => {
		const { library } = demoLibrary();
		expect(library.payFee(TWO_LOANS, '1.00', { transactionId: 'T-17' })).toMatchObject({ accepted: true, feeTotal: '1.40' });
		expect(library.payFee(TWO_LOANS, '1.00', { transactionId: 'T-17' })).toMatchObject({ accepted: true, feeTotal: '1.40' });
		expect(library.payFee(TWO_LOANS, '0.50', { transactionId: 'T-17' })).toMatchObject({ accepted: false });
	});
});

describe('holds', () => {
	it('queues holds in order and refuses duplicates and blocked patrons', () => {
		const { library } = demoLibrary();
		expect(library.placeHold(GOOD, '30001000000119')).toEqual({ ok: true, queuePosition: 1, message: 'Hold placed.' });
		expect(library.placeHold(BORROWER_OF_176, '30001000000119', 'NRD')).toMatchObject({ ok: true, queuePosition: 2 });
		expect(library.placeHold(GOOD, '30001000000119')).toMatchObject({
			ok: false,
			message: 'You already have a hold on this item.'
		});
		expect(library.placeHold(TWO_LOANS, '30001000000119')).toMatchObject({ ok: false, message: 'You already have this item.' });
		expect(library.placeHold(BLOCKED_BY_FEES, '30001000000119')).toMatchObject({ ok: false });
		expect(library.placeHold(GOOD, '30001000000150')).toMatchObject({ ok: false });
		expect(library.placeHold(GOOD, '30001000000010', 'XYZ')).toMatchObject({ ok: false, message: 'Unknown pickup location.' });
		expect(library.itemInformation('30001000000119')?.holdQueueLength).toBe(2);
		expect(patron(library, BORROWER_OF_176).holdsPending).toEqual([
			expect.objectContaining({
				itemBarcode: '30001000000119',
				queuePosition: 2,
				pickupBranch: { code: 'NRD', name: 'Filiaal Noord' }
			})
		]);
	});

	it('cancels a hold, after which others may borrow the item', () => {
		const { library } = demoLibrary();
		expect(library.cancelHold(TWO_LOANS, '30001000000135')).toMatchObject({ ok: true });
		expect(library.cancelHold(TWO_LOANS, '30001000000135')).toMatchObject({ ok: false });
		expect(library.checkout(GOOD, '30001000000135')).toMatchObject({ ok: true });
	});
});

describe('updateItemProperties', () => {
	it('stores free text on a known item', () => {
		const { library } = demoLibrary();
		expect(library.updateItemProperties('30001000000010', 'Rug beschadigd')).toEqual({ ok: true });
		expect(library.itemInformation('30001000000010')?.properties).toBe('Rug beschadigd');
		expect(library.updateItemProperties('39999999999999', 'x')).toEqual({ ok: false });
	});
});

describe('store transactions', () => {
	it('roll back every write when the work throws', () => {
		const { store, library } = demoLibrary();
		expect(() =>
			store.transaction(() => {
				library.checkout(GOOD, '30001000000010');
				throw new Error('power cut');
			})
		).toThrow('power cut');
		expect(library.itemInformation('30001000000010')?.circulation).toBe('available');
	});
});
