import { describe, expect, it } from 'vitest';
import { reverseBlockBytes } from './byte-fields';
import { basicBlockCrc, crc16CcittFalse, extensionBlockBody, iso28560Part3 } from './iso28560-3';
import { TagDataError, type Iso28560Part3TagData, type LibraryTagData } from './tag-data-model';

const hex = (text: string) => new Uint8Array(text.replace(/\|/g, ' ').trim().split(/\s+/).map((byte) => parseInt(byte, 16)));
const ascii = (text: string) => new TextEncoder().encode(text);

// Vectors from the reference sheet, section 2.
const DDM_1 = hex('11 01 01 31 31 32 32 33 33 34 34 00 00 00 00 00 00 00 00 51 3E 44 45 37 30 35 00 00 00 00 00 00');
const DDM_1_BLOCK_REVERSED = hex('31 01 01 11 33 32 32 31 00 34 34 33 00 00 00 00 51 00 00 00 37 45 44 3E 00 00 35 30 00 00 00 00');
const DDM_2 = hex('11 01 01 31 30 30 30 30 30 30 31 33 36 00 00 00 00 00 00 36 15 44 4B 37 31 38 35 30 30 00 00 00');
const DDM_3 = hex('11 01 01 35 31 32 33 34 35 36 37 38 39 00 00 00 00 00 00 7B 96 44 4B 37 31 35 37 30 30 00 00 00');

const withZeros = (bytes: Uint8Array, count: number) => new Uint8Array([...bytes, ...new Uint8Array(count)]);

function reasonOf(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		if (error instanceof TagDataError) return error.reason;
		throw error;
	}
	return 'no error';
}

/** Rewrites the CRC so a test can change a field and still present a valid tag. */
function withValidCrc(memory: Uint8Array): Uint8Array {
	const fixed = new Uint8Array(memory);
	const crc = basicBlockCrc(withZeros(fixed, Math.max(0, 34 - fixed.length)));
	fixed[19] = crc & 0xff;
	fixed[20] = crc >> 8;
	return fixed;
}

const circulating = (overrides: Partial<Iso28560Part3TagData> = {}): Iso28560Part3TagData => ({
	model: 'iso28560-3',
	version: 1,
	primaryItemId: '11223344',
	typeOfUsage: { usageClass: 1 },
	partsInSet: 1,
	partNumber: 1,
	country: 'DE',
	ownerLibrary: 'DE-705',
	extras: { blockOrder: 'canonical', partBytesSwapped: false, extensionBlocks: [], malformedExtensionArea: false },
	...overrides
});

describe('CRC-16/CCITT-FALSE', () => {
	it('gives the check value 29B1 for "123456789"', () => {
		expect(crc16CcittFalse(ascii('123456789'))).toBe(0x29b1);
	});

	it('gives 1AEE for the reference string "RFID tag data model"', () => {
		expect(crc16CcittFalse(ascii('RFID tag data model'))).toBe(0x1aee);
	});

	it('skips the stored CRC bytes 19–20: DDM-1 computes to 3E51, its stored value', () => {
		expect(basicBlockCrc(withZeros(DDM_1, 2))).toBe(0x3e51);
		const otherStoredCrc = new Uint8Array(DDM_1);
		otherStoredCrc[19] = 0xaa;
		expect(basicBlockCrc(withZeros(otherStoredCrc, 2))).toBe(0x3e51);
	});
});

describe('ISO 28560-3 decode', () => {
	it('DDM-1: v1 circulating, 1 of 1, PII 11223344, owner DE / 705', () => {
		expect(iso28560Part3.decode(DDM_1, 4)).toEqual(circulating());
	});

	it('DDM-1 as written by a block-reversing vendor: the CRC checks after reversing each block, the order is reported', () => {
		expect(iso28560Part3.decode(DDM_1_BLOCK_REVERSED, 4)).toEqual(
			circulating({ extras: { ...circulating().extras, blockOrder: 'block-reversed' } })
		);
	});

	it('a FEIG-style byte-reversed read of DDM-2 decodes the same as the canonical one', () => {
		const canonical = iso28560Part3.decode(DDM_2, 4);
		const reversed = iso28560Part3.decode(reverseBlockBytes(DDM_2, 4), 4);
		expect(reversed).toEqual({ ...canonical, extras: { ...canonical.extras, blockOrder: 'block-reversed' } });
	});

	it('DDM-2: PII 1000000136, ISIL DK-718500 stored as DK718500, CRC 1536 for 32 and 34 bytes', () => {
		const expected = {
			model: 'iso28560-3',
			primaryItemId: '1000000136',
			country: 'DK',
			ownerLibrary: 'DK-718500',
			partsInSet: 1,
			partNumber: 1
		};
		expect(iso28560Part3.decode(DDM_2, 4)).toMatchObject(expected);
		expect(iso28560Part3.decode(withZeros(DDM_2, 2), 2)).toMatchObject(expected);
		expect(iso28560Part3.decode(withZeros(DDM_2, 4), 4)).toMatchObject(expected);
		expect(DDM_2[19]! | (DDM_2[20]! << 8)).toBe(0x1536);
	});

	it('DDM-3: PII 5123456789, ISIL DK-715700', () => {
		expect(iso28560Part3.decode(DDM_3, 4)).toMatchObject({ primaryItemId: '5123456789', ownerLibrary: 'DK-715700', country: 'DK' });
	});

	it('reads the type of usage from the low nibble of byte 0: 18 is a patron card', () => {
		const card = withValidCrc(Uint8Array.from(DDM_1, (byte, index) => (index === 0 ? 0x18 : byte)));
		expect(iso28560Part3.decode(card, 4).typeOfUsage).toEqual({ usageClass: 8 });
	});

	it('reads byte 1 as the number of parts and byte 2 as the part number (part 2 of 3)', () => {
		const secondOfThree = withValidCrc(Uint8Array.from(DDM_1, (byte, index) => (index === 1 ? 3 : index === 2 ? 2 : byte)));
		const decoded = iso28560Part3.decode(secondOfThree, 4);
		expect(decoded).toMatchObject({ partsInSet: 3, partNumber: 2 });
		expect(decoded.extras.partBytesSwapped).toBe(false);
	});

	it('reads the swapped writer (part number first) back the right way round and says so', () => {
		const swapped = withValidCrc(Uint8Array.from(DDM_1, (byte, index) => (index === 1 ? 2 : index === 2 ? 3 : byte)));
		const decoded = iso28560Part3.decode(swapped, 4);
		expect(decoded).toMatchObject({ partsInSet: 3, partNumber: 2 });
		expect(decoded.extras.partBytesSwapped).toBe(true);
	});

	it('a blank tag (all zeros) is TagDataError blank', () => {
		expect(reasonOf(() => iso28560Part3.decode(new Uint8Array(112), 4))).toBe('blank');
	});

	it('a corrupted CRC is TagDataError crc', () => {
		const corrupted = new Uint8Array(DDM_1);
		corrupted[19] = corrupted[19]! ^ 0x01;
		expect(reasonOf(() => iso28560Part3.decode(corrupted, 4))).toBe('crc');
		const changedPii = new Uint8Array(DDM_3);
		changedPii[5] = 0x30;
		expect(reasonOf(() => iso28560Part3.decode(changedPii, 4))).toBe('crc');
	});

	it('refuses the CRC stored most significant byte first (the sheet says LSB first)', () => {
		const bigEndianCrc = Uint8Array.from(DDM_1, (byte, index) => (index === 19 ? 0x3e : index === 20 ? 0x51 : byte));
		expect(reasonOf(() => iso28560Part3.decode(bigEndianCrc, 4))).toBe('crc');
	});

	it('a valid CRC over version 2 is unsupported-version', () => {
		const version2 = withValidCrc(Uint8Array.from(DDM_1, (byte, index) => (index === 0 ? 0x21 : byte)));
		expect(reasonOf(() => iso28560Part3.decode(version2, 4))).toBe('unsupported-version');
	});

	it('memory shorter than the 32-byte basic block or not whole blocks is malformed', () => {
		expect(reasonOf(() => iso28560Part3.decode(DDM_1.subarray(0, 28), 4))).toBe('malformed');
		expect(reasonOf(() => iso28560Part3.decode(withZeros(DDM_1, 2), 4))).toBe('malformed');
		expect(reasonOf(() => iso28560Part3.decode(DDM_1, 0))).toBe('malformed');
	});

	it('reads extension blocks after byte 33 with the check byte first or last, up to the 00 terminator', () => {
		const payload = ascii('CD');
		const checkFirst = extensionBlockBody(1, payload);
		expect(checkFirst).toEqual(new Uint8Array([6 ^ 1 ^ 0x43 ^ 0x44, 0x43, 0x44]));
		const checkLast = new Uint8Array([0x43, 0x44, 6 ^ 4 ^ 0x43 ^ 0x44]);
		const memory = withZeros(DDM_2, 16);
		memory.set([6, 1, 0, ...checkFirst], 34);
		memory.set([6, 4, 0, ...checkLast], 40);
		const decoded = iso28560Part3.decode(memory, 4);
		expect(decoded.extras.extensionBlocks).toEqual([
			{ id: 1, body: checkFirst },
			{ id: 4, body: checkLast }
		]);
		expect(decoded.extras.malformedExtensionArea).toBe(false);
	});

	it('keeps the basic block when an extension block fails its XOR check, and flags the area', () => {
		const memory = withZeros(DDM_2, 16);
		memory.set([6, 0x01, 0x00, 0x55, 0x43, 0x44], 34);
		const decoded = iso28560Part3.decode(memory, 4);
		expect(decoded.primaryItemId).toBe('1000000136');
		expect(decoded.extras.extensionBlocks).toEqual([]);
		expect(decoded.extras.malformedExtensionArea).toBe(true);
	});
});

describe('ISO 28560-3 encode', () => {
	it('writes DDM-1, DDM-2 and DDM-3 byte for byte (canonical order, CRC LSB first)', () => {
		for (const vector of [DDM_1, DDM_2, DDM_3]) {
			expect(iso28560Part3.encode?.(iso28560Part3.decode(vector, 4), 4, 8)).toEqual(vector);
		}
	});

	it('writes canonical order for data read block-reversed; reversing the blocks gives the vendor layout back', () => {
		const fromVendorTag = iso28560Part3.decode(DDM_1_BLOCK_REVERSED, 4);
		const written = iso28560Part3.encode?.(fromVendorTag, 4, 8);
		expect(written).toEqual(DDM_1);
		expect(reverseBlockBytes(written!, 4)).toEqual(DDM_1_BLOCK_REVERSED);
	});

	it('fills the whole memory: the 34-byte layout on a 28-block tag, zeros after it as the terminator', () => {
		const written = iso28560Part3.encode?.(iso28560Part3.decode(DDM_2, 4), 4, 28);
		expect(written).toEqual(withZeros(DDM_2, 112 - 32));
	});

	it('uses all 11 owner library bytes on 34+ byte tags but only 9 on a 32-byte tag', () => {
		const longId = circulating({ ownerLibrary: 'DE-12345678901' });
		const written = iso28560Part3.encode?.(longId, 4, 9);
		expect(iso28560Part3.decode(written!, 4).ownerLibrary).toBe('DE-12345678901');
		expect(reasonOf(() => iso28560Part3.encode?.(longId, 4, 8))).toBe('unencodable');
		expect(iso28560Part3.decode(iso28560Part3.encode!(circulating({ ownerLibrary: 'DE-123456789' }), 4, 8), 4).ownerLibrary).toBe(
			'DE-123456789'
		);
	});

	it('writes extension blocks after the basic block and reads them back', () => {
		const body = extensionBlockBody(1, new Uint8Array([2]));
		const data = circulating({ extras: { ...circulating().extras, extensionBlocks: [{ id: 1, body }] } });
		const written = iso28560Part3.encode!(data, 4, 28);
		expect([...written.subarray(34, 40)]).toEqual([5, 1, 0, 5 ^ 1 ^ 2, 2, 0]);
		expect(iso28560Part3.decode(written, 4)).toEqual(data);
	});

	it('converts data from another model: common fields carry over', () => {
		const fromOtherModel: LibraryTagData = {
			model: 'iso28560-2',
			primaryItemId: '1000000136',
			typeOfUsage: { usageClass: 1, subQualifier: 2 },
			partsInSet: 1,
			partNumber: 1,
			ownerLibrary: 'DK-718500',
			country: 'DK',
			extras: { elements: [{ oid: 6, compaction: '6-bit', value: 'QA268' }] }
		};
		expect(iso28560Part3.encode?.(fromOtherModel, 4, 8)).toEqual(DDM_2);
	});

	it('refuses what the basic block cannot hold', () => {
		const refuse = (data: Iso28560Part3TagData, blocks = 8) => reasonOf(() => iso28560Part3.encode?.(data, 4, blocks));
		expect(refuse(circulating({ primaryItemId: '12345678901234567' }))).toBe('unencodable');
		expect(refuse(circulating({ ownerLibrary: 'DEU-705', country: undefined }))).toBe('unencodable');
		expect(refuse(circulating({ ownerLibrary: 'DK-705' }))).toBe('unencodable');
		expect(refuse(circulating({ typeOfUsage: undefined }))).toBe('unencodable');
		expect(refuse(circulating({ typeOfUsage: { usageClass: 16 } }))).toBe('unencodable');
		expect(refuse(circulating({ partsInSet: 2, partNumber: 3 }))).toBe('unencodable');
		expect(refuse(circulating({ partsInSet: 256 }))).toBe('unencodable');
		expect(refuse(circulating({ version: 2 }))).toBe('unencodable');
		expect(refuse(circulating({ primaryItemId: 'Ω' }))).toBe('unencodable');
		expect(refuse(circulating(), 7)).toBe('unencodable');
	});
});
