/**
 * ZVT serial transport, pure: `DLE STX` + APDU with every DLE doubled + `DLE ETX` + CRC low, CRC high.
 * The CRC is CRC-16/KERMIT over the unstuffed APDU and the ETX byte; the CRC bytes are not stuffed.
 * The receiver answers each frame with one byte, ACK or NAK (sheet §2.2).
 */
export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

/** Sheet §2.2: on NAK or a missing ACK, a frame is sent at most this many times in all. */
export const MAX_SEND_ATTEMPTS = 3;

/** Longest APDU (5-byte header + 65535 data) plus a margin; a longer "frame" is line noise. */
const MAX_FRAME_BYTES = 5 + 0xffff;

/** CRC-16/KERMIT: reflected polynomial 0x8408, init 0000, no final XOR (check value of "123456789" is 0x2189). */
export function crcKermit(bytes: Uint8Array, initial = 0x0000): number {
	let crc = initial;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
	}
	return crc;
}

function frameCrc(apdu: Uint8Array): number {
	return crcKermit(Uint8Array.of(ETX), crcKermit(apdu));
}

export function stuffDle(bytes: Uint8Array): Uint8Array {
	const stuffed: number[] = [];
	for (const byte of bytes) {
		stuffed.push(byte);
		if (byte === DLE) stuffed.push(DLE);
	}
	return Uint8Array.from(stuffed);
}

/** Wraps one encoded APDU in a serial frame. */
export function encodeSerialFrame(apdu: Uint8Array): Uint8Array {
	const crc = frameCrc(apdu);
	const stuffed = stuffDle(apdu);
	const frame = new Uint8Array(stuffed.length + 6);
	frame.set([DLE, STX], 0);
	frame.set(stuffed, 2);
	frame.set([DLE, ETX, crc & 0xff, crc >> 8], stuffed.length + 2);
	return frame;
}

export type SerialReceived =
	| { type: 'frame'; apdu: Uint8Array }
	/** A frame arrived damaged: answer NAK so the sender repeats it. */
	| { type: 'bad-frame'; reason: string }
	| { type: 'ack' }
	| { type: 'nak' };

type ReaderState = 'idle' | 'idle-dle' | 'data' | 'data-dle' | 'crc-low' | 'crc-high';

/**
 * Byte-driven receiver for the serial link. Outside a frame, single bytes are ACK/NAK and anything
 * else is noise to skip; inside, DLE doubling is undone and the CRC checked.
 */
export class SerialFrameReader {
	#state: ReaderState = 'idle';
	#apdu: number[] = [];
	#crcLow = 0;

	/** True while part of a frame has arrived (the caller runs the T1 inter-byte timer then). */
	get inFrame(): boolean {
		return this.#state !== 'idle' && this.#state !== 'idle-dle';
	}

	push(chunk: Uint8Array): SerialReceived[] {
		const received: SerialReceived[] = [];
		for (const byte of chunk) {
			const event = this.#step(byte);
			if (event) received.push(event);
		}
		return received;
	}

	/** Drops a partial frame, e.g. after the T1 inter-byte timeout. */
	reset(): void {
		this.#state = 'idle';
		this.#apdu = [];
	}

	#step(byte: number): SerialReceived | null {
		switch (this.#state) {
			case 'idle':
				if (byte === DLE) this.#state = 'idle-dle';
				else if (byte === ACK) return { type: 'ack' };
				else if (byte === NAK) return { type: 'nak' };
				return null;
			case 'idle-dle':
				if (byte === STX) {
					this.#state = 'data';
					this.#apdu = [];
				} else this.#state = byte === DLE ? 'idle-dle' : 'idle';
				return null;
			case 'data':
				if (byte === DLE) this.#state = 'data-dle';
				else this.#apdu.push(byte);
				return this.#apdu.length > MAX_FRAME_BYTES ? this.#fail('frame too long') : null;
			case 'data-dle':
				if (byte === DLE) {
					this.#apdu.push(DLE);
					this.#state = 'data';
				} else if (byte === ETX) this.#state = 'crc-low';
				else if (byte === STX) {
					// A new frame started inside the old one: the old one lost its end, keep the new one.
					this.#apdu = [];
					this.#state = 'data';
					return { type: 'bad-frame', reason: 'frame restarted before DLE ETX' };
				} else return this.#fail(`DLE followed by ${byte.toString(16).padStart(2, '0')} inside a frame`);
				return null;
			case 'crc-low':
				this.#crcLow = byte;
				this.#state = 'crc-high';
				return null;
			case 'crc-high': {
				const apdu = Uint8Array.from(this.#apdu);
				const received = this.#crcLow | (byte << 8);
				this.reset();
				const expected = frameCrc(apdu);
				if (received !== expected) return { type: 'bad-frame', reason: `CRC ${received.toString(16).padStart(4, '0')} where ${expected.toString(16).padStart(4, '0')} was due` };
				return { type: 'frame', apdu };
			}
		}
	}

	#fail(reason: string): SerialReceived {
		this.reset();
		return { type: 'bad-frame', reason };
	}
}
