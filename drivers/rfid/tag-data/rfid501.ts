import {
	assertByteRange,
	assertWholeBlocks,
	isFilledWith,
	memoryImage,
	readNulPaddedText,
	writeNulPaddedText
} from './byte-fields';
import { TagDataError, type LibraryTagData, type Rfid501TagData, type TagDataModel } from './tag-data-model';

/**
 * 3M "RFID501" (the 3M alphanumeric format): block 0 `04 <part:4|total:4> 00 <item type>`,
 * blocks 1–4 the barcode, block 5 branch (12 bits) + library (20 bits), block 6 a signed custom
 * value, all big-endian. There is no checksum, so nothing but the marker byte guards a decode.
 */

const MARKER = 0x04;
const BARCODE_OFFSET = 4;
const BARCODE_LENGTH = 16;
const BRANCH_LIBRARY_OFFSET = 20;
const CUSTOM_OFFSET = 24;
const LAYOUT_LENGTH = 28;
const MANUFACTURER_BLANK = new Uint8Array([...new Array<number>(24).fill(0x55), 0, 0, 0, 0]);

export const RFID501_ITEM_TYPES: Readonly<Record<number, string>> = {
	0: 'other',
	1: 'book',
	2: 'magazine',
	3: 'bound journal',
	4: 'audio tape',
	5: 'video',
	6: 'CD/CD-ROM',
	7: 'diskette',
	8: 'book with diskette',
	9: 'book with CD',
	13: 'book with audio tape'
};

function decode(userMemory: Uint8Array, blockSize: number): Rfid501TagData {
	assertWholeBlocks(userMemory, blockSize);
	if (userMemory.length < LAYOUT_LENGTH) {
		throw new TagDataError('malformed', `${userMemory.length} bytes, the layout needs ${LAYOUT_LENGTH}`);
	}
	const layout = userMemory.subarray(0, LAYOUT_LENGTH);
	if (isFilledWith(layout, 0)) throw new TagDataError('blank', 'blocks 0–6 are all zeros');
	if (layout.every((byte, index) => byte === MANUFACTURER_BLANK[index])) {
		throw new TagDataError('blank', "3M's manufacturing blank (55…55 00000000)");
	}
	const marker = layout[0] ?? 0;
	if (marker !== MARKER) throw new TagDataError('unsupported-version', `first byte ${marker.toString(16).padStart(2, '0')}, expected 04`);
	const view = new DataView(layout.buffer, layout.byteOffset, layout.byteLength);
	const set = layout[1] ?? 0;
	const branchAndLibrary = view.getUint32(BRANCH_LIBRARY_OFFSET);
	return {
		model: 'rfid501',
		primaryItemId: readNulPaddedText(layout.subarray(BARCODE_OFFSET, BARCODE_OFFSET + BARCODE_LENGTH)),
		partNumber: set >> 4,
		partsInSet: set & 0x0f,
		extras: {
			itemType: layout[3] ?? 0,
			branch: branchAndLibrary >>> 20,
			library: branchAndLibrary & 0xfffff,
			custom: view.getInt32(CUSTOM_OFFSET),
			reservedByte: layout[2] ?? 0
		}
	};
}

/** Data from another model gets item type 0 ("other") and zero branch, library and custom value. */
function encode(data: LibraryTagData, blockSize: number, blockCount: number): Uint8Array {
	const image = memoryImage(blockSize, blockCount);
	if (image.length < LAYOUT_LENGTH) {
		throw new TagDataError('unencodable', `${image.length} bytes of user memory, the layout needs ${LAYOUT_LENGTH}`);
	}
	const extras =
		data.model === 'rfid501' ? data.extras : { itemType: 0, branch: 0, library: 0, custom: 0, reservedByte: 0 };
	const partNumber = data.partNumber ?? 1;
	const partsInSet = data.partsInSet ?? 1;
	assertByteRange(partNumber, 0, 15, 'part number');
	assertByteRange(partsInSet, 0, 15, 'parts in set');
	assertByteRange(extras.itemType, 0, 0xff, 'item type');
	assertByteRange(extras.reservedByte, 0, 0xff, 'reserved byte');
	assertByteRange(extras.branch, 0, 0xfff, 'branch');
	assertByteRange(extras.library, 0, 0xfffff, 'library');
	assertByteRange(extras.custom, -0x80000000, 0x7fffffff, 'custom value');

	image[0] = MARKER;
	image[1] = (partNumber << 4) | partsInSet;
	image[2] = extras.reservedByte;
	image[3] = extras.itemType;
	writeNulPaddedText(image, BARCODE_OFFSET, BARCODE_LENGTH, data.primaryItemId, 'barcode');
	const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
	view.setUint32(BRANCH_LIBRARY_OFFSET, ((extras.branch << 20) | extras.library) >>> 0);
	view.setInt32(CUSTOM_OFFSET, extras.custom);
	return image;
}

export const rfid501: TagDataModel<Rfid501TagData> = { name: 'rfid501', decode, encode };
