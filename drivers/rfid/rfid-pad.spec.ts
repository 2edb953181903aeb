import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLinkOpener } from '../transport/memory-link';
import { hexToBytes } from './iso15693';
import { RfidPadDriver, type PresentTag, type RfidPadEvents, type RfidPadOptions, type RfidPadState } from './rfid-pad';
import { nxpUid, RfidPadSimulator } from './rfid-pad-simulator';
import type { RfidProtocol } from './rfid-reader';

const fast: RfidPadOptions = { pollIntervalMs: 5, commandTimeoutMs: 100, reconnectDelayMs: 5, maxReconnectDelayMs: 40, missedPollsBeforeRemoved: 1 };

const running: RfidPadDriver[] = [];
afterEach(async () => {
	for (const pad of running.splice(0)) await pad.stop();
});

function setUp(protocol: RfidProtocol, options: RfidPadOptions = {}): { pad: RfidPadDriver; simulator: RfidPadSimulator; opener: MemoryLinkOpener } {
	const simulator = new RfidPadSimulator(protocol);
	const opener = new MemoryLinkOpener(`${protocol} pad`, (deviceSide) => simulator.attach(deviceSide));
	const pad = new RfidPadDriver(opener, protocol, { ...fast, ...options });
	running.push(pad);
	return { pad, simulator, opener };
}

function next<K extends keyof RfidPadEvents>(pad: RfidPadDriver, event: K, matches: (...args: RfidPadEvents[K]) => boolean = () => true): Promise<RfidPadEvents[K]> {
	return new Promise((resolve) => {
		const listener = (...args: RfidPadEvents[K]): void => {
			if (!matches(...args)) return;
			(pad.off as (event: K, listener: (...args: RfidPadEvents[K]) => void) => void)(event, listener);
			resolve(args);
		};
		(pad.on as (event: K, listener: (...args: RfidPadEvents[K]) => void) => void)(event, listener);
	});
}

async function state(pad: RfidPadDriver, status: RfidPadState['status']): Promise<RfidPadState> {
	if (pad.state.status === status) return pad.state;
	const [reached] = await next(pad, 'state', (s) => s.status === status);
	return reached;
}

function collect(pad: RfidPadDriver, count: number): Promise<PresentTag[]> {
	const tags: PresentTag[] = [];
	return new Promise((resolve) => {
		const listener = (tag: PresentTag): void => {
			tags.push(tag);
			if (tags.length < count) return;
			pad.off('tag-present', listener);
			resolve(tags);
		};
		pad.on('tag-present', listener);
	});
}

const ddmMemory = hexToBytes('11 01 01 31 31 32 32 33 33 34 34 00 00 00 00 00 00 00 00 51 3E 44 45 37 30 35 00 00 00 00 00 00');

describe.each(['feig', '3m'] as const)('RfidPadDriver (%s)', (protocol) => {
	it('reports tags as they are placed, with AFI, EAS and memory, and as they are taken', async () => {
		const { pad, simulator } = setUp(protocol, { maxBlocksPerRead: 3 });
		pad.start();
		const ready = await state(pad, 'ready');
		expect(ready.identity?.protocol).toBe(protocol);

		const first = next(pad, 'tag-present');
		simulator.place({ uid: nxpUid(1), afi: 0x07, eas: true, memory: ddmMemory });
		const [tag] = await first;
		expect(tag).toMatchObject({ uid: nxpUid(1), afi: 0x07, eas: true, blockSize: 4, blockCount: 8 });
		expect(tag.memory).toEqual(ddmMemory);

		const more = collect(pad, 2);
		simulator.place({ uid: nxpUid(2), afi: 0xc2 });
		simulator.place({ uid: nxpUid(3), afi: 0xc2 });
		expect((await more).map((t) => t.uid).sort()).toEqual([nxpUid(2), nxpUid(3)]);
		expect(pad.presentTags).toHaveLength(3);

		const removed = next(pad, 'tag-removed');
		simulator.remove(nxpUid(2));
		expect((await removed)[0]).toEqual({ uid: nxpUid(2) });
		expect(pad.presentTags.map((t) => t.uid).sort()).toEqual([nxpUid(1), nxpUid(3)]);
	});

	it('writes the AFI and confirms it by reading it back', async () => {
		const { pad, simulator } = setUp(protocol);
		const uid = nxpUid(4);
		simulator.place({ uid, afi: 0x07 });
		const present = next(pad, 'tag-present');
		pad.start();
		await present;
		const result = await pad.writeAfi(uid, 0xc2);
		expect(result).toEqual({ uid, requested: 0xc2, readBack: 0xc2, matched: true, attempts: 1, error: null });
		expect(simulator.tag(uid)?.afi).toBe(0xc2);
		expect(pad.presentTags.find((t) => t.uid === uid)?.afi).toBe(0xc2);
	});

	it('reports a read-back mismatch when the write fails', async () => {
		const { pad, simulator } = setUp(protocol, { writeAttempts: 1 });
		const uid = nxpUid(5);
		simulator.place({ uid, afi: 0x07 });
		const present = next(pad, 'tag-present');
		pad.start();
		await present;
		simulator.failNextWrite(uid);
		const result = await pad.writeAfi(uid, 0xc2);
		expect(result).toMatchObject({ matched: false, readBack: 0x07, attempts: 1 });
		expect(result.error?.readerStatus).toBe(protocol === 'feig' ? 0x03 : 0x06);
		expect(simulator.tag(uid)?.afi).toBe(0x07);
	});

	it('retries a failed or silently ignored write until the read-back matches', async () => {
		const { pad, simulator } = setUp(protocol, { writeAttempts: 3 });
		const uid = nxpUid(6);
		simulator.place({ uid, afi: 0x07 });
		const present = next(pad, 'tag-present');
		pad.start();
		await present;
		simulator.failNextWrite(uid);
		expect(await pad.writeAfi(uid, 0xc2)).toMatchObject({ matched: true, readBack: 0xc2, attempts: 2, error: null });
		simulator.ignoreNextWrite(uid, 3);
		const ignored = await pad.writeAfi(uid, 0x07);
		expect(ignored).toMatchObject({ matched: false, readBack: 0xc2, attempts: 3 });
		expect(ignored.error?.kind).toBe('reader-error');
	});

	it('sets and resets EAS with read-back', async () => {
		const { pad, simulator } = setUp(protocol);
		const uid = nxpUid(7);
		simulator.place({ uid, eas: true });
		const present = next(pad, 'tag-present');
		pad.start();
		expect((await present)[0].eas).toBe(true);
		expect(await pad.setEas(uid, false)).toMatchObject({ matched: true, readBack: false });
		expect(simulator.tag(uid)?.eas).toBe(false);
		simulator.failNextWrite(uid, 5);
		expect(await pad.setEas(uid, true)).toMatchObject({ matched: false, readBack: false, attempts: 3 });
		expect(simulator.tag(uid)?.eas).toBe(false);
	});

	it('goes disconnected on an unplug, forgets the tags, and comes back by itself', async () => {
		const { pad, simulator, opener } = setUp(protocol);
		const uid = nxpUid(8);
		simulator.place({ uid });
		const present = next(pad, 'tag-present');
		pad.start();
		await present;

		const removed = next(pad, 'tag-removed');
		const down = next(pad, 'state', (s) => s.status === 'disconnected');
		opener.unplug();
		const [disconnected] = await down;
		expect(disconnected.reason).toMatch(/disconnected|link lost/);
		expect((await removed)[0].uid).toBe(uid);
		const [retry] = await next(pad, 'state', (s) => s.status === 'disconnected' && /no such device/.test(s.reason ?? ''));
		expect(retry.reason).toMatch(/cannot open/);
		expect(await pad.writeAfi(uid, 0xc2)).toMatchObject({ matched: false, attempts: 0, error: { kind: 'link-lost' } });

		const back = next(pad, 'tag-present');
		opener.plugIn();
		await state(pad, 'ready');
		expect((await back)[0].uid).toBe(uid);
	});

	it('a missing reader stays disconnected with a reason until it appears', async () => {
		const { pad, opener } = setUp(protocol);
		opener.plugged = false;
		pad.start();
		const [down] = await next(pad, 'state', (s) => s.status === 'disconnected');
		expect(down.reason).toMatch(/no such device/);
		const [connecting] = await next(pad, 'state', (s) => s.status === 'connecting');
		expect(connecting.reason).toMatch(/no such device/);
		opener.plugIn();
		expect((await state(pad, 'ready')).reason).toBeNull();
	});

	it('a reader that does not answer is not "ready"; the link is reopened until it does', async () => {
		const { pad, simulator } = setUp(protocol, { commandTimeoutMs: 20 });
		simulator.silent = true;
		pad.start();
		const [down] = await next(pad, 'state', (s) => s.status === 'disconnected');
		expect(down.reason).toMatch(/no reader answering.*no reply within 20 ms/);
		simulator.silent = false;
		await state(pad, 'ready');
	});
});

describe('RfidPadDriver robustness', () => {
	it('a reader that falls silent while ready counts as lost after a few timeouts', async () => {
		const { pad, simulator } = setUp('feig', { commandTimeoutMs: 20, timeoutsBeforeLost: 2 });
		pad.start();
		await state(pad, 'ready');
		simulator.silent = true;
		const [down] = await next(pad, 'state', (s) => s.status === 'disconnected');
		expect(down.reason).toMatch(/stopped answering \(2 timeouts\)/);
	});

	it('a tag whose memory cannot be read is reported unreadable once, and removed when it leaves', async () => {
		const { pad, simulator } = setUp('feig', { readAttemptsBeforeUnreadable: 2 });
		const uid = nxpUid(9);
		simulator.place({ uid, blockCount: 4 });
		simulator.failNextRead(uid, 1_000);
		let presentEvents = 0;
		pad.on('tag-present', () => presentEvents++);
		const unreadable = next(pad, 'tag-unreadable');
		pad.start();
		const [report] = await unreadable;
		expect(report.uid).toBe(uid);
		expect(report.error).toMatchObject({ kind: 'no-response', readerStatus: 0x83 });
		expect(presentEvents).toBe(0);
		const removed = next(pad, 'tag-removed');
		simulator.remove(uid);
		expect((await removed)[0].uid).toBe(uid);
	});

	it('a throwing listener does not stop the pad', async () => {
		const { pad, simulator } = setUp('3m');
		const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
		pad.once('tag-present', () => {
			throw new Error('listener bug');
		});
		simulator.place({ uid: nxpUid(10) });
		pad.start();
		expect((await warned).message).toBe('listener bug');
		const removed = next(pad, 'tag-removed');
		simulator.remove(nxpUid(10));
		expect((await removed)[0].uid).toBe(nxpUid(10));
	});

	it('stop() while a silent reader is being identified does not wait for the command timeout', async () => {
		const simulator = new RfidPadSimulator('feig');
		simulator.silent = true;
		let requestArrived: () => void = () => {};
		const identifying = new Promise<void>((resolve) => (requestArrived = resolve));
		const opener = new MemoryLinkOpener('feig pad', (deviceSide) => {
			simulator.attach(deviceSide);
			deviceSide.once('data', () => requestArrived());
		});
		const pad = new RfidPadDriver(opener, 'feig', { ...fast, commandTimeoutMs: 10_000 });
		pad.start();
		await identifying;
		const began = performance.now();
		await pad.stop();
		expect(performance.now() - began).toBeLessThan(1_000);
		expect(pad.state).toMatchObject({ status: 'disconnected', reason: 'stopped' });
		expect(opener.current?.isOpen).toBe(false);
	});

	it('stop() ends polling and leaves the pad disconnected', async () => {
		const { pad, opener } = setUp('feig');
		pad.start();
		await state(pad, 'ready');
		expect(opener.current?.isOpen).toBe(true);
		await pad.stop();
		expect(pad.state).toMatchObject({ status: 'disconnected', reason: 'stopped' });
		expect(opener.current?.isOpen).toBe(false);
	});
});
