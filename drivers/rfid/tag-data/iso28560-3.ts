import {
	assertByteRange,
	assertWholeBlocks,
	isFilledWith,
	memoryImage,
	readNulPaddedText,
	reverseBlockBytes,
	toHex,
	writeNulPaddedText
} from './byte-fields';
import {
	TagDataError,
	type DdmExtensionBlock,
	type Iso28560Part3TagData,
	type LibraryTagData,
	type TagDataModel
} from './tag-data-model';

/**
 * ISO 28560-3, the Danish Data Model (DS/INF 163): a fixed 34-byte basic block at block 0
 * (32 bytes on tags too small for the last two ISIL bytes), then optional extension blocks.
 */

const BASIC_BLOCK_LENGTH = 34;
const SHORT_BASIC_BLOCK_LENGTH = 32;
const PII_OFFSET = 3;
const PII_LENGTH = 16;
const CRC_OFFSET = 19;
const COUNTRY_OFFSET = 21;
const LIBRARY_ID_OFFSET = 23;
const SUPPORTED_VERSION = 1;
const EXTENSION_HEADER_LENGTH = 4;

/** CRC-16/CCITT-FALSE: poly 1021, init FFFF, not reflected, no final XOR (check `123456789` → 29B1). */
export function crc16CcittFalse(bytes: Uint8Array): number {
	let crc = 0xffff;
	for (const byte of bytes) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc;
}

/**
 * The basic block always as 34 bytes: a 32-byte tag counts as padded with two zero bytes, which
 * is what makes its CRC equal to the 34-byte layout's.
 */
function basicBlockOf(memory: Uint8Array): Uint8Array {
	const basic = new Uint8Array(BASIC_BLOCK_LENGTH);
	basic.set(memory.subarray(0, BASIC_BLOCK_LENGTH));
	return basic;
}

/** Over bytes 0–18 and 21–33, i.e. everything but the CRC itself. */
export function basicBlockCrc(basic: Uint8Array): number {
	const covered = new Uint8Array(BASIC_BLOCK_LENGTH - 2);
	covered.set(basic.subarray(0, CRC_OFFSET));
	covered.set(basic.subarray(CRC_OFFSET + 2, BASIC_BLOCK_LENGTH), CRC_OFFSET);
	return crc16CcittFalse(covered);
}

/** Stored least significant byte first. */
function storedCrc(basic: Uint8Array): number {
	return (basic[CRC_OFFSET] ?? 0) | ((basic[CRC_OFFSET + 1] ?? 0) << 8);
}

function readExtensionBlocks(memory: Uint8Array): { blocks: DdmExtensionBlock[]; malformed: boolean } {
	const blocks: DdmExtensionBlock[] = [];
	let position = BASIC_BLOCK_LENGTH;
	while (position < memory.length) {
		const length = memory[position] ?? 0;
		if (length === 0) return { blocks, malformed: false };
		if (length < EXTENSION_HEADER_LENGTH || position + length > memory.length) return { blocks, malformed: true };
		const block = memory.subarray(position, position + length);
		// XOR over the whole block is zero wherever the writer put the check byte (first or last).
		if (block.reduce((xor, byte) => xor ^ byte, 0) !== 0) return { blocks, malformed: true };
		blocks.push({ id: (block[1] ?? 0) | ((block[2] ?? 0) << 8), body: block.slice(3) });
		position += length;
	}
	return { blocks, malformed: false };
}

function decode(userMemory: Uint8Array, blockSize: number): Iso28560Part3TagData {
	assertWholeBlocks(userMemory, blockSize);
	if (userMemory.length < SHORT_BASIC_BLOCK_LENGTH) {
		throw new TagDataError('malformed', `${userMemory.length} bytes, the basic block needs ${SHORT_BASIC_BLOCK_LENGTH}`);
	}
	const asRead = basicBlockOf(userMemory);
	if (isFilledWith(asRead, 0)) throw new TagDataError('blank', 'the basic block is all zeros');

	// Vendors disagree on the byte order within a block, so a CRC that checks in either order is
	// accepted and the order is reported, for writing back the way the tag was found.
	let memory = userMemory;
	let blockOrder: 'canonical' | 'block-reversed' = 'canonical';
	if (basicBlockCrc(asRead) !== storedCrc(asRead)) {
		const reversed = reverseBlockBytes(userMemory, blockSize);
		const reversedBasic = basicBlockOf(reversed);
		if (basicBlockCrc(reversedBasic) !== storedCrc(reversedBasic)) {
			throw new TagDataError(
				'crc',
				`stored ${storedCrc(asRead).toString(16).padStart(4, '0')}, computed ` +
					`${basicBlockCrc(asRead).toString(16).padStart(4, '0')} (block-reversed: ` +
					`${basicBlockCrc(reversedBasic).toString(16).padStart(4, '0')}) over ${toHex(asRead)}`
			);
		}
		memory = reversed;
		blockOrder = 'block-reversed';
	}
	const basic = basicBlockOf(memory);
	const first = basic[0] ?? 0;
	const version = first >> 4;
	if (version !== SUPPORTED_VERSION) throw new TagDataError('unsupported-version', `version ${version}`);

	let partsInSet = basic[1] ?? 0;
	let partNumber = basic[2] ?? 0;
	// One open-source writer puts the part number first; a part number above the set size can only
	// mean that, so it is read back the right way round.
	const partBytesSwapped = partsInSet > 0 && partNumber > partsInSet;
	if (partBytesSwapped) [partsInSet, partNumber] = [partNumber, partsInSet];

	const country = readNulPaddedText(basic.subarray(COUNTRY_OFFSET, LIBRARY_ID_OFFSET));
	const libraryId = readNulPaddedText(basic.subarray(LIBRARY_ID_OFFSET, BASIC_BLOCK_LENGTH));
	const extensions = readExtensionBlocks(memory);
	return {
		model: 'iso28560-3',
		version,
		primaryItemId: readNulPaddedText(basic.subarray(PII_OFFSET, PII_OFFSET + PII_LENGTH)),
		typeOfUsage: { usageClass: first & 0x0f },
		partsInSet,
		partNumber,
		...(country === '' ? {} : { country }),
		...(libraryId === '' ? {} : { ownerLibrary: country === '' ? libraryId : `${country}-${libraryId}` }),
		extras: {
			blockOrder,
			partBytesSwapped,
			extensionBlocks: extensions.blocks,
			malformedExtensionArea: extensions.malformed
		}
	};
}

/** The basic block stores the ISIL without its hyphen, split into country and library id. */
function splitOwnerLibrary(data: LibraryTagData): { country: string; libraryId: string } {
	const isil = data.ownerLibrary;
	const hyphen = isil?.indexOf('-') ?? -1;
	if (isil === undefined || hyphen === -1) return { country: data.country ?? '', libraryId: isil ?? '' };
	const prefix = isil.slice(0, hyphen);
	if (prefix.length !== 2) {
		throw new TagDataError('unencodable', `ISIL ${isil}: only two-letter country prefixes fit the basic block`);
	}
	if (data.country !== undefined && data.country !== prefix) {
		throw new TagDataError('unencodable', `ISIL ${isil} does not belong to country ${data.country}`);
	}
	return { country: prefix, libraryId: isil.slice(hyphen + 1) };
}

function encode(data: LibraryTagData, blockSize: number, blockCount: number): Uint8Array {
	const image = memoryImage(blockSize, blockCount);
	if (image.length < SHORT_BASIC_BLOCK_LENGTH) {
		throw new TagDataError('unencodable', `${image.length} bytes of user memory, the basic block needs ${SHORT_BASIC_BLOCK_LENGTH}`);
	}
	const basicLength = image.length >= BASIC_BLOCK_LENGTH ? BASIC_BLOCK_LENGTH : SHORT_BASIC_BLOCK_LENGTH;
	const version = data.version ?? SUPPORTED_VERSION;
	if (version !== SUPPORTED_VERSION) throw new TagDataError('unencodable', `version ${version}`);
	// Guessing a type of usage would decide whether the item may circulate, so the caller must say.
	if (data.typeOfUsage === undefined) throw new TagDataError('unencodable', 'type of usage is required');
	assertByteRange(data.typeOfUsage.usageClass, 0, 15, 'type of usage class');
	const partsInSet = data.partsInSet ?? 1;
	const partNumber = data.partNumber ?? 1;
	assertByteRange(partsInSet, 0, 255, 'parts in set');
	assertByteRange(partNumber, 0, 255, 'part number');
	if (partsInSet > 0 && partNumber > partsInSet) {
		throw new TagDataError('unencodable', `part ${partNumber} of ${partsInSet}`);
	}
	const { country, libraryId } = splitOwnerLibrary(data);
	if (country !== '' && country.length !== 2) throw new TagDataError('unencodable', `country "${country}" is not two letters`);

	image[0] = (version << 4) | data.typeOfUsage.usageClass;
	image[1] = partsInSet;
	image[2] = partNumber;
	writeNulPaddedText(image, PII_OFFSET, PII_LENGTH, data.primaryItemId, 'primary item id');
	writeNulPaddedText(image, COUNTRY_OFFSET, 2, country, 'country');
	writeNulPaddedText(image, LIBRARY_ID_OFFSET, basicLength - LIBRARY_ID_OFFSET, libraryId, 'owner library id');
	const crc = basicBlockCrc(basicBlockOf(image));
	image[CRC_OFFSET] = crc & 0xff;
	image[CRC_OFFSET + 1] = crc >> 8;

	const extensionBlocks = data.model === 'iso28560-3' ? data.extras.extensionBlocks : [];
	let position = BASIC_BLOCK_LENGTH;
	for (const block of extensionBlocks) {
		const length = 3 + block.body.length;
		assertByteRange(block.id, 0, 0xffff, 'extension block id');
		if (length < EXTENSION_HEADER_LENGTH || length > 0xff) {
			throw new TagDataError('unencodable', `extension block ${block.id} is ${length} bytes`);
		}
		if (position + length > image.length) {
			throw new TagDataError('unencodable', `extension block ${block.id} does not fit ${image.length} bytes`);
		}
		const bytes = new Uint8Array([length, block.id & 0xff, block.id >> 8, ...block.body]);
		if (bytes.reduce((xor, byte) => xor ^ byte, 0) !== 0) {
			throw new TagDataError('unencodable', `extension block ${block.id}: XOR check does not give zero`);
		}
		image.set(bytes, position);
		position += length;
	}
	return image;
}

/** A library extension block body with its check byte first, as ISO 28560-3 lays it out. */
export function extensionBlockBody(id: number, payload: Uint8Array): Uint8Array {
	const length = EXTENSION_HEADER_LENGTH + payload.length;
	const check = payload.reduce((xor, byte) => xor ^ byte, length ^ (id & 0xff) ^ (id >> 8));
	return new Uint8Array([check, ...payload]);
}

export const iso28560Part3: TagDataModel<Iso28560Part3TagData> = { name: 'iso28560-3', decode, encode };
