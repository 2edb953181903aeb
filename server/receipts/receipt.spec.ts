import { describe, expect, it } from 'vitest';
import { decodeEscPos, encodeReceipt } from '../../drivers/printer';
import { DEMO_PATRONS, DEMO_PIN } from '../demo-library/seed-demo-library';
import { scanForPersonalData } from '../../test/support/personal-data-scan';
import { composeReceipt, formatDateTime, receiptDocument, receiptEmail, type ReceiptContents } from './receipt';

const SANNE = DEMO_PATRONS[0]!;
const NOW = new Date('2026-11-23T14:05:00Z');

const contents: ReceiptContents = {
	loans: [
		{ itemId: '30001000000184', title: 'Zwartboek', dueDate: '2026-12-14', dueDateText: '20261214    235900', offline: false },
		{ itemId: '30001000000093', title: '30001000000093', dueDate: '2026-12-14', dueDateText: '2026-12-14', offline: true }
	],
	renewals: [{ itemId: '30001000000101', title: 'Het smelt', dueDate: null, dueDateText: 'binnenkort' }],
	payments: [{ amountCents: 240, currency: 'EUR', terminalReference: '004711', cardBrand: 'Maestro', maskedPan: '6799 **** **** 0018', fees: 1, at: NOW }]
};

const context = { libraryName: 'Bibliotheek Demostad', cardNumber: SANNE.cardNumber, language: 'nl' as const, now: NOW, timeZone: 'Europe/Amsterdam' };

/** What a printer would put on paper for the document. */
function printed(document: ReturnType<typeof receiptDocument>): string {
	return decodeEscPos(encodeReceipt(document))
		.filter((item) => item.kind === 'text')
		.map((item) => item.text)
		.join('\n');
}

describe('composeReceipt', () => {
	it('has the library, the date and time, the card masked, loans, renewals and payments, in Dutch', () => {
		const model = composeReceipt(contents, context);
		expect(model.libraryName).toBe('Bibliotheek Demostad');
		expect(model.dateLine).toBe('Datum: 23 november 2026 om 15:05');
		expect(model.cardLine).toBe('Pas: **********0012');
		expect(model.sections).toEqual([
			{
				heading: 'Geleend',
				entries: [
					{ text: 'Zwartboek', details: ['Terug op 14 december 2026'] },
					{ text: '30001000000093', details: ['Terug op 14 december 2026', 'Geleend terwijl de bibliotheek niet bereikbaar was; wordt doorgegeven.'] }
				]
			},
			{ heading: 'Verlengd', entries: [{ text: 'Het smelt', details: ['Terug op binnenkort'] }] },
			{
				heading: 'Betaald',
				entries: [{ text: 'EUR 2,40 met Maestro 6799 **** **** 0018', details: ['Aantal betaalde kosten: 1', 'Referentie betaalautomaat: 004711'] }]
			}
		]);
	});

	it('speaks English when the member did', () => {
		const model = composeReceipt(contents, { ...context, language: 'en' });
		expect(model.dateLine).toBe('Date: 23 November 2026 at 15:05');
		expect(model.sections.map((section) => section.heading)).toEqual(['Borrowed', 'Renewed', 'Paid']);
		expect(model.sections[0]!.entries[0]!.details).toEqual(['Due back 14 December 2026']);
		expect(model.sections[2]!.entries[0]!.text).toBe('EUR 2.40 by Maestro 6799 **** **** 0018');
	});

	it('leaves out what the session did not do', () => {
		const model = composeReceipt({ loans: contents.loans.slice(0, 1), renewals: [], payments: [] }, context);
		expect(model.sections.map((section) => section.heading)).toEqual(['Geleend']);
	});

	it('masks a bank card number a terminal handed over unmasked, and keeps texts on one line each', () => {
		const model = composeReceipt(
			{ loans: [{ ...contents.loans[0]!, title: 'Twee\nregels' }], renewals: [], payments: [{ ...contents.payments[0]!, maskedPan: '6799 9988 7766 0018' }] },
			context
		);
		expect(model.sections[0]!.entries[0]!.text).toBe('Twee regels');
		expect(model.sections[1]!.entries[0]!.text).toBe('EUR 2,40 met Maestro ************0018');
	});
});

describe('the printed receipt and the e-mail', () => {
	const model = composeReceipt(contents, context);

	it('print the same lines: titles, due dates, the masked card, the payment with its terminal reference', () => {
		const paper = printed(receiptDocument(model));
		const email = receiptEmail(model);
		for (const text of [paper, email.text]) {
			for (const expected of ['Bibliotheek Demostad', 'Pas: **********0012', 'Zwartboek', 'Terug op 14 december 2026', 'Het smelt', 'Maestro 6799 **** **** 0018', 'Referentie betaalautomaat: 004711', 'Datum: 23 november 2026 om 15:05']) {
				expect(text).toContain(expected);
			}
		}
		expect(email.subject).toBe('Uw bon van Bibliotheek Demostad');
		const document = receiptDocument(model);
		expect(document.at(-1)).toEqual({ kind: 'cut', mode: 'partial' });
	});

	it('hold no personal data of any demo member beyond the masked card, nor the full card number', () => {
		const paper = printed(receiptDocument(model));
		const email = receiptEmail(model);
		for (const text of [paper, email.subject, email.text]) {
			expect(scanForPersonalData(text, DEMO_PATRONS, [DEMO_PIN])).toEqual([]);
			expect(text).not.toContain(SANNE.cardNumber);
		}
	});
});

describe('formatDateTime', () => {
	it('writes the date in full and the time in 24 hours, in the given time zone', () => {
		expect(formatDateTime('nl', NOW, 'UTC')).toBe('23 november 2026 om 14:05');
		expect(formatDateTime('en', NOW, 'UTC')).toBe('23 November 2026 at 14:05');
	});
});
