import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { hexToBytes } from './iso15693';
import { RfidPadDriver, type PresentTag } from './rfid-pad';
import { nxpUid, RfidPadSimulator } from './rfid-pad-simulator';
import { rfidSerialSettings } from './rfid-reader';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

describe('FEIG pad over a real SerialPort on a socat pty pair', () => {
	it('sees five tags placed on the simulator and writes + reads back an AFI', async () => {
		const pty = await openPtyPair();
		cleanup.push(() => pty.close());
		const simulator = new RfidPadSimulator('feig');
		const deviceLink = await serialLinkOpener({ path: pty.devicePath, ...rfidSerialSettings.feig }).open();
		cleanup.push(() => deviceLink.close());
		simulator.attach(deviceLink);

		const pad = new RfidPadDriver(serialLinkOpener({ path: pty.driverPath, ...rfidSerialSettings.feig }), 'feig', { pollIntervalMs: 20 });
		cleanup.push(() => pad.stop());
		const uids = [1, 2, 3, 4, 5].map(nxpUid);
		const memory = hexToBytes('11 01 01 31 30 30 30 30 30 30 31 33 36 00 00 00 00 00 00 36 15 44 4B 37 31 38 35 30 30 00 00 00');
		const present = new Promise<PresentTag[]>((resolve) => {
			const seen: PresentTag[] = [];
			pad.on('tag-present', (tag) => {
				seen.push(tag);
				if (seen.length === uids.length) resolve(seen);
			});
		});
		const ready = new Promise<void>((resolve) => pad.on('state', (state) => state.status === 'ready' && resolve()));
		pad.start();
		await ready;
		for (const uid of uids) simulator.place({ uid, afi: 0x07, memory });

		const tags = await present;
		expect(tags.map((tag) => tag.uid).sort()).toEqual(uids);
		for (const tag of tags) {
			expect(tag.afi).toBe(0x07);
			expect(tag.memory).toEqual(memory);
		}

		const result = await pad.writeAfi(uids[2] ?? '', 0xc2);
		expect(result).toMatchObject({ matched: true, readBack: 0xc2 });
		expect(simulator.tag(uids[2] ?? '')?.afi).toBe(0xc2);
		expect(simulator.tag(uids[1] ?? '')?.afi).toBe(0x07);
	});
});
