import { describe, expect, it } from 'vitest';
import type { ByteLink } from '../transport/byte-link';
import { createMemoryLinkPair } from '../transport/memory-link';
import { bytesToHex, hexToBytes } from './iso15693';
import { RfidPadSimulator } from './rfid-pad-simulator';
import type { RfidProtocol } from './rfid-reader';

/** Sends raw bytes to a simulator and returns its raw answer, as a technician's serial terminal would see it. */
async function exchange(protocol: RfidProtocol, request: string, prepare: (simulator: RfidPadSimulator) => void = () => {}): Promise<string> {
	const [driverSide, deviceSide] = createMemoryLinkPair('terminal');
	const simulator = new RfidPadSimulator(protocol);
	prepare(simulator);
	simulator.attach(deviceSide);
	const answer = nextChunk(driverSide);
	await driverSide.write(hexToBytes(request));
	const bytes = await answer;
	await driverSide.close();
	return bytesToHex(bytes, ' ');
}

function nextChunk(link: ByteLink): Promise<Buffer> {
	return new Promise((resolve) => link.once('data', resolve));
}

describe('simulators speak the bytes of the reference sheet', () => {
	it('FEIG: baud detect 02 00 08 FF 52 00 4A C3 -> 02 00 08 00 52 00 B9 05', async () => {
		expect(await exchange('feig', '02 00 08 FF 52 00 4A C3')).toBe('02 00 08 00 52 00 B9 05');
	});

	it('FEIG: reader info (corrected frame 02 00 08 FF 66 00 88 12) -> the sheet reply', async () => {
		expect(await exchange('feig', '02 00 08 FF 66 00 88 12')).toBe('02 00 13 00 66 00 02 06 00 0B 4D 00 09 01 18 02 00 95 96');
	});

	it('FEIG: inventory 02 00 09 FF B0 01 00 18 43 with the sheet three tags -> the sheet records (status 00)', async () => {
		const answer = await exchange('feig', '02 00 09 FF B0 01 00 18 43', (simulator) => {
			for (const uid of ['E00401503309CE74', 'E004010046707A28', 'E00401500B219724']) simulator.place({ uid });
		});
		expect(answer.slice(0, 17)).toBe('02 00 27 00 B0 00');
		expect(answer.slice(18, -6)).toBe('03 03 00 E0 04 01 50 33 09 CE 74 03 00 E0 04 01 00 46 70 7A 28 03 00 E0 04 01 50 0B 21 97 24');
	});

	it('FEIG: an empty pad answers the inventory with status 01, no transponder', async () => {
		const answer = await exchange('feig', '02 00 09 FF B0 01 00 18 43');
		expect(answer.slice(0, 17)).toBe('02 00 08 00 B0 01');
	});

	it('3M: version probe D5 00 05 04 00 11 8C 66 -> D5 00 09 04 00 11 0A 05 02 1B 97 2A', async () => {
		expect(await exchange('3m', 'D5 00 05 04 00 11 8C 66')).toBe('D5 00 09 04 00 11 0A 05 02 1B 97 2A');
	});

	it('3M: inventory D6 00 05 FE 00 05 FA 40 lists bare UIDs after status, AFI, options, count', async () => {
		const answer = await exchange('3m', 'D6 00 05 FE 00 05 FA 40', (simulator) => simulator.place({ uid: 'E00401003123AA26' }));
		expect(answer.slice(0, -6)).toBe('D6 00 0F FE 00 00 05 01 E0 04 01 00 31 23 AA 26');
	});

	it('answers after line garbage, and ignores frames with a bad CRC', async () => {
		expect(await exchange('feig', 'FF 00 02 13 02 00 08 FF 52 00 4A C4 02 00 08 FF 52 00 4A C3')).toBe('02 00 08 00 52 00 B9 05');
	});
});

describe('simulated pad', () => {
	it('keeps tags live, and failure knobs count down', () => {
		const simulator = new RfidPadSimulator('feig');
		const tag = simulator.place({ uid: 'e004015000000001', blockCount: 2 });
		expect(simulator.tag('E004015000000001')).toBe(tag);
		expect(tag.memory).toHaveLength(8);
		expect(() => simulator.place({ uid: 'E004015000000002', memory: new Uint8Array(5) })).toThrow(/whole/);
		expect(simulator.remove('E004015000000001')).toBe(true);
		expect(simulator.tags).toEqual([]);
	});
});
