import { describe, expect, it } from 'vitest';
import { SipParseError } from './errors';
import { MAX_FRAME_BYTES, SipFrameReader } from './framing';

const text = (frames: Buffer[]) => frames.map((frame) => frame.toString('latin1'));

describe('SipFrameReader', () => {
	it('splits on CR and remembers it', () => {
		const reader = new SipFrameReader();
		expect(text(reader.push(Buffer.from('941AY0AZFDFD\r9900802.00\r')))).toEqual(['941AY0AZFDFD', '9900802.00']);
		expect(reader.terminator).toBe('CR');
	});

	it('treats CRLF as one terminator, also when the LF arrives in the next chunk', () => {
		const reader = new SipFrameReader();
		expect(text(reader.push(Buffer.from('941\r')))).toEqual(['941']);
		expect(text(reader.push(Buffer.from('\n940\r\n')))).toEqual(['940']);
		expect(reader.terminator).toBe('CRLF');
	});

	it('accepts LF alone and strips NULs between messages', () => {
		const reader = new SipFrameReader();
		expect(text(reader.push(Buffer.from('\x00941\n\x00\x00940\n')))).toEqual(['941', '940']);
		expect(reader.terminator).toBe('LF');
	});

	it('keeps a partial message until its terminator arrives', () => {
		const reader = new SipFrameReader();
		expect(reader.push(Buffer.from('9900'))).toEqual([]);
		expect(reader.push(Buffer.from('802.'))).toEqual([]);
		expect(text(reader.push(Buffer.from('00\r')))).toEqual(['9900802.00']);
	});

	it('refuses endless input without a terminator instead of growing without bound', () => {
		const reader = new SipFrameReader();
		expect(() => reader.push(Buffer.alloc(MAX_FRAME_BYTES + 1, 0x41))).toThrow(SipParseError);
		expect(text(reader.push(Buffer.from('941\r')))).toEqual(['941']);
	});
});
