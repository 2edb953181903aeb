import { describe, expect, it } from 'vitest';
import { RFID501_ITEM_TYPES, rfid501 } from './rfid501';
import { TagDataError, type Rfid501TagData } from './tag-data-model';

const hex = (text: string) => new Uint8Array(text.replace(/\|/g, ' ').trim().split(/\s+/).map((byte) => parseInt(byte, 16)));

function reasonOf(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		if (error instanceof TagDataError) return error.reason;
		throw error;
	}
	return 'no error';
}

// The reference sheet's example, section 4, with the remaining blocks (5–7) zero.
const EXAMPLE = hex('04 11 00 01 | 31 33 30 32 | 30 30 33 37 | 36 37 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00');
const MANUFACTURER_BLANK = hex('55 55 55 55 | 55 55 55 55 | 55 55 55 55 | 55 55 55 55 | 55 55 55 55 | 55 55 55 55 | 00 00 00 00 | 00 00 00 00');

describe('3M RFID501 decode', () => {
	it('the sheet example: set 1 of 1, a book, barcode 1302003767', () => {
		const decoded = rfid501.decode(EXAMPLE, 4);
		expect(decoded).toEqual({
			model: 'rfid501',
			primaryItemId: '1302003767',
			partNumber: 1,
			partsInSet: 1,
			extras: { itemType: 1, branch: 0, library: 0, custom: 0, reservedByte: 0 }
		});
		expect(RFID501_ITEM_TYPES[decoded.extras.itemType]).toBe('book');
	});

	it('set byte: part number in the high nibble, total in the low one (23 = part 2 of 3)', () => {
		const secondOfThree = Uint8Array.from(EXAMPLE, (byte, index) => (index === 1 ? 0x23 : byte));
		expect(rfid501.decode(secondOfThree, 4)).toMatchObject({ partNumber: 2, partsInSet: 3 });
	});

	it('block 5 is branch (top 12 bits) and library (low 20 bits); block 6 is signed, big-endian', () => {
		const memory = new Uint8Array(EXAMPLE);
		memory.set([0xab, 0xc1, 0x23, 0x45, 0xff, 0xff, 0xff, 0xfe], 20);
		expect(rfid501.decode(memory, 4).extras).toMatchObject({ branch: 0xabc, library: 0x12345, custom: -2 });
	});

	it("3M's manufacturing blank (6 × 55555555 + 00000000) and an all-zero tag are TagDataError blank", () => {
		expect(reasonOf(() => rfid501.decode(MANUFACTURER_BLANK, 4))).toBe('blank');
		expect(reasonOf(() => rfid501.decode(MANUFACTURER_BLANK.subarray(0, 28), 4))).toBe('blank');
		expect(reasonOf(() => rfid501.decode(new Uint8Array(112), 4))).toBe('blank');
	});

	it('a first byte other than 04 is unsupported-version; fewer than 7 blocks are malformed', () => {
		expect(reasonOf(() => rfid501.decode(Uint8Array.from(EXAMPLE, (byte, index) => (index === 0 ? 0x05 : byte)), 4))).toBe(
			'unsupported-version'
		);
		expect(reasonOf(() => rfid501.decode(EXAMPLE.subarray(0, 24), 4))).toBe('malformed');
	});
});

describe('3M RFID501 encode', () => {
	it('writes the sheet example byte for byte', () => {
		expect(rfid501.encode?.(rfid501.decode(EXAMPLE, 4), 4, 8)).toEqual(EXAMPLE);
	});

	it('round-trips branch, library, a negative custom value, a 16-character barcode and byte 2', () => {
		const data: Rfid501TagData = {
			model: 'rfid501',
			primaryItemId: 'ABCDEFGHIJKLMNOP',
			partNumber: 3,
			partsInSet: 15,
			extras: { itemType: 13, branch: 0xfff, library: 0xfffff, custom: -0x80000000, reservedByte: 7 }
		};
		const written = rfid501.encode!(data, 4, 28);
		expect([...written.subarray(0, 4)]).toEqual([0x04, 0x3f, 0x07, 13]);
		expect([...written.subarray(20, 28)]).toEqual([0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0]);
		expect(rfid501.decode(written, 4)).toEqual(data);
	});

	it('refuses what the layout cannot hold', () => {
		const base = rfid501.decode(EXAMPLE, 4);
		const refuse = (data: Rfid501TagData, blocks = 8) => reasonOf(() => rfid501.encode?.(data, 4, blocks));
		expect(refuse({ ...base, partNumber: 16 })).toBe('unencodable');
		expect(refuse({ ...base, primaryItemId: '12345678901234567' })).toBe('unencodable');
		expect(refuse({ ...base, extras: { ...base.extras, branch: 0x1000 } })).toBe('unencodable');
		expect(refuse({ ...base, extras: { ...base.extras, custom: 0x80000000 } })).toBe('unencodable');
		expect(refuse(base, 6)).toBe('unencodable');
	});
});
