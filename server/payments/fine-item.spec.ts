import { describe, expect, it } from 'vitest';
import { feeOfFineItem, formatAmount, parseAmountCents, parseFineItem } from './fine-item';

describe('parseFineItem', () => {
	it('reads an id, the amount, the currency and the description', () => {
		expect(parseFineItem('12 7.50 EUR Administratiekosten aanmaning', 'EUR')).toEqual({
			id: '12',
			amountCents: 750,
			currency: 'EUR',
			description: 'Administratiekosten aanmaning'
		});
	});

	it('reads a field without an id', () => {
		expect(parseFineItem('2.40 EUR Te laat: Het diner', 'EUR')).toEqual({ id: null, amountCents: 240, currency: 'EUR', description: 'Te laat: Het diner' });
	});

	it('takes a decimal comma and the patron currency when the field names none', () => {
		expect(parseFineItem('2,40 Te laat', 'GBP')).toEqual({ id: null, amountCents: 240, currency: 'GBP', description: 'Te laat' });
	});

	it('does not take a number in the description for the amount', () => {
		expect(parseFineItem('7 1.00 EUR Boete 3 dagen', 'EUR')).toMatchObject({ id: '7', amountCents: 100, description: 'Boete 3 dagen' });
	});

	it('gives null for a field without a readable amount, or a zero one', () => {
		expect(parseFineItem('Te laat: Het diner', 'EUR')).toBeNull();
		expect(parseFineItem('3 0.00 EUR Niets', 'EUR')).toBeNull();
		expect(parseFineItem('', 'EUR')).toBeNull();
	});
});

describe('amounts', () => {
	it('parses both decimal marks and whole amounts', () => {
		expect(parseAmountCents('12.50')).toBe(1250);
		expect(parseAmountCents('12,5')).toBe(1250);
		expect(parseAmountCents('12')).toBe(1200);
		expect(parseAmountCents('-1.00')).toBeNull();
		expect(parseAmountCents('1.005')).toBeNull();
	});

	it('formats cents the way SIP2 carries them', () => {
		expect(formatAmount(1250)).toBe('12.50');
		expect(formatAmount(5)).toBe('0.05');
		expect(() => formatAmount(-1)).toThrow(RangeError);
		expect(() => formatAmount(1.5)).toThrow(RangeError);
	});
});

describe('feeOfFineItem', () => {
	it('shows a readable field with its id and amount, and any other as it came', () => {
		expect(feeOfFineItem('12 7.50 EUR Aanmaning', 'EUR')).toEqual({ id: '12', amount: { amount: '7.50', currency: 'EUR' }, description: 'Aanmaning' });
		expect(feeOfFineItem('3 2.00 EUR', 'EUR')).toEqual({ id: '3', amount: { amount: '2.00', currency: 'EUR' }, description: '3 2.00 EUR' });
		expect(feeOfFineItem(' Te laat ', 'EUR')).toEqual({ id: null, amount: null, description: 'Te laat' });
	});
});
