import { SipParseError } from './errors';

/** How a peer ends its messages. The spec says CR; Koha's emulator and some terminals use CRLF. */
export type SipTerminator = 'CR' | 'CRLF' | 'LF';

export const TERMINATOR_BYTES: Record<SipTerminator, Buffer> = {
	CR: Buffer.from('\r'),
	CRLF: Buffer.from('\r\n'),
	LF: Buffer.from('\n')
};

/** Far longer than any real message (fields are at most 255 characters); guards memory against garbage. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Splits a byte stream into messages. Accepts CR, CRLF or LF, drops NULs between messages, and
 * remembers which terminator the peer used so a server can answer in kind.
 */
export class SipFrameReader {
	private pending: Buffer = Buffer.alloc(0);
	private lastWasCr = false;
	/** The terminator of the most recent message, as far as it can be told. */
	terminator: SipTerminator | null = null;

	/** Feeds bytes; returns the complete messages they finish (without terminators). */
	push(chunk: Uint8Array): Buffer[] {
		const frames: Buffer[] = [];
		let data = Buffer.concat([this.pending, chunk]);
		let start = 0;
		for (let i = 0; i < data.length; i++) {
			const byte = data[i];
			if (byte === 0x0a && i === start && this.lastWasCr) {
				// The LF of a CRLF whose CR ended the previous message.
				this.terminator = 'CRLF';
				this.lastWasCr = false;
				start = i + 1;
				continue;
			}
			if (byte === 0x0d || byte === 0x0a) {
				const frame = stripNuls(data.subarray(start, i));
				if (byte === 0x0d && data[i + 1] === 0x0a) {
					this.terminator = 'CRLF';
					i++;
					this.lastWasCr = false;
				} else {
					this.terminator = byte === 0x0d ? 'CR' : 'LF';
					this.lastWasCr = byte === 0x0d;
				}
				if (frame.length > 0) frames.push(Buffer.from(frame));
				start = i + 1;
			} else {
				this.lastWasCr = false;
			}
		}
		this.pending = Buffer.from(data.subarray(start));
		data = Buffer.alloc(0);
		if (this.pending.length > MAX_FRAME_BYTES) {
			this.pending = Buffer.alloc(0);
			throw new SipParseError(`no message terminator within ${MAX_FRAME_BYTES} bytes`);
		}
		return frames;
	}
}

function stripNuls(bytes: Buffer): Buffer {
	let start = 0;
	let end = bytes.length;
	while (start < end && bytes[start] === 0) start++;
	while (end > start && bytes[end - 1] === 0) end--;
	return bytes.subarray(start, end);
}
