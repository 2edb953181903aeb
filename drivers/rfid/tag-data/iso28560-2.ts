import { assertByteRange, assertWholeBlocks, memoryImage } from './byte-fields';
import { decodeIsil, encodeIsil } from './isil-compaction';
import {
	COMPACTION_BY_CODE,
	compactText,
	compactionCode,
	decodeCharacters,
	encodeCharacters,
	type CharacterCompaction
} from './iso15962-compaction';
import {
	TagDataError,
	type Iso28560Compaction,
	type Iso28560Part2Element,
	type Iso28560Part2TagData,
	type LibraryTagData,
	type TagDataModel,
	type TypeOfUsage
} from './tag-data-model';

/**
 * ISO 28560-2: data sets in ISO/IEC 15962 object encoding (no directory). Each data set is
 * `precursor [offset] [OID extension] length data [offset × pad]`; a 00 precursor or the end of
 * memory ends the data.
 */

export const ISO28560_2_OIDS = {
	primaryItemId: 1,
	contentParameter: 2,
	ownerLibrary: 3,
	setInformation: 4,
	typeOfUsage: 5,
	shelfLocation: 6,
	onixMediaFormat: 7,
	marcMediaFormat: 8,
	supplierId: 9,
	orderNumber: 10,
	illBorrowingInstitution: 11,
	illBorrowingTransactionNumber: 12,
	gs1ProductId: 13,
	alternativeUniqueItemId: 14,
	localDataA: 15,
	localDataB: 16,
	title: 17,
	localProductId: 18,
	mediaFormatOther: 19,
	supplyChainStage: 20,
	supplierInvoiceNumber: 21,
	alternativeItemId: 22,
	alternativeOwnerLibrary: 23,
	subsidiaryOfOwnerLibrary: 24,
	alternativeIllInstitution: 25,
	localDataC: 26
} as const;

const OFFSET_FLAG = 0x80;
/**
 * Relative OIDs above 14 set the precursor's OID bits to 15 and put (OID − 15) in the next byte,
 * as ISO/IEC 15962 does; the sheet leaves this to confirm, so it is one constant to change.
 */
const EXTENDED_OID_MARKER = 15;
/** A length byte from 80 up would be the multi-byte length form, which no HF library tag needs. */
const MAX_DATA_SET_LENGTH = 0x7f;
const FIRST_CONTENT_PARAMETER_OID = 3;
/** Set information halves beyond this would not be part counts but noise. */
const MAX_SET_INFORMATION_DIGITS = 6;

interface DataSet {
	readonly oid: number;
	readonly compaction: Iso28560Compaction;
	readonly bytes: Uint8Array;
}

function readDataSets(memory: Uint8Array): DataSet[] {
	const dataSets: DataSet[] = [];
	let position = 0;
	const nextByte = (what: string): number => {
		const byte = memory[position++];
		if (byte === undefined) throw new TagDataError('malformed', `data set cut off before its ${what}`);
		return byte;
	};
	while (position < memory.length) {
		const precursor = nextByte('precursor');
		if (precursor === 0) break;
		const offset = precursor & OFFSET_FLAG ? nextByte('offset') : 0;
		const oidBits = precursor & 0x0f;
		if (oidBits === 0) throw new TagDataError('malformed', `precursor ${precursor.toString(16)} has relative OID 0`);
		const oid = oidBits === EXTENDED_OID_MARKER ? EXTENDED_OID_MARKER + nextByte('OID') : oidBits;
		const length = nextByte('length');
		if (length > MAX_DATA_SET_LENGTH) throw new TagDataError('malformed', `data set length byte ${length.toString(16)}`);
		if (position + length > memory.length) throw new TagDataError('malformed', `OID ${oid} data runs past the end of memory`);
		const compaction = COMPACTION_BY_CODE[(precursor >> 4) & 0x07] ?? 'application-defined';
		dataSets.push({ oid, compaction, bytes: memory.slice(position, position + length) });
		position += length + offset;
	}
	return dataSets;
}

function contentParameterOids(bitmap: Uint8Array): number[] {
	const oids: number[] = [];
	bitmap.forEach((byte, index) => {
		for (let bit = 0; bit < 8; bit++) {
			if (byte & (0x80 >> bit)) oids.push(FIRST_CONTENT_PARAMETER_OID + index * 8 + bit);
		}
	});
	return oids;
}

/**
 * Total parts first, then the part number, each half of the digits (Annex D's `1203`: part 3 of
 * 12). An odd digit count means an integer compaction dropped a leading zero.
 */
function parseSetInformation(text: string): { partsInSet: number; partNumber: number } | undefined {
	if (!/^[0-9]+$/.test(text) || text.length < 2) return undefined;
	const digits = text.length % 2 === 1 ? `0${text}` : text;
	const half = digits.length / 2;
	if (half > MAX_SET_INFORMATION_DIGITS) return undefined;
	return { partsInSet: Number(digits.slice(0, half)), partNumber: Number(digits.slice(half)) };
}

function formatSetInformation(partsInSet: number, partNumber: number): string {
	const width = Math.max(2, String(partsInSet).length, String(partNumber).length);
	return String(partsInSet).padStart(width, '0') + String(partNumber).padStart(width, '0');
}

function elementOf(dataSet: DataSet): Iso28560Part2Element {
	const value =
		dataSet.compaction === 'application-defined' ? dataSet.bytes : decodeCharacters(dataSet.compaction, dataSet.bytes);
	return { oid: dataSet.oid, compaction: dataSet.compaction, value };
}

function decode(userMemory: Uint8Array, blockSize: number): Iso28560Part2TagData {
	assertWholeBlocks(userMemory, blockSize);
	if (userMemory.length === 0 || userMemory[0] === 0) throw new TagDataError('blank', 'no data sets');
	const [first, ...others] = readDataSets(userMemory);
	if (first?.oid !== ISO28560_2_OIDS.primaryItemId || first.compaction === 'application-defined') {
		throw new TagDataError('malformed', 'the first data set is not a primary item identifier');
	}
	const primaryItemId = decodeCharacters(first.compaction, first.bytes);
	let contentParameter: number[] | undefined;
	let ownerLibrary: string | undefined;
	let set: { partsInSet: number; partNumber: number } | undefined;
	let typeOfUsage: TypeOfUsage | undefined;
	const elements: Iso28560Part2Element[] = [];
	for (const dataSet of others) {
		const appDefined = dataSet.compaction === 'application-defined';
		if (dataSet.oid === ISO28560_2_OIDS.contentParameter && appDefined && contentParameter === undefined) {
			contentParameter = contentParameterOids(dataSet.bytes);
		} else if (dataSet.oid === ISO28560_2_OIDS.ownerLibrary && ownerLibrary === undefined) {
			ownerLibrary = appDefined ? decodeIsil(dataSet.bytes) : decodeCharacters(dataSet.compaction, dataSet.bytes);
		} else if (dataSet.oid === ISO28560_2_OIDS.setInformation && !appDefined && set === undefined) {
			set = parseSetInformation(decodeCharacters(dataSet.compaction, dataSet.bytes));
			if (set === undefined) elements.push(elementOf(dataSet));
		} else if (dataSet.oid === ISO28560_2_OIDS.typeOfUsage && appDefined && dataSet.bytes.length === 1 && !typeOfUsage) {
			const byte = dataSet.bytes[0] ?? 0;
			typeOfUsage = { usageClass: byte >> 4, subQualifier: byte & 0x0f };
		} else {
			elements.push(elementOf(dataSet));
		}
	}
	const country = ownerLibrary?.match(/^([A-Za-z]{2})-/)?.[1];
	return {
		model: 'iso28560-2',
		primaryItemId,
		...(typeOfUsage && { typeOfUsage }),
		...set,
		...(ownerLibrary !== undefined && { ownerLibrary }),
		...(country !== undefined && { country }),
		extras: { ...(contentParameter && { contentParameter }), elements }
	};
}

function dataSetBytes(oid: number, compaction: Iso28560Compaction, bytes: Uint8Array): number[] {
	assertByteRange(oid, 1, EXTENDED_OID_MARKER + 0xff, 'relative OID');
	if (bytes.length > MAX_DATA_SET_LENGTH) {
		throw new TagDataError('unencodable', `OID ${oid}: ${bytes.length} bytes, a data set holds ${MAX_DATA_SET_LENGTH}`);
	}
	const precursor = (compactionCode(compaction) << 4) | Math.min(oid, EXTENDED_OID_MARKER);
	const extension = oid >= EXTENDED_OID_MARKER ? [oid - EXTENDED_OID_MARKER] : [];
	return [precursor, ...extension, bytes.length, ...bytes];
}

function textDataSet(oid: number, text: string, preferred?: Iso28560Compaction): number[] {
	const asPreferred =
		preferred !== undefined && preferred !== 'application-defined'
			? encodeCharacters(preferred as CharacterCompaction, text)
			: undefined;
	if (asPreferred !== undefined && preferred !== undefined) return dataSetBytes(oid, preferred, asPreferred);
	const { compaction, bytes } = compactText(text);
	return dataSetBytes(oid, compaction, bytes);
}

function contentParameterBitmap(oids: readonly number[]): Uint8Array {
	const highest = Math.max(...oids);
	const bitmap = new Uint8Array(Math.ceil((highest - FIRST_CONTENT_PARAMETER_OID + 1) / 8));
	for (const oid of oids) {
		const bit = oid - FIRST_CONTENT_PARAMETER_OID;
		bitmap[bit >> 3] = (bitmap[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
	}
	return bitmap;
}

/** Common fields first, then the other elements in their order; the content parameter is recomputed. */
function encode(data: LibraryTagData, blockSize: number, blockCount: number): Uint8Array {
	const image = memoryImage(blockSize, blockCount);
	const later: { oid: number; bytes: number[] }[] = [];
	if (data.ownerLibrary !== undefined) {
		const isil = encodeIsil(data.ownerLibrary);
		later.push({
			oid: ISO28560_2_OIDS.ownerLibrary,
			bytes:
				isil === undefined
					? textDataSet(ISO28560_2_OIDS.ownerLibrary, data.ownerLibrary)
					: dataSetBytes(ISO28560_2_OIDS.ownerLibrary, 'application-defined', isil)
		});
	}
	const hasSet = data.partsInSet !== undefined || data.partNumber !== undefined;
	if (hasSet) {
		if (data.partsInSet === undefined || data.partNumber === undefined) {
			throw new TagDataError('unencodable', 'set information needs both the number of parts and the part number');
		}
		const limit = 10 ** MAX_SET_INFORMATION_DIGITS - 1;
		assertByteRange(data.partsInSet, 0, limit, 'parts in set');
		assertByteRange(data.partNumber, 0, limit, 'part number');
		const text = formatSetInformation(data.partsInSet, data.partNumber);
		later.push({ oid: ISO28560_2_OIDS.setInformation, bytes: textDataSet(ISO28560_2_OIDS.setInformation, text) });
	}
	if (data.typeOfUsage !== undefined) {
		const { usageClass, subQualifier = 0 } = data.typeOfUsage;
		assertByteRange(usageClass, 0, 15, 'type of usage class');
		assertByteRange(subQualifier, 0, 15, 'type of usage sub-qualifier');
		const byte = new Uint8Array([(usageClass << 4) | subQualifier]);
		later.push({ oid: ISO28560_2_OIDS.typeOfUsage, bytes: dataSetBytes(ISO28560_2_OIDS.typeOfUsage, 'application-defined', byte) });
	}
	const coveredByCommonFields = new Set<number>([
		ISO28560_2_OIDS.primaryItemId,
		ISO28560_2_OIDS.contentParameter,
		...(data.ownerLibrary !== undefined ? [ISO28560_2_OIDS.ownerLibrary] : []),
		...(hasSet ? [ISO28560_2_OIDS.setInformation] : []),
		...(data.typeOfUsage !== undefined ? [ISO28560_2_OIDS.typeOfUsage] : [])
	]);
	for (const element of data.model === 'iso28560-2' ? data.extras.elements : []) {
		if (coveredByCommonFields.has(element.oid)) continue;
		const bytes =
			typeof element.value === 'string'
				? textDataSet(element.oid, element.value, element.compaction)
				: dataSetBytes(element.oid, 'application-defined', element.value);
		later.push({ oid: element.oid, bytes });
	}

	const encoded = [...textDataSet(ISO28560_2_OIDS.primaryItemId, data.primaryItemId)];
	const declared = [...new Set(later.map(({ oid }) => oid).filter((oid) => oid >= FIRST_CONTENT_PARAMETER_OID))].sort((a, b) => a - b);
	if (declared.length > 0) {
		encoded.push(...dataSetBytes(ISO28560_2_OIDS.contentParameter, 'application-defined', contentParameterBitmap(declared)));
	}
	for (const { bytes } of later) encoded.push(...bytes);
	if (encoded.length > image.length) {
		throw new TagDataError('unencodable', `${encoded.length} bytes of data sets, the tag holds ${image.length}`);
	}
	image.set(encoded);
	return image;
}

export const iso28560Part2: TagDataModel<Iso28560Part2TagData> = { name: 'iso28560-2', decode, encode };
