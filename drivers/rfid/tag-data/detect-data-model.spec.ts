import { describe, expect, it } from 'vitest';
import { detectDataModel } from './detect-data-model';

const hex = (text: string) => new Uint8Array(text.replace(/\|/g, ' ').trim().split(/\s+/).map((byte) => parseInt(byte, 16)));
const onTag = (bytes: Uint8Array, size = 112) => {
	const memory = new Uint8Array(size);
	memory.set(bytes);
	return memory;
};

const DDM_1 = hex('11 01 01 31 31 32 32 33 33 34 34 00 00 00 00 00 00 00 00 51 3E 44 45 37 30 35 00 00 00 00 00 00');
const DDM_1_BLOCK_REVERSED = hex('31 01 01 11 33 32 32 31 00 34 34 33 00 00 00 00 51 00 00 00 37 45 44 3E 00 00 35 30 00 00 00 00');
const ANNEX_D = hex(
	'91 00 05 1C BE 99 1A 14 02 01 D0 14 02 04 B3 46 07 44 1C B6 E2 E3 35 D6 83 02 07 AC C0 9E BA A0 6F 6A 00 00'
);
const RFID501_EXAMPLE = hex('04 11 00 01 | 31 33 30 32 | 30 30 33 37 | 36 37 00 00');

describe('detectDataModel', () => {
	it('recognises each sheet vector as its model', () => {
		expect(detectDataModel(onTag(DDM_1))).toMatchObject({ kind: 'decoded', model: 'iso28560-3' });
		expect(detectDataModel(onTag(DDM_1_BLOCK_REVERSED))).toMatchObject({ kind: 'decoded', model: 'iso28560-3' });
		expect(detectDataModel(onTag(ANNEX_D))).toMatchObject({ kind: 'decoded', model: 'iso28560-2' });
		expect(detectDataModel(onTag(RFID501_EXAMPLE))).toMatchObject({
			kind: 'decoded',
			model: 'rfid501',
			data: { primaryItemId: '1302003767' }
		});
	});

	it('takes a DDM tag whose CRC fails as unknown, not as ISO 28560-2 (its 11 is also a precursor)', () => {
		const corrupted = onTag(DDM_1);
		corrupted[19] = 0;
		expect(detectDataModel(corrupted)).toEqual({
			kind: 'unknown',
			rejections: { 'iso28560-3': 'crc', 'iso28560-2': 'malformed', rfid501: 'unsupported-version' }
		});
	});

	it('calls all zeros and the 3M manufacturing blank blank', () => {
		expect(detectDataModel(new Uint8Array(112))).toEqual({ kind: 'blank' });
		const threeMBlank = onTag(new Uint8Array(24).fill(0x55));
		expect(detectDataModel(threeMBlank)).toEqual({ kind: 'blank' });
	});

	it('does not take unreadable bytes after an 04 for an RFID501 barcode', () => {
		const junk = onTag(hex('04 11 00 01 01 02 03 04'));
		expect(detectDataModel(junk)).toMatchObject({ kind: 'unknown', rejections: { rfid501: 'malformed' } });
	});
});
