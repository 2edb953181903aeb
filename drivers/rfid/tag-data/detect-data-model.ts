import { isFilledWith } from './byte-fields';
import { ISO28560_2_OIDS, iso28560Part2 } from './iso28560-2';
import { iso28560Part3 } from './iso28560-3';
import { RFID501_ITEM_TYPES, rfid501 } from './rfid501';
import { TagDataError, type LibraryTagData, type TagDataErrorReason, type TagDataModelName } from './tag-data-model';

export type DataModelGuess =
	| { readonly kind: 'decoded'; readonly model: TagDataModelName; readonly data: LibraryTagData }
	| { readonly kind: 'blank' }
	/** Why each model turned the memory down, for the technician. */
	| { readonly kind: 'unknown'; readonly rejections: Readonly<Record<TagDataModelName, TagDataErrorReason>> };

/** Visible ASCII: what a barcode on a tag without any checksum should at least look like. */
const PLAUSIBLE_IDENTIFIER = /^[\x21-\x7e]+$/;

/**
 * Guesses the data model for the technician's probe tool (the kiosk itself uses the configured
 * model). The CRC-checked model is tried first because its first byte (11) is also a valid
 * ISO 28560-2 precursor; RFID501 has no checksum, so it only counts with a known item type and a
 * readable barcode.
 */
export function detectDataModel(userMemory: Uint8Array, blockSize = 4): DataModelGuess {
	if (isFilledWith(userMemory, 0)) return { kind: 'blank' };
	const rejections: Partial<Record<TagDataModelName, TagDataErrorReason>> = {};
	const attempt = <Data extends LibraryTagData>(name: TagDataModelName, decode: () => Data): Data | undefined => {
		try {
			return decode();
		} catch (error) {
			if (!(error instanceof TagDataError)) throw error;
			rejections[name] = error.reason;
			return undefined;
		}
	};
	const ddm = attempt('iso28560-3', () => iso28560Part3.decode(userMemory, blockSize));
	if (ddm) return { kind: 'decoded', model: 'iso28560-3', data: ddm };
	const threeM = attempt('rfid501', () => rfid501.decode(userMemory, blockSize));
	if (threeM) {
		if (threeM.extras.itemType in RFID501_ITEM_TYPES && PLAUSIBLE_IDENTIFIER.test(threeM.primaryItemId)) {
			return { kind: 'decoded', model: 'rfid501', data: threeM };
		}
		rejections.rfid501 = 'malformed';
	}
	const objectEncoded = attempt('iso28560-2', () => iso28560Part2.decode(userMemory, blockSize));
	if (objectEncoded) {
		// Random bytes starting 11 often parse as data sets; a real tag has one PII and one content parameter.
		const repeatsPiiOrContentParameter = objectEncoded.extras.elements.some(({ oid }) => oid <= ISO28560_2_OIDS.contentParameter);
		if (!repeatsPiiOrContentParameter && PLAUSIBLE_IDENTIFIER.test(objectEncoded.primaryItemId)) {
			return { kind: 'decoded', model: 'iso28560-2', data: objectEncoded };
		}
		rejections['iso28560-2'] = 'malformed';
	}
	// The 3M manufacturing blank is only blank to RFID501 (the other models call it malformed).
	if (Object.values(rejections).includes('blank')) return { kind: 'blank' };
	return {
		kind: 'unknown',
		rejections: {
			'iso28560-3': rejections['iso28560-3'] ?? 'malformed',
			'iso28560-2': rejections['iso28560-2'] ?? 'malformed',
			rfid501: rejections.rfid501 ?? 'malformed'
		}
	};
}
