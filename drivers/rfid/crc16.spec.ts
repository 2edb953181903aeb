import { describe, expect, it } from 'vitest';
import { crc16Genibus, crc16GenibusResidue, crc16Mcrf4xx, crc16X25 } from './crc16';
import { hexToBytes } from './iso15693';

const check = new TextEncoder().encode('123456789');

describe('CRC-16 variants (reference sheet check values)', () => {
	it('MCRF4XX (FEIG) checks 123456789 as 6F91', () => {
		expect(crc16Mcrf4xx(check)).toBe(0x6f91);
	});

	it('X-25 (ISO 15693 air) checks 123456789 as 906E and matches the sheet frames', () => {
		expect(crc16X25(check)).toBe(0x906e);
		// Sent LSB first: 26 01 00 -> F6 0A, inventory for AFI 07 36 01 07 00 -> 62 EC.
		expect(crc16X25(hexToBytes('26 01 00'))).toBe(0x0af6);
		expect(crc16X25(hexToBytes('36 01 07 00'))).toBe(0xec62);
	});

	it('GENIBUS (3M D6) checks 123456789 as D64E and leaves residue 1D0F over data + CRC', () => {
		expect(crc16Genibus(check)).toBe(0xd64e);
		expect(crc16GenibusResidue(hexToBytes('00 05 FE 00 05 FA 40'))).toBe(0x1d0f);
	});

	it('the known-bad 3M vector D6 00 08 11 0A 05 02 19 E2 3B would need CRC CB 59', () => {
		expect(crc16Genibus(hexToBytes('00 08 11 0A 05 02 19'))).toBe(0xcb59);
	});
});
