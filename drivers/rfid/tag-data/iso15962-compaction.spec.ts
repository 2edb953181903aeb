import { describe, expect, it } from 'vitest';
import { compactText, decodeCharacters, encodeCharacters } from './iso15962-compaction';
import { TagDataError } from './tag-data-model';

const hex = (text: string) => new Uint8Array(text.trim().split(/\s+/).map((byte) => parseInt(byte, 16)));

describe('ISO/IEC 15962 compaction', () => {
	it('integer: big-endian unsigned, 1C BE 99 1A 14 = 123456789012 (Annex D PII)', () => {
		expect(decodeCharacters('integer', hex('1C BE 99 1A 14'))).toBe('123456789012');
		expect(encodeCharacters('integer', '123456789012')).toEqual(hex('1C BE 99 1A 14'));
	});

	it('integer: beyond 2^53 without losing digits', () => {
		expect(decodeCharacters('integer', hex('FF FF FF FF FF FF FF FF FF'))).toBe('4722366482869645213695');
		expect(encodeCharacters('integer', '4722366482869645213695')).toEqual(hex('FF FF FF FF FF FF FF FF FF'));
	});

	it('integer refuses leading zeros, which it could not give back', () => {
		expect(encodeCharacters('integer', '0123')).toBeUndefined();
	});

	it('numeric: two digits a byte, an odd count padded with nibble F', () => {
		expect(encodeCharacters('numeric', '0123')).toEqual(hex('01 23'));
		expect(encodeCharacters('numeric', '01234')).toEqual(hex('01 23 4F'));
		expect(decodeCharacters('numeric', hex('01 23 4F'))).toBe('01234');
	});

	it('numeric: a non-digit nibble anywhere but the final pad is malformed', () => {
		expect(() => decodeCharacters('numeric', hex('0A 23'))).toThrow(TagDataError);
		expect(() => decodeCharacters('numeric', hex('F1 23'))).toThrow(TagDataError);
	});

	it('6-bit: Annex D shelf location 44 1C B6 E2 E3 35 D6 = QA268.L55, padded with 10', () => {
		expect(decodeCharacters('6-bit', hex('44 1C B6 E2 E3 35 D6'))).toBe('QA268.L55');
		expect(encodeCharacters('6-bit', 'QA268.L55')).toEqual(hex('44 1C B6 E2 E3 35 D6'));
	});

	it('6-bit: a whole pad code (100000 after three characters) is not read as a trailing space', () => {
		const bytes = encodeCharacters('6-bit', 'ABC');
		expect(bytes).toEqual(hex('04 20 E0'));
		expect(decodeCharacters('6-bit', hex('04 20 E0'))).toBe('ABC');
	});

	it('5-bit: upper case A–Z in 5 bits', () => {
		expect(encodeCharacters('5-bit', 'AB')).toEqual(hex('08 A0'));
		expect(decodeCharacters('5-bit', hex('08 A0'))).toBe('AB');
		expect(encodeCharacters('5-bit', 'A1')).toBeUndefined();
	});

	it('7-bit: US-ASCII in 7 bits', () => {
		expect(encodeCharacters('7-bit', 'AB')).toEqual(hex('83 0A'));
		expect(decodeCharacters('7-bit', hex('83 0A'))).toBe('AB');
		expect(encodeCharacters('7-bit', 'Å')).toBeUndefined();
	});

	it('octets are Latin-1 and UTF-8 is UTF-8; invalid UTF-8 is malformed', () => {
		expect(decodeCharacters('octets', hex('C5 6C 62'))).toBe('Ålb');
		expect(decodeCharacters('utf-8', hex('C3 85 6C 62'))).toBe('Ålb');
		expect(encodeCharacters('utf-8', 'Ålb')).toEqual(hex('C3 85 6C 62'));
		expect(() => decodeCharacters('utf-8', hex('C3 28'))).toThrow(TagDataError);
	});

	it('picks the shortest faithful compaction', () => {
		expect(compactText('1203').compaction).toBe('integer');
		expect(compactText('0102').compaction).toBe('numeric');
		expect(compactText('QA268.L55').compaction).toBe('6-bit');
		expect(compactText('ABCDEFGH').compaction).toBe('5-bit');
		expect(compactText('Shelf 3').compaction).toBe('7-bit');
		expect(compactText('Ålborg').compaction).toBe('octets');
		expect(compactText('Łódź').compaction).toBe('utf-8');
	});
});
