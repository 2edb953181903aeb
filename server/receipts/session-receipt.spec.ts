import { describe, expect, it } from 'vitest';
import { SessionReceipt } from './session-receipt';

const loan = (itemId: string, dueDate: string) => ({ itemId, title: `Title ${itemId}`, dueDate, dueDateText: dueDate, offline: false });

describe('SessionReceipt', () => {
	it('starts empty and is no longer empty after a loan, a renewal or a payment', () => {
		expect(new SessionReceipt().isEmpty).toBe(true);
		const withLoan = new SessionReceipt();
		withLoan.addLoan(loan('1', '2026-12-14'));
		expect(withLoan.isEmpty).toBe(false);
		const withRenewal = new SessionReceipt();
		withRenewal.addRenewal({ itemId: '2', title: 'T', dueDate: null, dueDateText: '' });
		expect(withRenewal.isEmpty).toBe(false);
		const withPayment = new SessionReceipt();
		withPayment.addPayment({ amountCents: 240, currency: 'EUR', terminalReference: '000123', cardBrand: 'Maestro', maskedPan: '6799########0018', fees: 1 });
		expect(withPayment.isEmpty).toBe(false);
	});

	it('lists an item scanned twice once, and a renewal of an item lent in this session as that loan with the new date', () => {
		const receipt = new SessionReceipt();
		receipt.addLoan(loan('1', '2026-12-14'));
		receipt.addLoan(loan('1', '2026-12-14'));
		receipt.addRenewal({ itemId: '1', title: 'Title 1', dueDate: '2027-01-04', dueDateText: '' });
		receipt.addRenewal({ itemId: '9', title: 'Other', dueDate: '2027-01-04', dueDateText: '' });
		receipt.addRenewal({ itemId: '9', title: 'Other', dueDate: '2027-01-25', dueDateText: '' });
		expect(receipt.loans).toEqual([{ ...loan('1', '2026-12-14'), dueDate: '2027-01-04', dueDateText: '' }]);
		expect(receipt.renewals).toEqual([{ itemId: '9', title: 'Other', dueDate: '2027-01-25', dueDateText: '' }]);
	});

	it('keeps a payment with the time it was added, and refuses an amount that is not whole cents', () => {
		const at = new Date('2026-11-23T10:00:00Z');
		const receipt = new SessionReceipt(() => at);
		receipt.addPayment({ amountCents: 1250, currency: 'EUR', terminalReference: 'T42', cardBrand: 'V PAY', maskedPan: '4###########1234', fees: 2 });
		expect(receipt.payments).toEqual([{ amountCents: 1250, currency: 'EUR', terminalReference: 'T42', cardBrand: 'V PAY', maskedPan: '4###########1234', fees: 2, at }]);
		expect(() => receipt.addPayment({ amountCents: 12.5, currency: 'EUR', terminalReference: '', cardBrand: '', maskedPan: '', fees: 1 })).toThrow(RangeError);
	});
});
