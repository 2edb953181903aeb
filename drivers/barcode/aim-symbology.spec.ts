import { describe, expect, it } from 'vitest';
import { splitAimPrefix, symbologyFromAim } from './aim-symbology';

describe('AIM symbology identifiers', () => {
	it.each([
		[']C0', 'Code 128'],
		[']C1', 'GS1-128'],
		[']E0', 'EAN-13'],
		[']E4', 'EAN-8'],
		[']F0', 'Codabar'],
		[']A0', 'Code 39'],
		[']I0', 'Interleaved 2 of 5'],
		[']Q1', 'QR Code'],
		[']d2', 'Data Matrix'],
		[']W9', 'unknown']
	])('%s is %s', (aim, name) => {
		expect(symbologyFromAim(aim)).toEqual({ aim, name });
	});

	it.each(['\0\0\0', 'C0]', ']C', ']C0x', '', ']\r0'])('%j is not an identifier', (text) => {
		expect(symbologyFromAim(text)).toBeNull();
	});

	it('splits an identifier prefix off a scanned line and leaves other lines alone', () => {
		expect(splitAimPrefix(']F030001000000010')).toEqual({ symbology: { aim: ']F0', name: 'Codabar' }, rest: '30001000000010' });
		expect(splitAimPrefix('30001000000010')).toEqual({ symbology: null, rest: '30001000000010' });
		expect(splitAimPrefix(']C')).toEqual({ symbology: null, rest: ']C' });
	});
});
