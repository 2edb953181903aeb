import { describe, expect, it } from 'vitest';
import {
	D5_START,
	D6_START,
	D6Command,
	decodeD6AddressedReply,
	decodeD6Frame,
	decodeD6InventoryReply,
	decodeD6ReadBlocksFields,
	decodeD6TagInfoReply,
	decodeD6VersionReply,
	encodeD6AddressedReply,
	encodeD6Frame,
	encodeD6InventoryReply,
	encodeD6ReadBlocksReply,
	encodeD6Request,
	encodeD6TagInfoReply,
	encodeD6VersionReply,
	parseD6Request,
	type D6Request
} from './bibliotheca-d6-protocol';
import { bytesToHex, hexToBytes } from './iso15693';

const hex = (bytes: Uint8Array): string => bytesToHex(bytes, ' ');

describe('3M / Bibliotheca D6 frames: reference sheet vectors', () => {
	const vectors = [
		['D6 00 09 03 00 02 00 00 00 03 12 E6', D6_START, 0x03, '00 02 00 00 00 03'],
		['D5 00 05 04 00 11 8C 66', D5_START, 0x04, '00 11'],
		['D5 00 09 04 00 11 0A 05 02 1B 97 2A', D5_START, 0x04, '00 11 0A 05 02 1B'],
		['D6 00 10 13 06 01 00 02 00 03 00 04 00 0B 00 0A 00 FD BF', D6_START, 0x13, '06 01 00 02 00 03 00 04 00 0B 00 0A 00'],
		['D6 00 05 FE 00 05 FA 40', D6_START, 0xfe, '00 05']
	] as const;

	it.each(vectors)('%s decodes and re-encodes byte for byte', (vector, start, command, body) => {
		const frame = decodeD6Frame(hexToBytes(vector));
		expect(frame.start).toBe(start);
		expect(frame.command).toBe(command);
		expect(hex(frame.body)).toBe(body);
		expect(hex(encodeD6Frame(frame))).toBe(vector);
	});

	it('D6 00 05 FE 00 05 FA 40: inventory, AFI 00, options 05', () => {
		const request: D6Request = { kind: 'inventory', afi: 0, options: 5 };
		expect(hex(encodeD6Request(request))).toBe('D6 00 05 FE 00 05 FA 40');
		expect(parseD6Request(decodeD6Frame(hexToBytes('D6 00 05 FE 00 05 FA 40')))).toEqual(request);
	});

	it('D5 00 05 04 00 11 8C 66: version probe; its reply names vendor 0A (3M)', () => {
		expect(hex(encodeD6Request({ kind: 'version' }))).toBe('D5 00 05 04 00 11 8C 66');
		const reply = decodeD6VersionReply(decodeD6Frame(hexToBytes('D5 00 09 04 00 11 0A 05 02 1B 97 2A')));
		expect(reply.status).toBe(0);
		expect(reply.vendor).toBe(0x0a);
		expect(hex(reply.version)).toBe('0A 05 02 1B');
		expect(hex(encodeD6VersionReply(reply.version))).toBe('D5 00 09 04 00 11 0A 05 02 1B 97 2A');
	});

	it('known-bad vector D6 00 08 11 0A 05 02 19 E2 3B is refused', () => {
		expect(() => decodeD6Frame(hexToBytes('D6 00 08 11 0A 05 02 19 E2 3B'))).toThrow(/LEN/);
		// Even with the length fixed, its CRC is wrong.
		expect(() => decodeD6Frame(hexToBytes('D6 00 07 11 0A 05 02 19 E2 3B'))).toThrow(/CRC/);
	});
});

describe('D6 command codecs', () => {
	const uid = 'E00401003123AA26';

	it('addressed requests put the UID MSB first after the command', () => {
		const cases: [D6Request, string][] = [
			[{ kind: 'read-blocks', uid, firstBlock: 0, blockCount: 8 }, '02 E0 04 01 00 31 23 AA 26 00 08'],
			[{ kind: 'write-blocks', uid, firstBlock: 1, data: hexToBytes('11 22 33 44') }, '04 E0 04 01 00 31 23 AA 26 01 01 00 11 22 33 44'],
			[{ kind: 'get-afi', uid }, '0A E0 04 01 00 31 23 AA 26'],
			[{ kind: 'write-afi', uid, afi: 0xc2 }, '09 E0 04 01 00 31 23 AA 26 C2'],
			[{ kind: 'check-eas', uid }, '03 E0 04 01 00 31 23 AA 26'],
			[{ kind: 'eas-control', uid, on: true }, '0C E0 04 01 00 31 23 AA 26 01'],
			[{ kind: 'eas-control', uid, on: false }, '0C E0 04 01 00 31 23 AA 26 00'],
			[{ kind: 'tag-info', uid }, '0D E0 04 01 00 31 23 AA 26']
		];
		for (const [request, payload] of cases) {
			const frame = encodeD6Request(request);
			expect(hex(frame.subarray(3, frame.length - 2))).toBe(payload);
			expect(parseD6Request(decodeD6Frame(frame))).toEqual(request);
		}
	});

	it('inventory reply: bare UIDs (options 05) and DSFID + UID records are both read', () => {
		const bare = decodeD6InventoryReply(decodeD6Frame(encodeD6InventoryReply({ status: 0, afi: 0, options: 5, records: [{ uid }] })));
		expect(bare).toEqual({ status: 0, afi: 0, options: 5, records: [{ uid }] });
		const frame = encodeD6Frame({ command: D6Command.inventory, body: hexToBytes('00 00 05 02 3E E0 04 01 00 31 23 AA 26 00 E0 04 01 50 00 00 00 01') });
		expect(decodeD6InventoryReply(decodeD6Frame(frame)).records).toEqual([
			{ dsfid: 0x3e, uid },
			{ dsfid: 0x00, uid: 'E004015000000001' }
		]);
		const ragged = encodeD6Frame({ command: D6Command.inventory, body: hexToBytes('00 00 05 02 E0 04 01 00 31 23 AA 26') });
		expect(() => decodeD6InventoryReply(decodeD6Frame(ragged))).toThrow(/2 tags/);
	});

	it('read-blocks reply: COUNT {block number LE, 4 data bytes}', () => {
		const frame = decodeD6Frame(encodeD6ReadBlocksReply(uid, 3, hexToBytes('11 22 33 44 55 66 77 88')));
		const reply = decodeD6AddressedReply(frame);
		expect(reply.status).toBe(0);
		expect(reply.uid).toBe(uid);
		expect(hex(reply.fields)).toBe('02 03 00 11 22 33 44 04 00 55 66 77 88');
		expect(decodeD6ReadBlocksFields(reply.fields)).toEqual({ firstBlock: 3, data: hexToBytes('11 22 33 44 55 66 77 88') });
		expect(() => decodeD6ReadBlocksFields(hexToBytes('02 03 00 11 22 33 44 09 00 55 66 77 88'))).toThrow(/block 9/);
	});

	it('error replies may stop after the status byte', () => {
		expect(decodeD6AddressedReply(decodeD6Frame(encodeD6Frame({ command: 0x09, body: [0x06] })))).toEqual({ status: 6, fields: new Uint8Array(0) });
		expect(decodeD6AddressedReply(decodeD6Frame(encodeD6AddressedReply(0x09, 0x06, uid)))).toMatchObject({ status: 6, uid });
	});

	it('tag-info reply carries the ISO system-information fields', () => {
		const info = { uid, dsfid: 0, afi: 0x07, blockCount: 8, blockSize: 4, icReference: 1 };
		expect(decodeD6TagInfoReply(decodeD6Frame(encodeD6TagInfoReply(info)))).toEqual({ infoFlags: 0x0f, ...info });
	});
});
