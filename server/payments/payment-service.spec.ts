import { describe, expect, it } from 'vitest';
import { maskedPanOf } from './payment-service';

describe('maskedPanOf', () => {
	it('keeps what the terminal masked', () => {
		expect(maskedPanOf('559883******8074')).toBe('559883******8074');
	});

	it('masks again a number the terminal sent whole: only the first 6 and last 4 digits stay', () => {
		expect(maskedPanOf('5598830012348074')).toBe('559883******8074');
		expect(maskedPanOf('5598 8300 1234 8074')).toBe('559883******8074');
	});

	it('gives null for no number', () => {
		expect(maskedPanOf(null)).toBeNull();
		expect(maskedPanOf('')).toBeNull();
	});
});
