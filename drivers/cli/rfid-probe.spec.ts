import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nxpUid, RfidPadSimulator, rfidSerialSettings } from '../rfid';
import { TAG_DATA_MODELS, USAGE_CLASS, type LibraryTagData, type TagDataModelName } from '../rfid/tag-data';
import type { ByteLink } from '../transport/byte-link';
import { openPtyPair } from '../transport/pty-pair';
import { serialLinkOpener } from '../transport/serial-link';
import { tcpLinkFromSocket } from '../transport/tcp-link';
import { runDevicesCli } from './devices-cli';
import { recordOutput } from './test-output';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

/** The simulator's default tag: 28 blocks of 4 bytes, as an ICODE SLIX. */
const BLOCK_SIZE = 4;
const BLOCK_COUNT = 28;

function encode(model: TagDataModelName, data: LibraryTagData): Uint8Array {
	const codec = TAG_DATA_MODELS[model];
	if (!codec.encode) throw new Error(`${model} cannot encode`);
	return codec.encode(data, BLOCK_SIZE, BLOCK_COUNT);
}

function danishDataModel(fields: Pick<LibraryTagData, 'primaryItemId' | 'typeOfUsage' | 'partNumber' | 'partsInSet' | 'ownerLibrary'>): LibraryTagData {
	return { model: 'iso28560-3', ...fields, extras: { blockOrder: 'canonical', partBytesSwapped: false, extensionBlocks: [], malformedExtensionArea: false } };
}

/** A simulated pad on the device end of a real pty pair; resolves with the path the CLI opens. */
async function padOnPty(protocol: 'feig' | '3m'): Promise<{ simulator: RfidPadSimulator; path: string; deviceSide: ByteLink }> {
	const pty = await openPtyPair();
	cleanup.push(() => pty.close());
	const simulator = new RfidPadSimulator(protocol);
	const deviceSide = await serialLinkOpener({ path: pty.devicePath, ...rfidSerialSettings[protocol] }).open();
	cleanup.push(() => deviceSide.close());
	simulator.attach(deviceSide);
	return { simulator, path: pty.driverPath, deviceSide };
}

const ITEM = nxpUid(0x101);
const PATRON_CARD = nxpUid(0x102);
const BLANK = nxpUid(0x103);

describe('npm run devices -- probe PORT --protocol feig|3m', () => {
	it('identifies a FEIG reader over a real pty and describes an item, a patron card and a blank tag, guessing the data model', async () => {
		const { simulator, path } = await padOnPty('feig');
		simulator.place({
			uid: ITEM,
			afi: 0x07,
			eas: true,
			memory: encode('iso28560-3', danishDataModel({ primaryItemId: '30001000000010', typeOfUsage: { usageClass: USAGE_CLASS.circulating }, partNumber: 2, partsInSet: 3, ownerLibrary: 'DK-718500' }))
		});
		simulator.place({
			uid: PATRON_CARD,
			afi: 0x00,
			memory: encode('iso28560-3', danishDataModel({ primaryItemId: '20001000000012', typeOfUsage: { usageClass: USAGE_CLASS.patronCard }, ownerLibrary: 'DK-718500' }))
		});
		simulator.place({ uid: BLANK, afi: 0xc2 });

		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', 'feig'], out)).toBe(0);

		expect(lines[0]).toBe(`reader: FEIG ISC on serial:${path}@38400, firmware 0305004D090300`);
		expect(lines[1]).toBe('3 tags on the reader:');
		const item = lines.findIndex((line) => line.startsWith(`${ITEM}:`));
		expect(lines[item]).toBe(`${ITEM}: AFI 07 (in library), EAS on, DSFID 00, 28 blocks of 4 bytes`);
		expect(lines[item + 1]).toBe('  data model iso28560-3 (guessed; --data-model sets it)');
		expect(lines[item + 2]).toBe('  primary item id 30001000000010, part 2 of 3, owner library DK-718500, type of usage circulating');
		const card = lines.findIndex((line) => line.startsWith(`${PATRON_CARD}:`));
		expect(lines[card]).toMatch(/AFI 00 \(other\), EAS off/);
		// The card number is masked as the kiosk's logs mask it: CLI output ends up in tickets.
		expect(lines[card + 2]).toBe('  patron card number **********0012 (masked), part 1 of 1, owner library DK-718500, type of usage patron card');
		expect(lines.join('\n')).not.toContain('20001000000012');
		const blank = lines.findIndex((line) => line.startsWith(`${BLANK}:`));
		expect(lines[blank]).toMatch(/AFI C2 \(on loan\)/);
		expect(lines[blank + 1]).toBe('  not decoded: blank (nothing written on the tag yet)');
		expect(lines).toHaveLength(2 + 3 + 3 + 2);
	});

	it('with a --data-model that does not fit, says why and which model would', async () => {
		const { simulator, path } = await padOnPty('feig');
		simulator.place({
			uid: ITEM,
			memory: encode('iso28560-3', danishDataModel({ primaryItemId: '30001000000010', typeOfUsage: { usageClass: USAGE_CLASS.circulating } }))
		});
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', 'feig', '--data-model', 'rfid501'], out)).toBe(0);
		expect(lines.slice(-2)).toEqual([
			'  not decoded as rfid501: unsupported-version: first byte 11, expected 04',
			"  it does decode as iso28560-3: if the library's tags are iso28560-3, use --data-model iso28560-3"
		]);
	});

	it('reports a DDM tag with a broken CRC as damaged, whether the model is guessed or given, without quoting its bytes', async () => {
		const { simulator, path } = await padOnPty('feig');
		const memory = encode('iso28560-3', danishDataModel({ primaryItemId: '30001000000010', typeOfUsage: { usageClass: USAGE_CLASS.circulating } }));
		// One flipped bit in the primary item id, as a write interrupted by lifting the item does.
		memory[5] = (memory[5] ?? 0) ^ 0x01;
		simulator.place({ uid: ITEM, memory });

		const guessed = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', 'feig'], guessed.out)).toBe(0);
		expect(guessed.lines.slice(3).join('\n')).toMatch(/crc/i);

		const given = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', 'feig', '--data-model', 'iso28560-3'], given.out)).toBe(0);
		expect(given.lines[3]).toBe('  not decoded as iso28560-3: crc: the stored checksum does not match (damaged or half-written tag, or another data model)');
		expect(given.lines.join('\n')).not.toMatch(/33 ?30 ?30 ?30/i);
	});

	it('shows control characters from tag memory escaped, so a tag cannot drive the terminal', async () => {
		const { simulator, path } = await padOnPty('feig');
		simulator.place({
			uid: ITEM,
			memory: encode('iso28560-3', danishDataModel({ primaryItemId: '3000\u001b[2J', typeOfUsage: { usageClass: USAGE_CLASS.circulating } }))
		});
		const { lines, out } = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', 'feig', '--data-model', 'iso28560-3'], out)).toBe(0);
		expect(lines.at(-1)).toBe('  primary item id 3000\\x1B[2J, part 1 of 1, type of usage circulating');
	});

	it('identifies a 3M reader over tcp:HOST:PORT and decodes an RFID501 tag with the given AFI values', async () => {
		const simulator = new RfidPadSimulator('3m');
		const server = net.createServer((socket) => simulator.attach(tcpLinkFromSocket(socket)));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		cleanup.push(() => new Promise((resolve) => server.close(resolve)));
		const { port } = server.address() as net.AddressInfo;
		simulator.place({
			uid: ITEM,
			afi: 0x9a,
			memory: encode('rfid501', { model: 'rfid501', primaryItemId: '30001000000028', extras: { itemType: 1, branch: 2, library: 12, custom: 0, reservedByte: 0 } })
		});

		const { lines, out } = recordOutput();
		const argv = ['probe', `tcp:127.0.0.1:${port}`, '--protocol', '3m', '--data-model', 'rfid501', '--afi-in-library', '9b', '--afi-on-loan', '0x9A'];
		expect(await runDevicesCli(argv, out)).toBe(0);
		expect(lines).toEqual([
			`reader: 3M/Bibliotheca D6 on tcp:127.0.0.1:${port}, firmware 0A05021B`,
			'1 tag on the reader:',
			`${ITEM}: AFI 9A (on loan), EAS off, DSFID 00, 28 blocks of 4 bytes`,
			'  data model rfid501',
			'  primary item id 30001000000028, part 1 of 1',
			'  item type book, library 12, branch 2'
		]);
	});

	it('exits 1 when the reader stays silent or the port does not exist', async () => {
		const { simulator, path } = await padOnPty('3m');
		simulator.silent = true;
		const silent = recordOutput();
		expect(await runDevicesCli(['probe', path, '--protocol', '3m'], silent.out)).toBe(1);
		expect(silent.lines).toEqual([expect.stringMatching(/^the reader did not answer \(.*no reply within 1000 ms\): check its power and cable, --protocol and --baud$/)]);

		const absent = recordOutput();
		expect(await runDevicesCli(['probe', '/dev/does-not-exist', '--protocol', 'feig', '--baud', '115200'], absent.out)).toBe(1);
		expect(absent.lines).toEqual([expect.stringMatching(/^cannot open serial:\/dev\/does-not-exist@115200: /)]);
	});

	it('stops at Ctrl-C without waiting for a silent reader to time out', async () => {
		const { simulator, path, deviceSide } = await padOnPty('feig');
		simulator.silent = true;
		const commandSent = new Promise((resolve) => deviceSide.once('data', resolve));
		const stop = new AbortController();
		const { lines, out } = recordOutput();
		const done = runDevicesCli(['probe', path, '--protocol', 'feig'], out, stop.signal);
		await commandSent;
		const interrupted = Date.now();
		stop.abort();
		expect(await done).toBe(1);
		expect(lines).toEqual(['stopped']);
		// The command timeout is 1000 ms: ending well before it means the abort, not the timeout, ended the probe.
		expect(Date.now() - interrupted).toBeLessThan(500);
	});
});
