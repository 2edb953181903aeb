import { describe, expect, it } from 'vitest';
import { decodeIsil, encodeIsil } from './isil-compaction';

const hex = (text: string) => new Uint8Array(text.trim().split(/\s+/).map((byte) => parseInt(byte, 16)));

describe('ISIL compaction (ISO 28560-2 OID 3)', () => {
	it('Annex D: US-InU-Mu is 55 bits with shifts to lower case; 1 pad bit gives 6B', () => {
		expect(encodeIsil('US-InU-Mu')).toEqual(hex('AC C0 9E BA A0 6F 6B'));
		expect(decodeIsil(hex('AC C0 9E BA A0 6F 6A'))).toBe('US-InU-Mu');
		expect(decodeIsil(hex('AC C0 9E BA A0 6F 6B'))).toBe('US-InU-Mu');
	});

	it('latches to the 4-bit numeric table for a run of digits', () => {
		// D K - (5 bits each), latch numeric 11110, then 7 1 8 5 0 0 in 4 bits: 44 bits in 6 bytes.
		const bytes = encodeIsil('DK-718500');
		expect(bytes).toEqual(hex('22 C1 E7 18 50 08'));
		expect(decodeIsil(bytes!)).toBe('DK-718500');
	});

	it('covers the whole ISIL alphabet: letters of both cases, digits, -, / and :', () => {
		for (const isil of ['DE-101', 'GB-UkOxU', 'FI-He', 'O-DE-Mb4', 'NL-AmRMA/1', 'X:y/Z-09', 'a', '8', 'DK-7185008']) {
			expect(decodeIsil(encodeIsil(isil)!)).toBe(isil);
		}
	});

	it('keeps a final character that would otherwise read as padding, at the cost of a trailing latch', () => {
		// D K - shift-numeric 8 ends exactly on a byte boundary, and a final 1000 with nothing after it is pad.
		expect(encodeIsil('DK-8')).toHaveLength(4);
		for (const isil of ['DK-8', 'ABCDEFGP', 'Abcdefp', 'ABCDEFG-']) expect(decodeIsil(encodeIsil(isil)!)).toBe(isil);
	});

	it('has no code for characters outside the ISIL alphabet', () => {
		expect(encodeIsil('DK 718500')).toBeUndefined();
		expect(encodeIsil('Å-1')).toBeUndefined();
	});

	it('ignores a trailing zero pad that would read as a hyphen', () => {
		// "AB" = 00001 00010, then six zero pad bits.
		expect(decodeIsil(hex('08 80'))).toBe('AB');
	});
});
