import { describe, expect, it } from 'vitest';
import { maskCardNumber } from './mask';

describe('maskCardNumber', () => {
	it('keeps only the last four characters of a card number, and its length', () => {
		expect(maskCardNumber('20001000000012')).toBe('**********0012');
	});

	it('masks a code of four characters or fewer entirely', () => {
		expect(maskCardNumber('1234')).toBe('****');
		expect(maskCardNumber('')).toBe('');
	});
});
