import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createD6FrameSplitter } from './bibliotheca-d6-protocol';
import { createFeigFrameSplitter } from './feig-isc-protocol';
import type { FrameSplitter } from './frame-splitter';
import { bytesToHex, hexToBytes } from './iso15693';

const feigFrames = [
	'02 00 08 FF 52 00 4A C3',
	'02 00 08 00 52 00 B9 05',
	'02 00 07 FF 65 6E 61',
	'02 00 13 00 66 00 02 06 00 0B 4D 00 09 01 18 02 00 95 96',
	'02 00 09 FF B0 01 00 18 43',
	'02 00 13 00 B0 23 01 E0 04 01 00 46 70 7A 28 00 0A 88 BF',
	'02 00 27 00 B0 83 03 03 00 E0 04 01 50 33 09 CE 74 03 00 E0 04 01 00 46 70 7A 28 03 00 E0 04 01 50 0B 21 97 24 78 C9'
];

const d6Frames = [
	'D6 00 09 03 00 02 00 00 00 03 12 E6',
	'D5 00 05 04 00 11 8C 66',
	'D5 00 09 04 00 11 0A 05 02 1B 97 2A',
	'D6 00 10 13 06 01 00 02 00 03 00 04 00 0B 00 0A 00 FD BF',
	'D6 00 05 FE 00 05 FA 40'
];

function feed(splitter: FrameSplitter, stream: Uint8Array, cuts: number[]): string[] {
	const positions = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
	const out: string[] = [];
	let from = 0;
	for (const to of [...positions, stream.length]) {
		for (const frame of splitter.push(stream.subarray(from, to))) out.push(bytesToHex(frame, ' '));
		from = to;
	}
	return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

describe.each([
	['FEIG', createFeigFrameSplitter, feigFrames, [0x02]],
	['3M D6', createD6FrameSplitter, d6Frames, [0xd6, 0xd5]]
] as const)('%s frame splitter', (_name, createSplitter, vectors, starts) => {
	const frames = vectors.map((vector) => hexToBytes(vector));

	it('finds every sheet vector in a stream cut into arbitrary chunks, with garbage between frames', () => {
		// Garbage is biased towards start bytes and small lengths, the hard case for resync.
		const garbageByte = fc.oneof(fc.constantFrom(...starts, 0x00, 0x01, 0x05), fc.integer({ min: 0, max: 255 }));
		fc.assert(
			fc.property(
				fc.array(fc.array(garbageByte, { maxLength: 6 }), { minLength: frames.length, maxLength: frames.length }),
				fc.array(fc.nat(), { maxLength: 40 }),
				(garbage, cuts) => {
					const stream = concat(frames.flatMap((frame, i) => [Uint8Array.from(garbage[i] ?? []), frame]));
					const found = feed(createSplitter(), stream, cuts);
					// Garbage can only ever add frames if it forms one with a valid CRC; every vector must come out in order.
					expect(found.filter((frame) => vectors.includes(frame))).toEqual(vectors);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('delivers a frame split into single bytes only when its last byte arrives', () => {
		const splitter = createSplitter();
		const frame = frames[frames.length - 1] ?? new Uint8Array(0);
		for (let i = 0; i < frame.length - 1; i++) expect(splitter.push(frame.subarray(i, i + 1))).toEqual([]);
		expect(splitter.push(frame.subarray(frame.length - 1)).map((f) => bytesToHex(f, ' '))).toEqual([vectors[vectors.length - 1]]);
		expect(splitter.pendingBytes).toBe(0);
	});

	it('a corrupted header announcing a long frame does not hide the good frame behind it', () => {
		const splitter = createSplitter();
		const good = frames[0] ?? new Uint8Array(0);
		const out = splitter.push(concat([Uint8Array.of(starts[0], 0x03, 0x00, 0x11, 0x22), good]));
		expect(out.map((frame) => bytesToHex(frame, ' '))).toEqual([vectors[0]]);
		expect(splitter.discardedBytes).toBe(5);
	});

	it('drops a frame with a damaged CRC and keeps going', () => {
		const damaged = Uint8Array.from(frames[1] ?? []);
		damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
		const out = createSplitter().push(concat([damaged, frames[2] ?? new Uint8Array(0)]));
		expect(out.map((frame) => bytesToHex(frame, ' '))).toEqual([vectors[2]]);
	});
});

describe('known-bad published vectors never come out of a splitter', () => {
	it('FEIG 02 00 13 00 B0 01 00 22 7E (length wrong) and 02 00 08 FF 66 00 4A C4 (CRC wrong)', () => {
		const splitter = createFeigFrameSplitter();
		expect(splitter.push(hexToBytes('02 00 13 00 B0 01 00 22 7E 02 00 08 FF 66 00 4A C4'))).toEqual([]);
		expect(splitter.push(hexToBytes('02 00 08 FF 66 00 88 12')).map((frame) => bytesToHex(frame, ' '))).toEqual(['02 00 08 FF 66 00 88 12']);
	});

	it('3M D6 00 08 11 0A 05 02 19 E2 3B', () => {
		const splitter = createD6FrameSplitter();
		expect(splitter.push(hexToBytes('D6 00 08 11 0A 05 02 19 E2 3B D6 00 05 FE 00 05 FA 40')).map((frame) => bytesToHex(frame, ' '))).toEqual([
			'D6 00 05 FE 00 05 FA 40'
		]);
	});
});
