import { describe, expect, it } from 'vitest';
import { iso28560Part2 } from './iso28560-2';
import { TagDataError, isMemberCard, type Iso28560Part2TagData } from './tag-data-model';

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

// The reference sheet's Annex D worked example, data set by data set (36 bytes = 9 blocks).
const ANNEX_D_PII = '91 00 05 1C BE 99 1A 14';
const ANNEX_D_CONTENT_PARAMETER = '02 01 D0';
const ANNEX_D_SET_INFORMATION = '14 02 04 B3';
const ANNEX_D_SHELF_LOCATION = '46 07 44 1C B6 E2 E3 35 D6';
const annexD = (isilLastByte: '6A' | '6B') =>
	hex(
		`${ANNEX_D_PII} ${ANNEX_D_CONTENT_PARAMETER} ${ANNEX_D_SET_INFORMATION} ${ANNEX_D_SHELF_LOCATION} ` +
			`83 02 07 AC C0 9E BA A0 6F ${isilLastByte} 00 00`
	);

const ANNEX_D_DATA: Iso28560Part2TagData = {
	model: 'iso28560-2',
	primaryItemId: '123456789012',
	partsInSet: 12,
	partNumber: 3,
	ownerLibrary: 'US-InU-Mu',
	country: 'US',
	extras: { contentParameter: [3, 4, 6], elements: [{ oid: 6, compaction: '6-bit', value: 'QA268.L55' }] }
};

const contains = (haystack: Uint8Array, needle: Uint8Array) =>
	Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;

describe('ISO 28560-2 decode', () => {
	it('Annex D: 36 bytes end without a terminator at the end of memory', () => {
		const memory = annexD('6B');
		expect(memory.length).toBe(36);
		expect(iso28560Part2.decode(memory, 4)).toEqual(ANNEX_D_DATA);
	});

	it('Annex D: the ISIL reads the same whichever pad bit the last byte carries (6A or 6B)', () => {
		expect(iso28560Part2.decode(annexD('6A'), 4).ownerLibrary).toBe('US-InU-Mu');
		expect(iso28560Part2.decode(annexD('6B'), 4).ownerLibrary).toBe('US-InU-Mu');
	});

	it('Annex D on a 28-block tag: the zeros after it end the data', () => {
		const memory = new Uint8Array(112);
		memory.set(annexD('6A'));
		expect(iso28560Part2.decode(memory, 4)).toEqual(ANNEX_D_DATA);
	});

	it('Annex D PII with the offset flag: integer 123456789012', () => {
		expect(iso28560Part2.decode(hex(`${ANNEX_D_PII} 00 00 00 00`), 4).primaryItemId).toBe('123456789012');
	});

	it('Annex D content parameter D0 declares OIDs 3, 4 and 6', () => {
		expect(iso28560Part2.decode(hex(`${ANNEX_D_PII} ${ANNEX_D_CONTENT_PARAMETER} 00`), 4).extras.contentParameter).toEqual([3, 4, 6]);
	});

	it('Annex D set information 04B3 = 1203: 12 parts, this is part 3', () => {
		expect(iso28560Part2.decode(hex(`${ANNEX_D_PII} ${ANNEX_D_SET_INFORMATION} 00 00 00 00`), 4)).toMatchObject({
			partsInSet: 12,
			partNumber: 3
		});
	});

	it('Annex D shelf location in 6-bit compaction: QA268.L55, kept as an element', () => {
		const decoded = iso28560Part2.decode(hex(`${ANNEX_D_PII} ${ANNEX_D_SHELF_LOCATION} 00 00 00`), 4);
		expect(decoded.extras.elements).toEqual([{ oid: 6, compaction: '6-bit', value: 'QA268.L55' }]);
	});

	it('type of usage 81 is a patron card for an adult borrower', () => {
		const decoded = iso28560Part2.decode(hex('11 01 07 05 01 81 00'), 1);
		expect(decoded.typeOfUsage).toEqual({ usageClass: 8, subQualifier: 1 });
		expect(isMemberCard(decoded)).toBe(true);
	});

	it('keeps OIDs above 14 (OID byte = OID − 15) and unknown OIDs as elements', () => {
		// 7-bit title (OID 17 → 0F 02) "AB", then application-defined OID 40 (0F 19) with two raw bytes.
		const memory = hex('11 01 07 5F 02 02 83 0A 0F 19 02 CA FE 00');
		expect(iso28560Part2.decode(memory, 1).extras.elements).toEqual([
			{ oid: 17, compaction: '7-bit', value: 'AB' },
			{ oid: 40, compaction: 'application-defined', value: new Uint8Array([0xca, 0xfe]) }
		]);
	});

	it('skips the pad bytes an offset asks for', () => {
		// PII "1" (integer 01) with 3 pad bytes of junk that must not be read as data sets.
		const memory = hex('91 03 01 01 FF FF FF 45 01 06 00 00');
		expect(iso28560Part2.decode(memory, 4).extras.elements).toEqual([{ oid: 5, compaction: '6-bit', value: 'A' }]);
	});

	it('a blank tag (all zeros) is TagDataError blank', () => {
		expect(reasonOf(() => iso28560Part2.decode(new Uint8Array(112), 4))).toBe('blank');
	});

	it('is malformed when the PII is not first, a data set runs past the memory, or OID 0 appears', () => {
		expect(reasonOf(() => iso28560Part2.decode(hex(`${ANNEX_D_SET_INFORMATION}`), 4))).toBe('malformed');
		expect(reasonOf(() => iso28560Part2.decode(hex('11 05 1C BE'), 4))).toBe('malformed');
		expect(reasonOf(() => iso28560Part2.decode(hex('11 01 07 10 01 00 00 00'), 4))).toBe('malformed');
		expect(reasonOf(() => iso28560Part2.decode(hex('11 01 07 05 FF 00 00 00'), 4))).toBe('malformed');
	});
});

describe('ISO 28560-2 encode', () => {
	it('writes the Annex D data sets (without the offsets) and reads them back', () => {
		const written = iso28560Part2.encode!(ANNEX_D_DATA, 4, 9);
		expect(written.length).toBe(36);
		expect(contains(written, hex('11 05 1C BE 99 1A 14'))).toBe(true);
		expect(contains(written, hex(ANNEX_D_CONTENT_PARAMETER))).toBe(true);
		expect(contains(written, hex(ANNEX_D_SET_INFORMATION))).toBe(true);
		expect(contains(written, hex(ANNEX_D_SHELF_LOCATION))).toBe(true);
		expect(contains(written, hex('03 07 AC C0 9E BA A0 6F 6B'))).toBe(true);
		expect(iso28560Part2.decode(written, 4)).toEqual(ANNEX_D_DATA);
	});

	it('converts a DDM tag: ISIL, set information and type of usage become data sets', () => {
		const written = iso28560Part2.encode!(
			{
				model: 'iso28560-3',
				version: 1,
				primaryItemId: '1000000136',
				typeOfUsage: { usageClass: 1 },
				partsInSet: 1,
				partNumber: 1,
				country: 'DK',
				ownerLibrary: 'DK-718500',
				extras: { blockOrder: 'canonical', partBytesSwapped: false, extensionBlocks: [], malformedExtensionArea: false }
			},
			4,
			28
		);
		expect(iso28560Part2.decode(written, 4)).toEqual({
			model: 'iso28560-2',
			primaryItemId: '1000000136',
			typeOfUsage: { usageClass: 1, subQualifier: 0 },
			partsInSet: 1,
			partNumber: 1,
			ownerLibrary: 'DK-718500',
			country: 'DK',
			extras: { contentParameter: [3, 4, 5], elements: [] }
		});
	});

	it('uses the extended OID byte for OIDs above 14', () => {
		const data: Iso28560Part2TagData = {
			model: 'iso28560-2',
			primaryItemId: '1',
			extras: { elements: [{ oid: 17, compaction: '7-bit', value: 'AB' }] }
		};
		const written = iso28560Part2.encode!(data, 4, 4);
		expect([...written.subarray(0, 13)]).toEqual([0x11, 0x01, 0x01, 0x02, 0x02, 0x00, 0x02, 0x5f, 0x02, 0x02, 0x83, 0x0a, 0x00]);
		expect(iso28560Part2.decode(written, 4).extras.elements).toEqual(data.extras.elements);
	});

	it('refuses data that does not fit the memory or a data set', () => {
		const long: Iso28560Part2TagData = { model: 'iso28560-2', primaryItemId: 'x'.repeat(150), extras: { elements: [] } };
		expect(reasonOf(() => iso28560Part2.encode!(long, 4, 64))).toBe('unencodable');
		expect(reasonOf(() => iso28560Part2.encode!(ANNEX_D_DATA, 4, 7))).toBe('unencodable');
		expect(reasonOf(() => iso28560Part2.encode!({ ...ANNEX_D_DATA, partNumber: undefined }, 4, 28))).toBe('unencodable');
	});
});
