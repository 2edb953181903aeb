import { TagDataError } from './tag-data-model';

/**
 * Some vendors write every block byte-reversed and FEIG readers return blocks that way; reversing
 * again restores the canonical order (the operation is its own inverse).
 */
export function reverseBlockBytes(memory: Uint8Array, blockSize: number): Uint8Array {
	const reversed = new Uint8Array(memory.length);
	for (let start = 0; start < memory.length; start += blockSize) {
		const end = Math.min(start + blockSize, memory.length);
		for (let index = start; index < end; index++) reversed[index] = memory[start + end - 1 - index] ?? 0;
	}
	return reversed;
}

/** ISO 15693 blocks are 1–32 bytes; anything else is a caller or reader fault, reported like bad tag data. */
export function assertWholeBlocks(memory: Uint8Array, blockSize: number): void {
	if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 32) {
		throw new TagDataError('malformed', `block size ${blockSize} is not 1–32 bytes`);
	}
	if (memory.length % blockSize !== 0) {
		throw new TagDataError('malformed', `${memory.length} bytes are not whole ${blockSize}-byte blocks`);
	}
}

export function memoryImage(blockSize: number, blockCount: number): Uint8Array {
	if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 32) {
		throw new TagDataError('unencodable', `block size ${blockSize} is not 1–32 bytes`);
	}
	if (!Number.isInteger(blockCount) || blockCount < 0 || blockCount > 256) {
		throw new TagDataError('unencodable', `block count ${blockCount} is not 0–256`);
	}
	return new Uint8Array(blockSize * blockCount);
}

export function isFilledWith(bytes: Uint8Array, value: number): boolean {
	return bytes.every((byte) => byte === value);
}

/** Text up to the first NUL; bytes above 7F are taken as Latin-1 so that decoding never fails. */
export function readNulPaddedText(bytes: Uint8Array): string {
	const end = bytes.indexOf(0);
	return String.fromCharCode(...(end === -1 ? bytes : bytes.subarray(0, end)));
}

export function writeNulPaddedText(target: Uint8Array, offset: number, width: number, text: string, field: string): void {
	if (text.length > width) {
		throw new TagDataError('unencodable', `${field} "${text}" is longer than ${width} bytes`);
	}
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 0 || code > 0xff) {
			throw new TagDataError('unencodable', `${field} "${text}" has a character that does not fit one byte`);
		}
		target[offset + index] = code;
	}
}

export function assertByteRange(value: number, min: number, max: number, field: string): void {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new TagDataError('unencodable', `${field} ${value} is not an integer ${min}–${max}`);
	}
}

export function toHex(bytes: Uint8Array): string {
	return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}
