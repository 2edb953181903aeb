import { describe, expect, it } from 'vitest';
import { TcpApduReader } from './zvt-tcp-framing';

function hex(text: string): Uint8Array {
	return Uint8Array.from(text.trim().split(/\s+/), (byte) => Number.parseInt(byte, 16));
}

describe('TCP APDU reader', () => {
	it('splits coalesced APDUs (status, print line, acknowledgement in one segment)', () => {
		const reader = new TcpApduReader();
		const apdus = reader.push(hex('04 FF 01 17 06 D1 03 00 41 42 80 00 00'));
		expect(apdus.map((apdu) => [...apdu])).toEqual([
			[0x04, 0xff, 0x01, 0x17],
			[0x06, 0xd1, 0x03, 0x00, 0x41, 0x42],
			[0x80, 0x00, 0x00]
		]);
		expect(reader.pending).toBe(0);
	});

	it('buffers an APDU split inside its header and inside its data', () => {
		const reader = new TcpApduReader();
		expect(reader.push(hex('06'))).toEqual([]);
		expect(reader.push(hex('01 07 04 00'))).toEqual([]);
		expect(reader.pending).toBe(5);
		expect(reader.push(hex('00 00 00 10 00 06'))).toEqual([hex('06 01 07 04 00 00 00 00 10 00')]);
		expect(reader.pending).toBe(1);
	});

	it('reads the extended length even when its two bytes arrive apart', () => {
		const reader = new TcpApduReader();
		const data = new Uint8Array(300).fill(0x20);
		const whole = Uint8Array.from([0x06, 0xd3, 0xff, 0x2c, 0x01, ...data]);
		expect(reader.push(whole.subarray(0, 4))).toEqual([]);
		expect(reader.push(whole.subarray(4, 100))).toEqual([]);
		expect(reader.push(whole.subarray(100))).toEqual([whole]);
	});
});
