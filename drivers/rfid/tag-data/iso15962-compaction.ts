import { BitReader, BitWriter, isPadTail } from './bit-stream';
import { TagDataError, type Iso28560Compaction } from './tag-data-model';

/** The compaction schemes of ISO/IEC 15962 by their 3-bit code in the data-set precursor. */
export const COMPACTION_BY_CODE: readonly Iso28560Compaction[] = [
	'application-defined',
	'integer',
	'numeric',
	'5-bit',
	'6-bit',
	'7-bit',
	'octets',
	'utf-8'
];

export function compactionCode(compaction: Iso28560Compaction): number {
	return COMPACTION_BY_CODE.indexOf(compaction);
}

export type CharacterCompaction = Exclude<Iso28560Compaction, 'application-defined'>;

const NUMERIC_PAD_NIBBLE = 0xf;

/** 5-bit covers 40–5F (`@`, `A`–`Z`, `[\]^_`), 6-bit covers 20–5F: each code is the low bits of the ASCII value. */
const FIXED_WIDTH = {
	'5-bit': { width: 5, toChar: (code: number) => 0x40 | code, fromChar: (char: number) => (char >= 0x40 && char <= 0x5f ? char & 0x1f : -1) },
	'6-bit': {
		width: 6,
		toChar: (code: number) => (code < 0x20 ? 0x40 | code : code),
		fromChar: (char: number) => (char >= 0x20 && char <= 0x5f ? char & 0x3f : -1)
	},
	'7-bit': { width: 7, toChar: (code: number) => code, fromChar: (char: number) => (char <= 0x7f ? char : -1) }
} as const;

function decodeFixedWidth(bytes: Uint8Array, compaction: keyof typeof FIXED_WIDTH): string {
	const { width, toChar } = FIXED_WIDTH[compaction];
	const reader = new BitReader(bytes);
	const codes: number[] = [];
	while (reader.remaining >= width) codes.push(reader.read(width));
	const leftoverWidth = reader.remaining;
	const leftover = reader.read(leftoverWidth);
	const last = codes.at(-1);
	if (last !== undefined && isPadTail(last, width, leftover, leftoverWidth)) codes.pop();
	return String.fromCharCode(...codes.map(toChar));
}

function encodeFixedWidth(text: string, compaction: keyof typeof FIXED_WIDTH): Uint8Array | undefined {
	const { width, fromChar } = FIXED_WIDTH[compaction];
	const writer = new BitWriter();
	for (let index = 0; index < text.length; index++) {
		const code = fromChar(text.charCodeAt(index));
		if (code < 0) return undefined;
		writer.write(code, width);
	}
	return writer.toBytes();
}

function decodeNumeric(bytes: Uint8Array): string {
	let digits = '';
	const nibbleCount = bytes.length * 2;
	for (let index = 0; index < nibbleCount; index++) {
		const byte = bytes[index >> 1] ?? 0;
		const nibble = index % 2 === 0 ? byte >> 4 : byte & 0x0f;
		if (nibble <= 9) digits += String(nibble);
		else if (!(nibble === NUMERIC_PAD_NIBBLE && index === nibbleCount - 1)) {
			throw new TagDataError('malformed', `numeric compaction holds nibble ${nibble.toString(16)}`);
		}
	}
	return digits;
}

function encodeNumeric(text: string): Uint8Array | undefined {
	if (!/^[0-9]*$/.test(text)) return undefined;
	const nibbles = [...text].map(Number);
	if (nibbles.length % 2 === 1) nibbles.push(NUMERIC_PAD_NIBBLE);
	const bytes = new Uint8Array(nibbles.length / 2);
	for (let index = 0; index < bytes.length; index++) bytes[index] = ((nibbles[2 * index] ?? 0) << 4) | (nibbles[2 * index + 1] ?? 0);
	return bytes;
}

function decodeInteger(bytes: Uint8Array): string {
	if (bytes.length === 0) throw new TagDataError('malformed', 'integer compaction with no bytes');
	return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n).toString();
}

function encodeInteger(text: string): Uint8Array | undefined {
	// Leading zeros would be lost, so such strings go to numeric compaction instead.
	if (!/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
	let value = BigInt(text);
	const bytes: number[] = [];
	do {
		bytes.unshift(Number(value & 0xffn));
		value >>= 8n;
	} while (value > 0n);
	return new Uint8Array(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		throw new TagDataError('malformed', 'UTF-8 compaction holds invalid UTF-8');
	}
}

function encodeOctets(text: string): Uint8Array | undefined {
	const bytes = new Uint8Array(text.length);
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code > 0xff) return undefined;
		bytes[index] = code;
	}
	return bytes;
}

export function decodeCharacters(compaction: CharacterCompaction, bytes: Uint8Array): string {
	switch (compaction) {
		case 'integer':
			return decodeInteger(bytes);
		case 'numeric':
			return decodeNumeric(bytes);
		case '5-bit':
		case '6-bit':
		case '7-bit':
			return decodeFixedWidth(bytes, compaction);
		case 'octets':
			return String.fromCharCode(...bytes);
		case 'utf-8':
			return decodeUtf8(bytes);
	}
}

/** Undefined when the text cannot be represented (or read back unchanged) in this compaction. */
export function encodeCharacters(compaction: CharacterCompaction, text: string): Uint8Array | undefined {
	let bytes: Uint8Array | undefined;
	switch (compaction) {
		case 'integer':
			bytes = encodeInteger(text);
			break;
		case 'numeric':
			bytes = encodeNumeric(text);
			break;
		case '5-bit':
		case '6-bit':
		case '7-bit':
			bytes = encodeFixedWidth(text, compaction);
			break;
		case 'octets':
			bytes = encodeOctets(text);
			break;
		case 'utf-8':
			bytes = new TextEncoder().encode(text);
			break;
	}
	// A string ending in what reads as padding (or lone surrogates for UTF-8) would not survive.
	return bytes !== undefined && decodeCharacters(compaction, bytes) === text ? bytes : undefined;
}

const PREFERENCE: readonly CharacterCompaction[] = ['integer', 'numeric', '5-bit', '6-bit', '7-bit', 'octets', 'utf-8'];

/** The shortest faithful encoding, preferring the simpler scheme on a tie (Annex D uses integer for `1203`). */
export function compactText(text: string): { compaction: CharacterCompaction; bytes: Uint8Array } {
	let best: { compaction: CharacterCompaction; bytes: Uint8Array } | undefined;
	for (const compaction of PREFERENCE) {
		const bytes = encodeCharacters(compaction, text);
		if (bytes !== undefined && (best === undefined || bytes.length < best.bytes.length)) best = { compaction, bytes };
	}
	if (best === undefined) throw new TagDataError('unencodable', `"${text}" fits no compaction`);
	return best;
}
