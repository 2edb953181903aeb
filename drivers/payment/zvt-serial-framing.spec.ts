import { describe, expect, it } from 'vitest';
import { encodeApdu, encodeAuthorisation, encodeEndOfDay, encodeRegistration, encodeStatusEnquiry, encodePrintLine, POSITIVE_ACKNOWLEDGEMENT } from './zvt-apdu';
import { ACK, crcKermit, encodeSerialFrame, NAK, SerialFrameReader, stuffDle } from './zvt-serial-framing';

function hex(text: string): Uint8Array {
	return Uint8Array.from(text.trim().split(/\s+/), (byte) => Number.parseInt(byte, 16));
}

/** Sheet §8 serial frames: [frame, APDU it carries]. The APDU side is what the frame must unstuff to. */
const SERIAL_VECTORS: [name: string, frame: string, apdu: string][] = [
	['registration BA', '10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3', '06 00 06 12 34 56 BA 09 78'],
	['initialisation', '10 02 06 93 03 12 34 56 10 03 CA A4', '06 93 03 12 34 56'],
	['authorisation 110.00 EUR', '10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF', '06 01 0A 04 00 00 00 01 10 00 49 09 78'],
	['diagnosis', '10 02 06 70 00 10 03 D9 F9', '06 70 00'],
	['reset terminal', '10 02 06 18 00 10 03 56 3A', '06 18 00'],
	['status enquiry', '10 02 05 01 03 12 34 56 10 03 E0 43', '05 01 03 12 34 56'],
	['positive acknowledgement', '10 02 80 00 00 10 03 F5 1F', '80 00 00'],
	['negative acknowledgement 9C', '10 02 84 9C 00 10 03 C3 41', '84 9C 00'],
	[
		'print line',
		'10 02 06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30 10 03 B5 AB',
		'06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30'
	],
	['authorisation 10.00', '10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91', '06 01 07 04 00 00 00 00 10 00'],
	['registration DE', '10 02 06 00 06 12 34 56 DE 09 78 10 03 2C 28', '06 00 06 12 34 56 DE 09 78'],
	['intermediate status 17', '10 02 04 FF 01 17 10 03 1C 58', '04 FF 01 17'],
	['completion', '10 02 06 0F 00 10 03 C6 33', '06 0F 00'],
	['ECR abort', '10 02 06 B0 00 10 03 43 F3', '06 B0 00'],
	['PT abort 6C', '10 02 06 1E 01 6C 10 03 C9 F2', '06 1E 01 6C'],
	['end-of-day', '10 02 06 50 03 12 34 56 10 03 C4 AF', '06 50 03 12 34 56']
];

describe('CRC-16/KERMIT', () => {
	it('has the check value 2189 for "123456789"', () => {
		expect(crcKermit(new TextEncoder().encode('123456789'))).toBe(0x2189);
	});

	it('is computed over the unstuffed APDU and ETX, sent low byte first', () => {
		const apdu = hex('06 0F 00');
		const crc = crcKermit(Uint8Array.from([...apdu, 0x03]));
		expect(crc).toBe(0x33c6);
		expect([...encodeSerialFrame(apdu).slice(-2)]).toEqual([0xc6, 0x33]);
	});
});

describe('sheet §8 serial frames', () => {
	it('every frame is produced from its APDU, byte for byte', () => {
		for (const [name, frame, apdu] of SERIAL_VECTORS) expect([...encodeSerialFrame(hex(apdu))], name).toEqual([...hex(frame)]);
	});

	it('every frame is read back to its APDU with the CRC accepted', () => {
		for (const [name, frame, apdu] of SERIAL_VECTORS) {
			expect(new SerialFrameReader().push(hex(frame)), name).toEqual([{ type: 'frame', apdu: hex(apdu) }]);
		}
	});

	it('the frames match what the command builders produce', () => {
		const built: [string, Uint8Array][] = [
			['10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3', encodeApdu(encodeRegistration({ password: '123456', configByte: 0xba, currency: 'EUR' }))],
			['10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF', encodeApdu(encodeAuthorisation({ amountCents: 11000, currency: 'EUR' }))],
			['10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91', encodeApdu(encodeAuthorisation({ amountCents: 1000 }))],
			['10 02 05 01 03 12 34 56 10 03 E0 43', encodeApdu(encodeStatusEnquiry('123456'))],
			['10 02 06 50 03 12 34 56 10 03 C4 AF', encodeApdu(encodeEndOfDay('123456'))],
			['10 02 80 00 00 10 03 F5 1F', encodeApdu(POSITIVE_ACKNOWLEDGEMENT)],
			[
				'10 02 06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30 10 03 B5 AB',
				encodeApdu(encodePrintLine({ attribute: 0, text: 'Gesamt      0       0,00' }))
			]
		];
		for (const [frame, apdu] of built) expect([...encodeSerialFrame(apdu)]).toEqual([...hex(frame)]);
	});
});

describe('DLE stuffing', () => {
	it('doubles every DLE in the APDU, and only there', () => {
		expect([...stuffDle(hex('04 00 00 00 01 10 00'))]).toEqual([0x04, 0x00, 0x00, 0x00, 0x01, 0x10, 0x10, 0x00]);
		expect([...stuffDle(hex('10 10'))]).toEqual([0x10, 0x10, 0x10, 0x10]);
	});

	it('does not stuff a CRC byte that happens to be 10, and reads such a frame back', () => {
		// CRC of 04 FF 01 68 + 03 is 2B10: its low byte is DLE and goes out single.
		const frame = encodeSerialFrame(hex('04 FF 01 68'));
		expect([...frame]).toEqual([0x10, 0x02, 0x04, 0xff, 0x01, 0x68, 0x10, 0x03, 0x10, 0x2b]);
		expect(new SerialFrameReader().push(frame)).toEqual([{ type: 'frame', apdu: hex('04 FF 01 68') }]);
		// ...and a high CRC byte of 10 (103E) followed by the next frame.
		const next = encodeSerialFrame(hex('06 1E 01 CB'));
		expect([...next.slice(-2)]).toEqual([0x3e, 0x10]);
		expect(new SerialFrameReader().push(Uint8Array.from([...next, ...frame])).map((event) => event.type)).toEqual(['frame', 'frame']);
	});
});

describe('serial frame reader', () => {
	it('reassembles a frame that arrives one byte at a time', () => {
		const reader = new SerialFrameReader();
		const frame = hex('10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF');
		const events = [...frame].flatMap((byte) => reader.push(Uint8Array.of(byte)));
		expect(events).toEqual([{ type: 'frame', apdu: hex('06 01 0A 04 00 00 00 01 10 00 49 09 78') }]);
	});

	it('tells ACK and NAK bytes between frames apart from frame content, and skips noise', () => {
		const reader = new SerialFrameReader();
		const events = reader.push(Uint8Array.from([ACK, 0x41, ...hex('10 02 06 0F 00 10 03 C6 33'), NAK]));
		expect(events).toEqual([{ type: 'ack' }, { type: 'frame', apdu: hex('06 0F 00') }, { type: 'nak' }]);
	});

	it('reports a bad CRC so the receiver can answer NAK, then reads the next frame', () => {
		const reader = new SerialFrameReader();
		const events = reader.push(Uint8Array.from([...hex('10 02 06 0F 00 10 03 C6 34'), ...hex('10 02 06 0F 00 10 03 C6 33')]));
		expect(events[0]).toMatchObject({ type: 'bad-frame', reason: expect.stringMatching(/CRC/) });
		expect(events[1]).toEqual({ type: 'frame', apdu: hex('06 0F 00') });
	});

	it('rejects a DLE followed by anything but DLE, ETX or STX inside a frame', () => {
		const reader = new SerialFrameReader();
		expect(reader.push(hex('10 02 06 0F 10 41'))).toEqual([{ type: 'bad-frame', reason: expect.stringMatching(/DLE followed by 41/) }]);
		expect(reader.inFrame).toBe(false);
	});

	it('can drop a partial frame (the T1 inter-byte timeout) and read the repeated one', () => {
		const reader = new SerialFrameReader();
		expect(reader.push(hex('10 02 06 0F'))).toEqual([]);
		expect(reader.inFrame).toBe(true);
		reader.reset();
		expect(reader.push(hex('10 02 06 0F 00 10 03 C6 33'))).toEqual([{ type: 'frame', apdu: hex('06 0F 00') }]);
	});
});
