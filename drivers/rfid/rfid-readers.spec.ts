import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLinkPair, type MemoryLink } from '../transport/memory-link';
import { BibliothecaReader } from './bibliotheca-reader';
import { FeigReader } from './feig-reader';
import { hexToBytes } from './iso15693';
import { nxpUid, RfidPadSimulator } from './rfid-pad-simulator';
import { RfidError, type RfidErrorKind, type RfidProtocol, type RfidReader } from './rfid-reader';

const open: RfidReader[] = [];
afterEach(async () => {
	for (const reader of open.splice(0)) await reader.close();
});

function setUp(protocol: RfidProtocol, options: { commandTimeoutMs?: number; maxTagsPerInventory?: number } = {}): {
	reader: RfidReader;
	simulator: RfidPadSimulator;
	driverSide: MemoryLink;
	deviceSide: MemoryLink;
} {
	const [driverSide, deviceSide] = createMemoryLinkPair(`${protocol} pad`);
	const simulator = new RfidPadSimulator(protocol, options.maxTagsPerInventory === undefined ? {} : { maxTagsPerInventory: options.maxTagsPerInventory });
	simulator.attach(deviceSide);
	const readerOptions = { commandTimeoutMs: options.commandTimeoutMs ?? 500 };
	const reader = protocol === 'feig' ? new FeigReader(driverSide, readerOptions) : new BibliothecaReader(driverSide, readerOptions);
	open.push(reader);
	return { reader, simulator, driverSide, deviceSide };
}

async function failure(promise: Promise<unknown>): Promise<RfidError> {
	const error: unknown = await promise.then(
		() => null,
		(rejection: unknown) => rejection
	);
	if (!(error instanceof RfidError)) throw new Error(`expected an RfidError, got ${String(error)}`);
	return error;
}

const memory = hexToBytes('11 01 01 31 31 32 32 33 33 34 34 00 00 00 00 00 00 00 00 51 3E 44 45 37 30 35 00 00 00 00 00 00');

/** What each reader family reports for an addressed tag that has left the field. */
const goneTag: Record<RfidProtocol, RfidErrorKind> = { feig: 'no-tag', '3m': 'no-response' };

describe.each(['feig', '3m'] as const)('%s reader against its simulator', (protocol) => {
	it('identifies itself', async () => {
		const { reader } = setUp(protocol);
		const identity = await reader.identify();
		expect(identity.protocol).toBe(protocol);
		expect(identity.firmware).toMatch(/^[0-9A-F]{8,}$/);
	});

	it('inventories several tags, and an empty pad as an empty list', async () => {
		const { reader, simulator } = setUp(protocol);
		expect(await reader.inventory()).toEqual([]);
		const uids = [1, 2, 3, 4, 5].map(nxpUid);
		for (const uid of uids) simulator.place({ uid, dsfid: 0x3e });
		const tags = await reader.inventory();
		expect(tags.map((tag) => tag.uid).sort()).toEqual(uids);
		if (protocol === 'feig') expect(tags.every((tag) => tag.dsfid === 0x3e)).toBe(true);
	});

	it('reads system information and blocks in tag memory order', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(7);
		simulator.place({ uid, afi: 0xc2, dsfid: 0x3e, memory });
		expect(await reader.readSystemInfo(uid)).toMatchObject({ uid, afi: 0xc2, dsfid: 0x3e, blockCount: 8, blockSize: 4 });
		expect(await reader.readBlocks(uid, 0, 8)).toEqual(memory);
		expect(await reader.readBlocks(uid, 5, 2)).toEqual(memory.subarray(20, 28));
	});

	it('writes blocks into the tag', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(8);
		simulator.place({ uid, blockCount: 8 });
		await reader.writeBlocks(uid, 2, hexToBytes('01 02 03 04 05 06 07 08'), 4);
		expect(simulator.tag(uid)?.memory.subarray(8, 16)).toEqual(hexToBytes('01 02 03 04 05 06 07 08'));
		expect(await reader.readBlocks(uid, 2, 2)).toEqual(hexToBytes('01 02 03 04 05 06 07 08'));
	});

	it('writes the AFI, and reads it back from the tag', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(9);
		simulator.place({ uid, afi: 0x07 });
		await reader.writeAfi(uid, 0xc2);
		expect(simulator.tag(uid)?.afi).toBe(0xc2);
		expect(await reader.readAfi(uid)).toBe(0xc2);
	});

	it('sets and resets EAS', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(10);
		simulator.place({ uid, eas: false });
		expect(await reader.readEas(uid)).toBe(false);
		await reader.setEas(uid, true);
		expect(simulator.tag(uid)?.eas).toBe(true);
		expect(await reader.readEas(uid)).toBe(true);
		await reader.setEas(uid, false);
		expect(simulator.tag(uid)?.eas).toBe(false);
		expect(await reader.readEas(uid)).toBe(false);
	});

	it('reports a tag that was taken away', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(11);
		simulator.place({ uid });
		expect(await reader.readAfi(uid)).toBe(0x07);
		simulator.remove(uid);
		expect((await failure(reader.readAfi(uid))).kind).toBe(goneTag[protocol]);
		expect((await failure(reader.writeAfi(uid, 0xc2))).kind).toBe(goneTag[protocol]);
		expect((await failure(reader.readEas(uid))).kind).toBe(goneTag[protocol]);
	});

	it('reports a failed write with the reader status and leaves the tag as it was', async () => {
		const { reader, simulator } = setUp(protocol);
		const uid = nxpUid(12);
		simulator.place({ uid, afi: 0x07 });
		simulator.failNextWrite(uid);
		const error = await failure(reader.writeAfi(uid, 0xc2));
		expect(error.readerStatus).toBe(protocol === 'feig' ? 0x03 : 0x06);
		expect(simulator.tag(uid)?.afi).toBe(0x07);
		await reader.writeAfi(uid, 0xc2);
		expect(simulator.tag(uid)?.afi).toBe(0xc2);
	});

	it('times out when the reader stays silent, then works again when it answers', async () => {
		const { reader, simulator } = setUp(protocol, { commandTimeoutMs: 40 });
		simulator.silent = true;
		const error = await failure(reader.inventory());
		expect(error.kind).toBe('timeout');
		simulator.silent = false;
		simulator.place({ uid: nxpUid(13) });
		expect((await reader.inventory()).map((tag) => tag.uid)).toEqual([nxpUid(13)]);
	});

	it('sends one command at a time: the next request only leaves after the previous reply', async () => {
		const { reader, simulator, driverSide, deviceSide } = setUp(protocol);
		const uid = nxpUid(14);
		simulator.place({ uid, memory });
		let repliesDelivered = 0;
		driverSide.on('data', () => repliesDelivered++);
		const repliesDeliveredWhenRequestArrived: number[] = [];
		deviceSide.prependListener('data', () => repliesDeliveredWhenRequestArrived.push(repliesDelivered));
		const [tags, afi, blocks] = await Promise.all([reader.inventory(), reader.readAfi(uid), reader.readBlocks(uid, 0, 2)]);
		expect(tags.map((tag) => tag.uid)).toEqual([uid]);
		expect(afi).toBe(0x07);
		expect(blocks).toEqual(memory.subarray(0, 8));
		expect(repliesDeliveredWhenRequestArrived).toEqual([0, 1, 2]);
	});

	it('fails pending and later commands with link-lost when the cable is pulled', async () => {
		const { reader, simulator, driverSide } = setUp(protocol);
		simulator.silent = true;
		const pending = failure(reader.inventory());
		driverSide.unplug();
		expect((await pending).kind).toBe('link-lost');
		expect((await failure(reader.inventory())).kind).toBe('link-lost');
		expect(reader.isOpen).toBe(false);
	});
});

describe('FEIG specifics', () => {
	it('follows "more data" (status 94) until every tag is listed', async () => {
		const { reader, simulator } = setUp('feig', { maxTagsPerInventory: 2 });
		const uids = [1, 2, 3, 4, 5].map(nxpUid);
		for (const uid of uids) simulator.place({ uid });
		expect((await reader.inventory()).map((tag) => tag.uid).sort()).toEqual(uids);
	});

	it('falls back to single-block writes when the chip refuses write-multiple', async () => {
		const { reader, simulator } = setUp('feig');
		const uid = nxpUid(20);
		simulator.place({ uid, blockCount: 4, supportsWriteMultiple: false });
		await reader.writeBlocks(uid, 1, hexToBytes('AA BB CC DD 01 02 03 04'), 4);
		expect(simulator.tag(uid)?.memory).toEqual(hexToBytes('00 00 00 00 AA BB CC DD 01 02 03 04 00 00 00 00'));
	});

	it('reports a tag error with its ISO error code (block out of range)', async () => {
		const { reader, simulator } = setUp('feig');
		const uid = nxpUid(21);
		simulator.place({ uid, blockCount: 4 });
		const error = await failure(reader.readBlocks(uid, 3, 2));
		expect(error).toMatchObject({ kind: 'reader-error', readerStatus: 0x95, isoError: 0x10 });
	});

	it('reads EAS as off for a non-NXP tag that ignores the NXP command but is present', async () => {
		const { reader, simulator } = setUp('feig');
		simulator.place({ uid: 'E007000012345678' });
		expect(await reader.readEas('E007000012345678')).toBe(false);
	});
});
