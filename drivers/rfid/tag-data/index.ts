import { iso28560Part2 } from './iso28560-2';
import { iso28560Part3 } from './iso28560-3';
import { rfid501 } from './rfid501';
import type { TagDataModel, TagDataModelName } from './tag-data-model';

export * from './tag-data-model';
export { detectDataModel, type DataModelGuess } from './detect-data-model';
export { reverseBlockBytes } from './byte-fields';
export { iso28560Part3, crc16CcittFalse, extensionBlockBody } from './iso28560-3';
export { iso28560Part2, ISO28560_2_OIDS } from './iso28560-2';
export { rfid501, RFID501_ITEM_TYPES } from './rfid501';

/** Which model a library's tags use is configuration; this maps the configured name to its codec. */
export const TAG_DATA_MODELS: Readonly<Record<TagDataModelName, TagDataModel>> = {
	'iso28560-3': iso28560Part3,
	'iso28560-2': iso28560Part2,
	rfid501
};
