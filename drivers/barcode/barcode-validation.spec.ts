import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARCODE_VALIDATION_MODES, ean13CheckDigit, luhnCheckDigit, validateBarcode } from './barcode-validation';

/** The reference sheet's rule, literally: double the digits in odd positions from the left, 9 off results above 9. */
function sheetCheckDigit(dataDigits: string): number {
	let sum = 0;
	for (let position = 1; position <= dataDigits.length; position++) {
		const digit = Number(dataDigits[position - 1]);
		const value = position % 2 === 1 ? digit * 2 : digit;
		sum += value > 9 ? value - 9 : value;
	}
	return (10 - (sum % 10)) % 10;
}

describe('library mod-10 check digit', () => {
	it.each([
		['2131000010586', '21310000105864'],
		['3123400001234', '31234000012342']
	])('reference sheet vector: %s gets check digit → %s', (data, full) => {
		expect(`${data}${luhnCheckDigit(data)}`).toBe(full);
		expect(validateBarcode(full, 'library-mod10')).toEqual({ valid: true, code: full });
	});

	it.each([
		['3000100000001', 0],
		['2000100000001', 2],
		['3000100000002', 8],
		['2131000010586', 4],
		['3123400001234', 2],
		['0000000000000', 0],
		['9999999999999', 3]
	])('check digit table: %s → %i', (data, check) => {
		expect(luhnCheckDigit(data)).toBe(check);
		expect(sheetCheckDigit(data)).toBe(check);
	});

	it('equals the Luhn digit for every 13-digit payload, as the sheet says', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 13, maxLength: 13, unit: fc.constantFrom(...'0123456789') }), (data) => luhnCheckDigit(data) === sheetCheckDigit(data))
		);
	});

	it('accepts the brief examples and refuses a wrong check digit', () => {
		expect(validateBarcode('30001000000010', 'library-mod10')).toEqual({ valid: true, code: '30001000000010' });
		expect(validateBarcode('20001000000012', 'library-mod10')).toEqual({ valid: true, code: '20001000000012' });
		expect(validateBarcode('30001000000011', 'library-mod10')).toEqual({ valid: false, reason: 'bad-check-digit' });
	});

	it('only the right check digit passes', () => {
		const passing = [...'0123456789'].filter((check) => validateBarcode(`3000100000001${check}`, 'library-mod10').valid);
		expect(passing).toEqual(['0']);
	});

	it('catches every single-digit misread', () => {
		fc.assert(
			fc.property(
				fc.string({ minLength: 13, maxLength: 13, unit: fc.constantFrom(...'0123456789') }),
				fc.nat(13),
				fc.integer({ min: 1, max: 9 }),
				(data, position, delta) => {
					const code = [...`${data}${luhnCheckDigit(data)}`];
					code[position] = String((Number(code[position]) + delta) % 10);
					return validateBarcode(code.join(''), 'library-mod10').valid === false;
				}
			)
		);
	});

	it('strips Codabar start/stop characters A–D that a scanner may transmit', () => {
		expect(validateBarcode('A30001000000010B', 'library-mod10')).toEqual({ valid: true, code: '30001000000010' });
		expect(validateBarcode('d21310000105864c', 'library-mod10')).toEqual({ valid: true, code: '21310000105864' });
		expect(validateBarcode('A30001000000011B', 'library-mod10')).toEqual({ valid: false, reason: 'bad-check-digit' });
	});

	it('names what is wrong: empty, characters, length', () => {
		expect(validateBarcode('', 'library-mod10')).toEqual({ valid: false, reason: 'empty' });
		expect(validateBarcode('3000100000001X', 'library-mod10')).toEqual({ valid: false, reason: 'bad-characters' });
		expect(validateBarcode('3000 100000001', 'library-mod10')).toEqual({ valid: false, reason: 'bad-characters' });
		expect(validateBarcode('3000100000001', 'library-mod10')).toEqual({ valid: false, reason: 'bad-length' });
		expect(validateBarcode('300010000000100', 'library-mod10')).toEqual({ valid: false, reason: 'bad-length' });
	});
});

describe('EAN-13', () => {
	it.each([
		['400638133393', 1],
		['978030640615', 7],
		['590123412345', 7],
		['000000000000', 0]
	])('check digit table: %s → %i', (data, check) => {
		expect(ean13CheckDigit(data)).toBe(check);
		expect(validateBarcode(`${data}${check}`, 'ean13')).toEqual({ valid: true, code: `${data}${check}` });
	});

	it('refuses a wrong check digit, a wrong length and letters', () => {
		expect(validateBarcode('9780306406158', 'ean13')).toEqual({ valid: false, reason: 'bad-check-digit' });
		expect(validateBarcode('978030640615', 'ean13')).toEqual({ valid: false, reason: 'bad-length' });
		expect(validateBarcode('97803064061X7', 'ean13')).toEqual({ valid: false, reason: 'bad-characters' });
		expect(validateBarcode('', 'ean13')).toEqual({ valid: false, reason: 'empty' });
		// A library mod-10 barcode is not an EAN-13.
		expect(validateBarcode('30001000000010', 'ean13')).toEqual({ valid: false, reason: 'bad-length' });
	});

	it('refuses to compute a check digit over the wrong number of digits', () => {
		expect(() => ean13CheckDigit('1234')).toThrow(RangeError);
		expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
	});
});

describe('mode none', () => {
	it('accepts any non-empty code unchanged, and only refuses an empty one', () => {
		expect(validateBarcode('P-0042 x', 'none')).toEqual({ valid: true, code: 'P-0042 x' });
		expect(validateBarcode('30001000000011', 'none')).toEqual({ valid: true, code: '30001000000011' });
		expect(validateBarcode('', 'none')).toEqual({ valid: false, reason: 'empty' });
	});

	it('lists the modes a library can configure', () => {
		expect(BARCODE_VALIDATION_MODES).toEqual(['none', 'library-mod10', 'ean13']);
	});
});
