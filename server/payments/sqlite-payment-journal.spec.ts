import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCardSealer } from '../../offline/card-sealer';
import { paymentCardContext, type NewPayment } from './payment-journal';
import { openSqlitePaymentJournal, UnknownPaymentError } from './sqlite-payment-journal';

const sealer = createCardSealer(randomBytes(32));
const CARD = '20001000000020';

function payment(id: string): NewPayment {
	return {
		id,
		place: 'kiosk',
		method: 'card',
		staff: null,
		sealedCard: sealer.seal(CARD, paymentCardContext(id)),
		amountCents: 1250,
		currency: 'EUR',
		fees: [
			{ feeId: '1', amountCents: 750, state: 'open', message: null },
			{ feeId: '2', amountCents: 500, state: 'open', message: null }
		]
	};
}

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(os.tmpdir(), 'payment-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the SQLite payment journal', () => {
	it('journals a payment as authorising with open fee lines, and each step after', () => {
		const journal = openSqlitePaymentJournal(join(dir, 'payments.db'));
		journal.begin(payment('a'), new Date(1000));
		expect(journal.get('a')).toMatchObject({ state: 'authorising', amountCents: 1250, terminal: null, fees: [{ state: 'open' }, { state: 'open' }] });
		journal.setState('a', 'approved', new Date(2000), { terminal: { reference: 'T-1', maskedPan: '559883******8074', cardBrand: 'MasterCard' } });
		journal.setFeeLine('a', 0, 'recorded', null, new Date(3000));
		journal.setFeeLine('a', 1, 'refused', 'Fee not found.', new Date(4000));
		journal.setState('a', 'refused', new Date(4000), { problem: 'Fee not found.' });
		const record = journal.get('a')!;
		expect(record).toMatchObject({ state: 'refused', problem: 'Fee not found.', terminal: { reference: 'T-1', maskedPan: '559883******8074' } });
		expect(record.fees.map((fee) => [fee.state, fee.message])).toEqual([
			['recorded', null],
			['refused', 'Fee not found.']
		]);
		expect(record.updatedAt.getTime()).toBe(4000);
		expect(sealer.open(record.sealedCard, paymentCardContext('a'))).toBe(CARD);
		expect(() => journal.setState('nope', 'recorded', new Date())).toThrow(UnknownPaymentError);
		journal.close();
	});

	it('lists by state, oldest first, and survives closing (a restart)', () => {
		const file = join(dir, 'payments.db');
		const journal = openSqlitePaymentJournal(file);
		journal.begin(payment('late'), new Date(2000));
		journal.begin(payment('early'), new Date(1000));
		journal.setState('late', 'approved', new Date(3000));
		journal.close();
		const reopened = openSqlitePaymentJournal(file);
		expect(reopened.inStates(['authorising', 'approved']).map((record) => record.id)).toEqual(['early', 'late']);
		expect(reopened.inStates(['approved']).map((record) => record.id)).toEqual(['late']);
		reopened.close();
	});

	it('purges only finished payments, and keeps those that need staff', () => {
		const journal = openSqlitePaymentJournal(join(dir, 'payments.db'));
		for (const [id, state] of [
			['done', 'recorded'],
			['declined', 'declined'],
			['refused', 'refused'],
			['unknown', 'unknown'],
			['approved', 'approved']
		] as const) {
			journal.begin(payment(id), new Date(1000));
			journal.setState(id, state, new Date(1000));
		}
		expect(journal.purge(new Date(500))).toBe(0);
		expect(journal.purge(new Date(2000))).toBe(2);
		expect(journal.inStates(['recorded', 'declined', 'refused', 'unknown', 'approved']).map((record) => record.id).sort()).toEqual(['approved', 'refused', 'unknown']);
		journal.close();
	});

	it('is private to the service user and holds the card only sealed', () => {
		const file = join(dir, 'payments.db');
		const journal = openSqlitePaymentJournal(file);
		journal.begin(payment('a'), new Date());
		journal.close();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file).includes(Buffer.from(CARD))).toBe(false);
	});
});
