import { describe, expect, it } from 'vitest';
import { guessDevice, HID_POS_USAGE_PAGE, parseHexId } from './known-devices';

describe('guessDevice', () => {
	it('recognises a HID POS scanner by its usage page whatever the vendor', () => {
		expect(guessDevice(0x1234, HID_POS_USAGE_PAGE).kind).toBe('barcode-scanner');
	});

	it('names known vendors and says when to probe', () => {
		expect(guessDevice(parseHexId('0ab1')).kind).toBe('rfid-reader');
		expect(guessDevice(parseHexId('0403')).note).toMatch(/probe/);
		expect(guessDevice(undefined).kind).toBe('unknown');
	});

	it('reads serialport hex ids and refuses garbage', () => {
		expect(parseHexId('04b8')).toBe(0x04b8);
		expect(parseHexId('zz')).toBeUndefined();
		expect(parseHexId(undefined)).toBeUndefined();
	});
});
