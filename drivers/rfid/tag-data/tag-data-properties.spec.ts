import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reverseBlockBytes } from './byte-fields';
import { detectDataModel } from './detect-data-model';
import { TAG_DATA_MODELS } from './index';
import { basicBlockCrc, extensionBlockBody, iso28560Part3 } from './iso28560-3';
import { iso28560Part2 } from './iso28560-2';
import { rfid501 } from './rfid501';
import {
	TagDataError,
	type Iso28560Part2Element,
	type Iso28560Part2TagData,
	type Iso28560Part3TagData,
	type Rfid501TagData
} from './tag-data-model';

const hex = (text: string) => new Uint8Array(text.trim().split(/\s+/).map((byte) => parseInt(byte, 16)));
const models = Object.values(TAG_DATA_MODELS);

/** Runs the action; anything thrown must be a TagDataError. */
function onlyTagDataErrors(action: () => unknown): void {
	try {
		action();
	} catch (error) {
		if (!(error instanceof TagDataError)) throw error;
	}
}

// Valid tags with a few bytes changed reach deep into the decoders, where uniform noise rarely gets.
const SEEDS = [
	hex('11 01 01 31 31 32 32 33 33 34 34 00 00 00 00 00 00 00 00 51 3E 44 45 37 30 35 00 00 00 00 00 00 05 01 00 04 00 00 00 00'),
	hex('91 00 05 1C BE 99 1A 14 02 01 D0 14 02 04 B3 46 07 44 1C B6 E2 E3 35 D6 83 02 07 AC C0 9E BA A0 6F 6A 00 00'),
	hex('04 11 00 01 31 33 30 32 30 30 33 37 36 37 00 00 00 00 00 00 00 00 00 00 00 00 00 00')
];

const randomMemory = fc.oneof(
	fc.record({ blockSize: fc.constantFrom(1, 2, 4, 8, 3, 0), memory: fc.uint8Array({ maxLength: 160 }) }),
	fc.record({
		blockSize: fc.constant(4),
		memory: fc
			.tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
			.map(([seed, changes]) => {
				const memory = new Uint8Array(seed);
				for (const [position, value] of changes) memory[position % memory.length] = value;
				return memory;
			})
	})
);

describe('random user memory', () => {
	it('makes every decoder either return data or throw a TagDataError, and detectDataModel never throw', () => {
		fc.assert(
			fc.property(randomMemory, ({ blockSize, memory }) => {
				for (const model of models) {
					onlyTagDataErrors(() => {
						const data = model.decode(memory, blockSize);
						// Whatever decodes must also be safe to hand to every encoder.
						for (const target of models) onlyTagDataErrors(() => target.encode?.(data, 4, 28));
					});
				}
				expect(['decoded', 'blank', 'unknown']).toContain(detectDataModel(memory, blockSize === 0 ? 4 : blockSize).kind);
			}),
			{ numRuns: 2000 }
		);
	});
});

const latin1Text = (maxLength: number) =>
	fc.array(fc.integer({ min: 1, max: 0xff }), { maxLength }).map((codes) => String.fromCharCode(...codes));
const upperLetters = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 2, maxLength: 2 }).map((letters) => letters.join(''));
const isilCharacters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:/'];

const ddmData = fc
	.record({
		usageClass: fc.integer({ min: 0, max: 15 }),
		partsInSet: fc.integer({ min: 0, max: 255 }),
		partFraction: fc.double({ min: 0, max: 1, noNaN: true }),
		primaryItemId: latin1Text(16),
		country: fc.option(upperLetters, { nil: undefined }),
		libraryId: fc.option(fc.array(fc.constantFrom(...isilCharacters, '-'), { minLength: 1, maxLength: 11 }), { nil: undefined }),
		extensions: fc.array(fc.record({ id: fc.integer({ min: 0, max: 0xffff }), payload: fc.uint8Array({ maxLength: 8 }) }), {
			maxLength: 3
		}),
		blockSize: fc.constantFrom(4, 8),
		short: fc.boolean(),
		spareBlocks: fc.integer({ min: 0, max: 3 })
	})
	.map((drawn) => {
		const partNumber = drawn.partsInSet === 0 ? Math.round(drawn.partFraction * 255) : Math.round(drawn.partFraction * drawn.partsInSet);
		// Without a country a hyphen would be read as the ISIL's country separator.
		const libraryId = drawn.country === undefined ? drawn.libraryId?.map((char) => (char === '-' ? '/' : char)) : drawn.libraryId;
		const ownerLibrary = libraryId && (drawn.country ? `${drawn.country}-${libraryId.join('')}` : libraryId.join(''));
		const extensionBlocks = drawn.extensions.map(({ id, payload }) => ({ id, body: extensionBlockBody(id, payload) }));
		const fitsShortLayout = extensionBlocks.length === 0 && (libraryId?.length ?? 0) <= 9;
		const neededBytes = drawn.short && fitsShortLayout ? 32 : 34 + extensionBlocks.reduce((sum, { body }) => sum + 3 + body.length, 0);
		const data: Iso28560Part3TagData = {
			model: 'iso28560-3',
			version: 1,
			primaryItemId: drawn.primaryItemId,
			typeOfUsage: { usageClass: drawn.usageClass },
			partsInSet: drawn.partsInSet,
			partNumber,
			...(drawn.country !== undefined && { country: drawn.country }),
			...(ownerLibrary !== undefined && { ownerLibrary }),
			extras: { blockOrder: 'canonical', partBytesSwapped: false, extensionBlocks, malformedExtensionArea: false }
		};
		return { data, blockSize: drawn.blockSize, blockCount: Math.ceil(neededBytes / drawn.blockSize) + drawn.spareBlocks };
	});

describe('ISO 28560-3 encode → decode', () => {
	it('is the identity for valid data', () => {
		fc.assert(
			fc.property(ddmData, ({ data, blockSize, blockCount }) => {
				const written = iso28560Part3.encode!(data, blockSize, blockCount);
				expect(written.length).toBe(blockSize * blockCount);
				expect(iso28560Part3.decode(written, blockSize)).toEqual(data);
			}),
			{ numRuns: 500 }
		);
	});

	it('also decodes the block-reversed image, reporting that order', () => {
		fc.assert(
			fc.property(ddmData, ({ data, blockSize, blockCount }) => {
				const reversed = reverseBlockBytes(iso28560Part3.encode!(data, blockSize, blockCount), blockSize);
				const basic = new Uint8Array(34);
				basic.set(reversed.subarray(0, 34));
				// A reversed image whose bytes happen to carry a valid CRC as they stand is genuinely ambiguous.
				fc.pre(basicBlockCrc(basic) !== ((basic[19] ?? 0) | ((basic[20] ?? 0) << 8)));
				expect(iso28560Part3.decode(reversed, blockSize)).toEqual({
					...data,
					extras: { ...data.extras, blockOrder: 'block-reversed' }
				});
			}),
			{ numRuns: 300 }
		);
	});
});

const rfid501Data: fc.Arbitrary<Rfid501TagData> = fc.record({
	model: fc.constant('rfid501' as const),
	primaryItemId: latin1Text(16),
	partNumber: fc.integer({ min: 0, max: 15 }),
	partsInSet: fc.integer({ min: 0, max: 15 }),
	extras: fc.record({
		itemType: fc.integer({ min: 0, max: 255 }),
		branch: fc.integer({ min: 0, max: 0xfff }),
		library: fc.integer({ min: 0, max: 0xfffff }),
		custom: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
		reservedByte: fc.integer({ min: 0, max: 255 })
	})
});

describe('RFID501 encode → decode', () => {
	it('is the identity for valid data', () => {
		fc.assert(
			fc.property(rfid501Data, fc.constantFrom(4, 8), (data, blockSize) => {
				expect(rfid501.decode(rfid501.encode!(data, blockSize, 64 / blockSize), blockSize)).toEqual(data);
			}),
			{ numRuns: 500 }
		);
	});
});

const wellFormedText = (maxLength: number) => fc.string({ unit: 'binary', maxLength }).filter((text) => text.isWellFormed());
const digits = (maxLength: number) => fc.array(fc.constantFrom(...'0123456789'), { maxLength }).map((chars) => chars.join(''));
const element: fc.Arbitrary<Iso28560Part2Element> = fc
	.tuple(
		fc.integer({ min: 6, max: 60 }),
		fc.oneof(
			fc.record({ compaction: fc.constant('utf-8' as const), value: wellFormedText(12) }),
			fc.record({ compaction: fc.constant('octets' as const), value: latin1Text(12) }),
			fc.record({ compaction: fc.constant('numeric' as const), value: digits(20) }),
			fc.record({ compaction: fc.constant('integer' as const), value: fc.bigInt({ min: 0n, max: 2n ** 80n }).map(String) }),
			fc.record({ compaction: fc.constant('application-defined' as const), value: fc.uint8Array({ maxLength: 12 }) })
		)
	)
	.map(([oid, shape]) => ({ oid, ...shape }));

const isil = fc.oneof(
	fc.tuple(upperLetters, fc.array(fc.constantFrom(...isilCharacters, '-'), { minLength: 1, maxLength: 12 })).map(
		([prefix, rest]) => `${prefix}-${rest.join('')}`
	),
	wellFormedText(14)
);

const objectEncodedData = fc
	.record({
		primaryItemId: fc.oneof(digits(20), latin1Text(16), wellFormedText(12)),
		ownerLibrary: fc.option(isil, { nil: undefined }),
		set: fc.option(fc.tuple(fc.integer({ min: 0, max: 999999 }), fc.integer({ min: 0, max: 999999 })), { nil: undefined }),
		typeOfUsage: fc.option(fc.record({ usageClass: fc.integer({ min: 0, max: 15 }), subQualifier: fc.integer({ min: 0, max: 15 }) }), {
			nil: undefined
		}),
		elements: fc.array(element, { maxLength: 4 })
	})
	.map((drawn): Iso28560Part2TagData => {
		const declared = [
			...(drawn.ownerLibrary !== undefined ? [3] : []),
			...(drawn.set !== undefined ? [4] : []),
			...(drawn.typeOfUsage !== undefined ? [5] : []),
			...drawn.elements.map(({ oid }) => oid)
		];
		const contentParameter = [...new Set(declared)].sort((a, b) => a - b);
		const country = drawn.ownerLibrary?.match(/^([A-Za-z]{2})-/)?.[1];
		return {
			model: 'iso28560-2',
			primaryItemId: drawn.primaryItemId,
			...(drawn.typeOfUsage !== undefined && { typeOfUsage: drawn.typeOfUsage }),
			...(drawn.set !== undefined && { partsInSet: drawn.set[0], partNumber: drawn.set[1] }),
			...(drawn.ownerLibrary !== undefined && { ownerLibrary: drawn.ownerLibrary }),
			...(country !== undefined && { country }),
			extras: { ...(contentParameter.length > 0 && { contentParameter }), elements: drawn.elements }
		};
	});

describe('ISO 28560-2 encode → decode', () => {
	it('is the identity for valid data, whichever compaction each string ends up in', () => {
		fc.assert(
			fc.property(objectEncodedData, (data) => {
				expect(iso28560Part2.decode(iso28560Part2.encode!(data, 32, 64), 32)).toEqual(data);
			}),
			{ numRuns: 500 }
		);
	});
});
