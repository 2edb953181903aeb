import { describe, expect, it } from 'vitest';
import {
	decodeFeigInventory,
	decodeFeigReadBlocks,
	decodeFeigRequest,
	decodeFeigResponse,
	decodeFeigSystemInfo,
	encodeFeigInventoryData,
	encodeFeigIsoRequest,
	encodeFeigReadBlocksData,
	encodeFeigRequest,
	encodeFeigResponse,
	encodeFeigSystemInfoData,
	FeigCommand,
	feigIsoErrorCode,
	FeigStatus,
	feigStatusCarriesData,
	feigStatusName,
	parseFeigIsoRequest,
	reverseEachBlock,
	type FeigIsoRequest
} from './feig-isc-protocol';
import { crc16Mcrf4xx } from './crc16';
import { bytesToHex, hexToBytes } from './iso15693';

const hex = (bytes: Uint8Array): string => bytesToHex(bytes, ' ');
const none = new Uint8Array(0);

describe('FEIG ISC advanced frames: reference sheet vectors', () => {
	it('02 00 08 FF 52 00 4A C3: baud detect, broadcast', () => {
		expect(hex(encodeFeigRequest({ address: 0xff, command: FeigCommand.baudRateDetection, data: Uint8Array.of(0x00) }))).toBe('02 00 08 FF 52 00 4A C3');
	});

	it('02 00 08 00 52 00 B9 05: its reply, status 00, no data', () => {
		const reply = decodeFeigResponse(hexToBytes('02 00 08 00 52 00 B9 05'));
		expect(reply).toEqual({ address: 0x00, command: 0x52, status: FeigStatus.ok, data: none });
		expect(hex(encodeFeigResponse(reply))).toBe('02 00 08 00 52 00 B9 05');
	});

	it('02 00 07 FF 65 6E 61: software version', () => {
		expect(hex(encodeFeigRequest({ address: 0xff, command: FeigCommand.softwareVersion, data: none }))).toBe('02 00 07 FF 65 6E 61');
		expect(decodeFeigRequest(hexToBytes('02 00 07 FF 65 6E 61'))).toEqual({ address: 0xff, command: 0x65, data: none });
	});

	it('reader-info reply decodes to status 00 and its 11 data bytes', () => {
		const reply = decodeFeigResponse(hexToBytes('02 00 13 00 66 00 02 06 00 0B 4D 00 09 01 18 02 00 95 96'));
		expect(reply.command).toBe(FeigCommand.readerInfo);
		expect(reply.status).toBe(0);
		expect(hex(reply.data)).toBe('02 06 00 0B 4D 00 09 01 18 02 00');
	});

	it('02 00 09 FF B0 01 00 18 43: inventory, mode 00', () => {
		const request: FeigIsoRequest = { kind: 'inventory', more: false };
		expect(hex(encodeFeigIsoRequest(request, 0xff))).toBe('02 00 09 FF B0 01 00 18 43');
		expect(parseFeigIsoRequest(decodeFeigRequest(hexToBytes('02 00 09 FF B0 01 00 18 43')))).toEqual(request);
	});

	it('read 10 blocks from block 0 of E004010046707A28', () => {
		const vector = '02 00 13 00 B0 23 01 E0 04 01 00 46 70 7A 28 00 0A 88 BF';
		const request: FeigIsoRequest = { kind: 'read-blocks', uid: 'E004010046707A28', firstBlock: 0, blockCount: 10 };
		expect(hex(encodeFeigIsoRequest(request, 0x00))).toBe(vector);
		expect(parseFeigIsoRequest(decodeFeigRequest(hexToBytes(vector)))).toEqual(request);
	});

	it('inventory reply with status 83 still yields its three ISO 15693 records', () => {
		const reply = decodeFeigResponse(
			hexToBytes('02 00 27 00 B0 83 03 03 00 E0 04 01 50 33 09 CE 74 03 00 E0 04 01 00 46 70 7A 28 03 00 E0 04 01 50 0B 21 97 24 78 C9')
		);
		expect(reply.status).toBe(0x83);
		expect(feigStatusName(reply.status)).toBe('rfCommunicationError');
		expect(feigStatusCarriesData(reply.status)).toBe(true);
		const inventory = decodeFeigInventory(reply);
		expect(inventory.moreData).toBe(false);
		expect(inventory.records).toEqual([
			{ transponderType: 3, dsfid: 0, uid: 'E00401503309CE74' },
			{ transponderType: 3, dsfid: 0, uid: 'E004010046707A28' },
			{ transponderType: 3, dsfid: 0, uid: 'E00401500B219724' }
		]);
		expect(hex(encodeFeigInventoryData(inventory.records))).toBe(hex(reply.data));
	});

	it('known-bad vectors: 02 00 08 FF 66 00 4A C4 fails its CRC (88 12 is right)', () => {
		expect(() => decodeFeigRequest(hexToBytes('02 00 08 FF 66 00 4A C4'))).toThrow(/CRC/);
		expect(decodeFeigRequest(hexToBytes('02 00 08 FF 66 00 88 12'))).toEqual({ address: 0xff, command: 0x66, data: Uint8Array.of(0) });
	});

	it('known-bad vectors: 02 00 13 00 B0 01 00 22 7E has a right CRC but is not a frame', () => {
		const bytes = hexToBytes('02 00 13 00 B0 01 00 22 7E');
		expect(crc16Mcrf4xx(bytes.subarray(0, 7))).toBe(0x7e22);
		expect(() => decodeFeigRequest(bytes)).toThrow(/ALEN/);
	});
});

describe('FEIG ISO host command codecs', () => {
	const uid = 'E004015000000001';

	it('write multiple blocks sends every 4-byte block byte-reversed and parses back to tag order', () => {
		const request: FeigIsoRequest = { kind: 'write-blocks', uid, firstBlock: 2, blockSize: 4, data: hexToBytes('11 22 33 44 55 66 77 88') };
		const frame = encodeFeigIsoRequest(request, 0xff);
		expect(hex(frame.subarray(5, frame.length - 2))).toBe('24 01 E0 04 01 50 00 00 00 01 02 02 04 44 33 22 11 88 77 66 55');
		expect(parseFeigIsoRequest(decodeFeigRequest(frame))).toEqual(request);
	});

	it('write single block, write AFI and system information carry mode 01 and the UID MSB first', () => {
		const cases: [FeigIsoRequest, string][] = [
			[{ kind: 'write-block', uid, block: 5, data: hexToBytes('01 02 03 04') }, '21 01 E0 04 01 50 00 00 00 01 05 04 04 03 02 01'],
			[{ kind: 'write-afi', uid, afi: 0xc2 }, '27 01 E0 04 01 50 00 00 00 01 C2'],
			[{ kind: 'system-info', uid }, '2B 01 E0 04 01 50 00 00 00 01'],
			[{ kind: 'inventory', more: true, afi: 0x07 }, '01 90 07']
		];
		for (const [request, data] of cases) {
			const frame = encodeFeigIsoRequest(request, 0xff);
			expect(frame[4]).toBe(FeigCommand.isoHostCommand);
			expect(hex(frame.subarray(5, frame.length - 2))).toBe(data);
			expect(parseFeigIsoRequest(decodeFeigRequest(frame))).toEqual(request);
		}
	});

	it('NXP EAS goes out as B1 with manufacturer code 04', () => {
		for (const [action, code] of [
			['set', 'A2'],
			['reset', 'A3'],
			['alarm', 'A5']
		] as const) {
			const frame = encodeFeigIsoRequest({ kind: 'nxp-eas', uid, action }, 0xff);
			expect(frame[4]).toBe(FeigCommand.manufacturerCommand);
			expect(hex(frame.subarray(5, frame.length - 2))).toBe(`04 ${code} 01 E0 04 01 50 00 00 00 01`);
			expect(parseFeigIsoRequest(decodeFeigRequest(frame))).toEqual({ kind: 'nxp-eas', uid, action });
		}
	});

	it('read-blocks reply: security byte + reversed block, returned in tag order', () => {
		const data = hexToBytes('02 04 00 44 33 22 11 01 88 77 66 55');
		const blocks = decodeFeigReadBlocks({ address: 0, command: 0xb0, status: 0, data });
		expect(blocks.blockSize).toBe(4);
		expect(blocks.security).toEqual([0, 1]);
		expect(hex(blocks.data)).toBe('11 22 33 44 55 66 77 88');
		expect(hex(encodeFeigReadBlocksData(blocks))).toBe(hex(data));
	});

	it('read-blocks reply that does not add up is a decode error', () => {
		expect(() => decodeFeigReadBlocks({ address: 0, command: 0xb0, status: 0, data: hexToBytes('03 04 00 44 33 22 11') })).toThrow(/does not hold/);
	});

	it('system information: DSFID UID AFI MEM-SIZE (size−1 first) IC-REF', () => {
		const info = { dsfid: 0x3e, uid, afi: 0x07, blockCount: 28, blockSize: 4, icReference: 0x01 };
		const data = encodeFeigSystemInfoData(info);
		expect(hex(data)).toBe('3E E0 04 01 50 00 00 00 01 07 03 1B 01');
		expect(decodeFeigSystemInfo({ address: 0, command: 0xb0, status: 0, data })).toEqual(info);
	});

	it('status 95 carries the tag ISO error; status 94 means more inventory data', () => {
		expect(feigIsoErrorCode({ address: 0, command: 0xb0, status: 0x95, data: Uint8Array.of(0x10) })).toBe(0x10);
		expect(feigIsoErrorCode({ address: 0, command: 0xb0, status: 0x03, data: Uint8Array.of(0x10) })).toBeUndefined();
		const more = decodeFeigInventory({ address: 0, command: 0xb0, status: 0x94, data: encodeFeigInventoryData([{ transponderType: 3, dsfid: 0, uid }]) });
		expect(more.moreData).toBe(true);
		expect(more.records).toHaveLength(1);
	});

	it('inventory status 01 is an empty field; an unknown transponder type stops the parse', () => {
		expect(decodeFeigInventory({ address: 0, command: 0xb0, status: 0x01, data: none }).records).toEqual([]);
		const mixed = decodeFeigInventory({ address: 0, command: 0xb0, status: 0, data: hexToBytes('02 03 00 E0 04 01 50 00 00 00 01 04 00 11 22 33 44') });
		expect(mixed.records.map((record) => record.uid)).toEqual([uid]);
		expect(mixed.unknownTransponderType).toBe(0x04);
	});

	it('reverseEachBlock refuses partial blocks', () => {
		expect(hex(reverseEachBlock(hexToBytes('01 02 03 04 05 06 07 08'), 4))).toBe('04 03 02 01 08 07 06 05');
		expect(() => reverseEachBlock(hexToBytes('01 02 03'), 4)).toThrow(RangeError);
	});
});
