/**
 * Library barcode validation. Which rule applies is a per-library setting: US-style 14-digit
 * Codabar carries a mod-10 check digit, some libraries label items with EAN-13, and many (e.g.
 * Dutch library systems) use formats with no check digit at all (`none`).
 */
export const BARCODE_VALIDATION_MODES = ['none', 'library-mod10', 'ean13'] as const;
export type BarcodeValidationMode = (typeof BARCODE_VALIDATION_MODES)[number];

export type BarcodeInvalidReason = 'empty' | 'bad-characters' | 'bad-length' | 'bad-check-digit';

export type BarcodeValidation = { valid: true; code: string } | { valid: false; reason: BarcodeInvalidReason };

/** Length of a US-style library barcode: type digit, 4-digit institution, 8-digit serial, check digit. */
export const LIBRARY_BARCODE_LENGTH = 14;
export const EAN13_LENGTH = 13;

const DIGITS = /^[0-9]*$/;
// Scanners can be programmed to transmit Codabar's start/stop characters; they are not part of the number.
const CODABAR_START_STOP = /^[A-Da-d]([0-9]+)[A-Da-d]$/;

/**
 * `code` in a valid result is the barcode to look up, which can differ from the input: in
 * `library-mod10` mode the Codabar start/stop characters are removed.
 */
export function validateBarcode(code: string, mode: BarcodeValidationMode): BarcodeValidation {
	if (code.length === 0) return invalid('empty');
	switch (mode) {
		case 'none':
			return { valid: true, code };
		case 'library-mod10':
			return validateLibraryMod10(code);
		case 'ean13':
			return validateEan13(code);
	}
}

function validateLibraryMod10(raw: string): BarcodeValidation {
	const code = CODABAR_START_STOP.exec(raw)?.[1] ?? raw;
	if (!DIGITS.test(code)) return invalid('bad-characters');
	// The library rule doubles odd positions counted from the LEFT; that only equals Luhn (counted
	// from the right) for an even total length, so the length is part of the rule, not a formality.
	if (code.length !== LIBRARY_BARCODE_LENGTH) return invalid('bad-length');
	return luhnCheckDigit(code.slice(0, -1)) === Number(code.slice(-1)) ? { valid: true, code } : invalid('bad-check-digit');
}

function validateEan13(code: string): BarcodeValidation {
	if (!DIGITS.test(code)) return invalid('bad-characters');
	if (code.length !== EAN13_LENGTH) return invalid('bad-length');
	return ean13CheckDigit(code.slice(0, -1)) === Number(code.slice(-1)) ? { valid: true, code } : invalid('bad-check-digit');
}

/** The Luhn (mod-10) check digit to append to `payload` (digits only). */
export function luhnCheckDigit(payload: string): number {
	assertDigits(payload);
	let sum = 0;
	for (let i = 0; i < payload.length; i++) {
		// The digit next to the check digit is doubled, then every second one going left.
		const digit = Number(payload[payload.length - 1 - i]);
		const weighted = i % 2 === 0 ? digit * 2 : digit;
		sum += weighted > 9 ? weighted - 9 : weighted;
	}
	return (10 - (sum % 10)) % 10;
}

/** The EAN-13 check digit for 12 data digits (weights 1, 3, 1, 3… from the left). */
export function ean13CheckDigit(payload: string): number {
	assertDigits(payload);
	if (payload.length !== EAN13_LENGTH - 1) throw new RangeError(`EAN-13 has 12 data digits, got ${payload.length}`);
	let sum = 0;
	for (let i = 0; i < payload.length; i++) sum += Number(payload[i]) * (i % 2 === 0 ? 1 : 3);
	return (10 - (sum % 10)) % 10;
}

function assertDigits(payload: string): void {
	if (!DIGITS.test(payload)) throw new RangeError('check digits are computed over digits only');
}

function invalid(reason: BarcodeInvalidReason): BarcodeValidation {
	return { valid: false, reason };
}
