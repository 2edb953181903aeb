import { describe, expect, it } from 'vitest';
import { maskAddress, maskCardNumber, maskEmail, maskPhone } from './mask';

describe('maskCardNumber', () => {
	it('keeps only the last four characters of a card number, and its length', () => {
		expect(maskCardNumber('20001000000012')).toBe('**********0012');
	});

	it('masks a code of four characters or fewer entirely', () => {
		expect(maskCardNumber('1234')).toBe('****');
		expect(maskCardNumber('')).toBe('');
	});
});

describe('contact data masks', () => {
	it('keeps the first letter and the domain of an e-mail address', () => {
		expect(maskEmail('sanne.jansen@example.nl')).toBe('s***@example.nl');
		expect(maskEmail('not-an-address')).toBe('********');
	});

	it('keeps the first two and the last two digits of a phone number', () => {
		expect(maskPhone('06-21436587')).toBe('06 *** **87');
		expect(maskPhone('030-2718281')).toBe('03 *** **81');
		expect(maskPhone('112')).toBe('***');
	});

	it('keeps the first character of each word of an address', () => {
		expect(maskAddress('Oudegracht 88, 3511 AV Utrecht')).toBe('O********* 8*, 3*** A* U******');
	});
});
