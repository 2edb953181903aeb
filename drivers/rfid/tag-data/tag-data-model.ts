/**
 * What a library RFID tag's user memory says about the item, independent of the data model it was
 * written in. Which model a library uses is configuration; a codec never sees reader framing.
 */

export type TagDataModelName = 'iso28560-3' | 'iso28560-2' | 'rfid501';

/**
 * ISO 28560-1 type of usage. ISO 28560-3 can only store the class (one nibble); ISO 28560-2 stores
 * class and sub-qualifier in one byte (`81` = patron card, adult borrower).
 */
export interface TypeOfUsage {
	/** 0–15, see USAGE_CLASS. */
	readonly usageClass: number;
	/** 0–15; only ISO 28560-2 carries it. */
	readonly subQualifier?: number;
}

export const USAGE_CLASS = {
	acquisition: 0,
	circulating: 1,
	notForCirculation: 2,
	localUse: 3,
	localUseAlternative: 4,
	futureUse: 5,
	noInformation: 6,
	discarded: 7,
	patronCard: 8,
	libraryEquipment: 9
} as const;

export type UsageClassName = keyof typeof USAGE_CLASS | 'reserved';

export function usageClassName(usageClass: number): UsageClassName {
	for (const [name, value] of Object.entries(USAGE_CLASS)) {
		if (value === usageClass) return name as keyof typeof USAGE_CLASS;
	}
	return 'reserved';
}

/** The fields every model can express (each model fills what it stores). */
export interface CommonTagData {
	/** The primary item identifier (PII), normally the barcode; '' when the tag stores none. */
	readonly primaryItemId: string;
	/** Data model version where the model has one (ISO 28560-3: 1). */
	readonly version?: number;
	readonly typeOfUsage?: TypeOfUsage;
	/** Ordinal part number within a multi-part set (1-based; 0 is written by some encoders). */
	readonly partNumber?: number;
	/** Number of parts in the set (a box of 3 discs: 3). */
	readonly partsInSet?: number;
	/** Owner library as an ISIL with its hyphen (`DK-718500`); without a hyphen when the tag has no country. */
	readonly ownerLibrary?: string;
	/** ISO 3166 country of the owner library (`DK`). */
	readonly country?: string;
}

export interface DdmExtensionBlock {
	/** 1 library, 2 acquisition, 3 library supplement, 4 title, 5 ILL; others kept as found. */
	readonly id: number;
	/**
	 * Everything after the two id bytes, XOR check byte included where the writer put it (first or
	 * last: both exist in the field and cannot be told apart, so the bytes are kept as written).
	 */
	readonly body: Uint8Array;
}

export interface Iso28560Part3Extras {
	/** How the blocks were found on the tag; encode always writes canonical, see reverseBlockBytes. */
	readonly blockOrder: 'canonical' | 'block-reversed';
	/** Bytes 1/2 held part number / parts (a known writer bug); decoding already swapped them back. */
	readonly partBytesSwapped: boolean;
	readonly extensionBlocks: readonly DdmExtensionBlock[];
	/** The extension area after the basic block did not parse; blocks before the fault are kept. */
	readonly malformedExtensionArea: boolean;
}

export interface Iso28560Part3TagData extends CommonTagData {
	readonly model: 'iso28560-3';
	readonly extras: Iso28560Part3Extras;
}

export type Iso28560Compaction =
	| 'application-defined'
	| 'integer'
	| 'numeric'
	| '5-bit'
	| '6-bit'
	| '7-bit'
	| 'octets'
	| 'utf-8';

/** A data set the common fields do not cover (shelf location, title, local data, unknown OIDs…). */
export interface Iso28560Part2Element {
	readonly oid: number;
	readonly compaction: Iso28560Compaction;
	/** Text for the character compactions; raw bytes for application-defined data. */
	readonly value: string | Uint8Array;
}

export interface Iso28560Part2Extras {
	/** OIDs the content parameter (OID 2) declares present; absent when the tag has no content parameter. */
	readonly contentParameter?: readonly number[];
	readonly elements: readonly Iso28560Part2Element[];
}

export interface Iso28560Part2TagData extends CommonTagData {
	readonly model: 'iso28560-2';
	readonly extras: Iso28560Part2Extras;
}

export interface Rfid501Extras {
	/** 0 other, 1 book, 2 magazine… see RFID501_ITEM_TYPES. */
	readonly itemType: number;
	/** 12 bits. */
	readonly branch: number;
	/** 20 bits. */
	readonly library: number;
	/** Signed 32-bit, meaning is up to the library. */
	readonly custom: number;
	/** Byte 2 of block 0: always 00 in known tags, meaning unknown, so written back as found. */
	readonly reservedByte: number;
}

export interface Rfid501TagData extends CommonTagData {
	readonly model: 'rfid501';
	readonly extras: Rfid501Extras;
}

export type LibraryTagData = Iso28560Part3TagData | Iso28560Part2TagData | Rfid501TagData;

export type TagDataErrorReason =
	/** Nothing written yet (all zeros, or a manufacturer's blank pattern). */
	| 'blank'
	/** The model's checksum does not match in any byte order the model accepts. */
	| 'crc'
	/** Looks like the model but a version/marker this code does not know. */
	| 'unsupported-version'
	/** The bytes do not follow the model's structure. */
	| 'malformed'
	/** encode: the data cannot be written in this model (too long, out of range, missing). */
	| 'unencodable';

export class TagDataError extends Error {
	constructor(
		readonly reason: TagDataErrorReason,
		message: string
	) {
		super(`${reason}: ${message}`);
		this.name = 'TagDataError';
	}
}

export interface TagDataModel<Data extends LibraryTagData = LibraryTagData> {
	readonly name: TagDataModelName;
	/**
	 * @param userMemory the tag's user memory from block 0, whole blocks
	 * @throws TagDataError and nothing else
	 */
	decode(userMemory: Uint8Array, blockSize: number): Data;
	/**
	 * Accepts data decoded from any model (common fields carry over, other models' extras are
	 * ignored). Returns the whole user memory image (blockSize × blockCount bytes) so stale
	 * content from an earlier model is cleared.
	 * @throws TagDataError('unencodable')
	 */
	encode?(data: LibraryTagData, blockSize: number, blockCount: number): Uint8Array;
}

/** Whether the tag says it is a patron card rather than an item. */
export function isMemberCard(data: LibraryTagData): boolean {
	return data.typeOfUsage?.usageClass === USAGE_CLASS.patronCard;
}

/**
 * Part `part` of a set of `of`, for checking that a whole set is on the reader. Missing or zero
 * values count as 1, because tags without set information are single items.
 */
export function partsOf(data: LibraryTagData): { part: number; of: number } {
	const part = data.partNumber !== undefined && data.partNumber > 0 ? data.partNumber : 1;
	const of = data.partsInSet !== undefined && data.partsInSet > 0 ? data.partsInSet : 1;
	return { part, of };
}
