import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SERIAL_SCAN_BYTES, SerialScanReader, encodeSerialScan, parseSerialScanLine, type SerialScanFrame } from './serial-scanner-protocol';

const codes = (frames: SerialScanFrame[]) => frames.map((frame) => (frame.kind === 'scan' ? frame.scan.code : `<${frame.kind}:${frame.discardedBytes}>`));

describe('SerialScanReader', () => {
	it.each([
		['CR', '30001000000010\r20001000000012\r'],
		['CRLF', '30001000000010\r\n20001000000012\r\n'],
		['LF', '30001000000010\n20001000000012\n']
	])('splits scans ended by %s', (_, bytes) => {
		expect(codes(new SerialScanReader().push(Buffer.from(bytes)))).toEqual(['30001000000010', '20001000000012']);
	});

	it('keeps a partial scan until its CR arrives, and takes a CRLF split across chunks as one terminator', () => {
		const reader = new SerialScanReader();
		expect(reader.push(Buffer.from('3000100'))).toEqual([]);
		expect(codes(reader.push(Buffer.from('0000010\r')))).toEqual(['30001000000010']);
		expect(codes(reader.push(Buffer.from('\n2000100000')))).toEqual([]);
		expect(codes(reader.push(Buffer.from('0012\r\n')))).toEqual(['20001000000012']);
	});

	it('gives the same scans however the bytes are chunked', () => {
		const stream = Buffer.concat([
			encodeSerialScan('30001000000010', { aim: ']F0' }),
			encodeSerialScan('ITEM-42', { terminator: 'CRLF' }),
			encodeSerialScan('9780306406157', { aim: ']E0', terminator: 'LF' })
		]);
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 8 }), (cuts) => {
				const reader = new SerialScanReader();
				const points = [...new Set([0, ...cuts, stream.length])].sort((a, b) => a - b);
				const frames = points.slice(1).flatMap((end, i) => reader.push(stream.subarray(points[i], end)));
				expect(frames).toEqual([
					{ kind: 'scan', scan: { code: '30001000000010', symbology: { aim: ']F0', name: 'Codabar' } } },
					{ kind: 'scan', scan: { code: 'ITEM-42', symbology: null } },
					{ kind: 'scan', scan: { code: '9780306406157', symbology: { aim: ']E0', name: 'EAN-13' } } }
				]);
			})
		);
	});

	it('feeding one byte at a time works too', () => {
		const reader = new SerialScanReader();
		const frames = [...Buffer.from(']C0ABC\r\nDEF\r')].flatMap((byte) => reader.push(Buffer.of(byte)));
		expect(codes(frames)).toEqual(['ABC', 'DEF']);
	});

	it('skips blank lines, NUL padding and a lone AIM prefix', () => {
		expect(codes(new SerialScanReader().push(Buffer.from('\r\r\n\0\0\r\0ABC\0\r]C0\r')))).toEqual(['ABC']);
	});

	it('drops a line longer than the guard, including its tail, and reads on', () => {
		const reader = new SerialScanReader({ maxScanBytes: 16 });
		expect(codes(reader.push(Buffer.from('X'.repeat(20))))).toEqual(['<too-long:20>']);
		expect(codes(reader.push(Buffer.from('TAIL\rOK1\r')))).toEqual(['OK1']);
		expect(codes(reader.push(Buffer.from(`${'Y'.repeat(17)}\rOK2\r`)))).toEqual(['<too-long:17>', 'OK2']);
		expect(codes(reader.push(Buffer.from(`${'Z'.repeat(16)}\r`)))).toEqual(['Z'.repeat(16)]);
	});

	it('guards by default against a scanner without a suffix', () => {
		const reader = new SerialScanReader();
		expect(codes(reader.push(Buffer.alloc(DEFAULT_MAX_SERIAL_SCAN_BYTES, 0x31)))).toEqual([]);
		expect(codes(reader.push(Buffer.of(0x31)))).toEqual([`<too-long:${DEFAULT_MAX_SERIAL_SCAN_BYTES + 1}>`]);
	});

	it('forgets a half line on reset', () => {
		const reader = new SerialScanReader();
		reader.push(Buffer.from('30001'));
		reader.reset();
		expect(codes(reader.push(Buffer.from('ABC\r')))).toEqual(['ABC']);
	});
});

describe('encodeSerialScan / parseSerialScanLine', () => {
	it('writes the AIM prefix, the code and the suffix (CR by default)', () => {
		expect(encodeSerialScan('30001000000010').toString('latin1')).toBe('30001000000010\r');
		expect(encodeSerialScan('123', { aim: ']C0', terminator: 'CRLF' }).toString('latin1')).toBe(']C0123\r\n');
		expect(encodeSerialScan('123', { terminator: 'LF' }).toString('latin1')).toBe('123\n');
	});

	it('refuses a code with a line break in it', () => {
		expect(() => encodeSerialScan('12\r3')).toThrow(RangeError);
	});

	it('parses a line, mapping bytes one to one', () => {
		expect(parseSerialScanLine(Buffer.from([0x5d, 0x41, 0x30, 0x41, 0xe9]))).toEqual({ code: 'A\u00e9', symbology: { aim: ']A0', name: 'Code 39' } });
		expect(parseSerialScanLine(Buffer.alloc(0))).toBeNull();
	});
});
