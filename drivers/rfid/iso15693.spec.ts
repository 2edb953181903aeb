import { describe, expect, it } from 'vitest';
import { bytesToHex, decodeIsoSystemInfo, encodeIsoSystemInfo, hexToBytes, isoErrorName, normalizeUid, uidFromBytes, uidToBytes } from './iso15693';

describe('ISO 15693 helpers', () => {
	it('decodes the sheet system-information payload (UID LSB first on the air)', () => {
		const info = decodeIsoSystemInfo(hexToBytes('03 55 44 33 22 11 00 04 E0 00 07'), 'lsb-first');
		expect(info).toEqual({ infoFlags: 0x03, uid: 'E004001122334455', dsfid: 0x00, afi: 0x07 });
	});

	it('re-encodes the sheet payload byte for byte', () => {
		expect(bytesToHex(encodeIsoSystemInfo({ uid: 'E004001122334455', dsfid: 0, afi: 7 }, 'lsb-first'), ' ')).toBe('03 55 44 33 22 11 00 04 E0 00 07');
	});

	it('reads memory size (blocks−1, size−1) and IC reference when flagged', () => {
		const payload = encodeIsoSystemInfo({ uid: 'E004015000000001', dsfid: 0x3e, afi: 0xc2, blockCount: 28, blockSize: 4, icReference: 0x01 }, 'msb-first');
		expect(bytesToHex(payload, ' ')).toBe('0F E0 04 01 50 00 00 00 01 3E C2 1B 03 01');
		expect(decodeIsoSystemInfo(payload, 'msb-first')).toMatchObject({ blockCount: 28, blockSize: 4, icReference: 1, afi: 0xc2 });
	});

	it('rejects a truncated payload instead of inventing fields', () => {
		expect(() => decodeIsoSystemInfo(hexToBytes('07 55 44 33 22 11 00 04 E0 00 07'), 'lsb-first')).toThrow(/truncated/);
	});

	it('normalizes UIDs and refuses anything but 16 hex digits', () => {
		expect(normalizeUid('e004010046707a28')).toBe('E004010046707A28');
		expect(() => normalizeUid('E00401')).toThrow(TypeError);
		expect(uidFromBytes(uidToBytes('E004010046707A28'))).toBe('E004010046707A28');
		expect(() => hexToBytes('0G')).toThrow(TypeError);
	});

	it('names ISO error codes', () => {
		expect(isoErrorName(0x10)).toBe('block not available');
		expect(isoErrorName(0x77)).toBe('ISO error 0x77');
	});
});
