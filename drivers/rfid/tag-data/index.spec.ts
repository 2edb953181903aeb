import { describe, expect, it } from 'vitest';
import {
	TAG_DATA_MODELS,
	isMemberCard,
	partsOf,
	usageClassName,
	type LibraryTagData,
	type TagDataModelName
} from './index';

const item = (fields: Partial<LibraryTagData> = {}): LibraryTagData =>
	({ model: 'rfid501', primaryItemId: '1', extras: { itemType: 0, branch: 0, library: 0, custom: 0, reservedByte: 0 }, ...fields }) as LibraryTagData;

describe('tag data registry and helpers', () => {
	it('registers each model under its own name, all able to encode', () => {
		const names: TagDataModelName[] = ['iso28560-3', 'iso28560-2', 'rfid501'];
		expect(Object.keys(TAG_DATA_MODELS).sort()).toEqual([...names].sort());
		for (const name of names) {
			expect(TAG_DATA_MODELS[name].name).toBe(name);
			expect(typeof TAG_DATA_MODELS[name].encode).toBe('function');
		}
	});

	it('names the type of usage classes of the sheet (0–9), the rest reserved', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15].map(usageClassName)).toEqual([
			'acquisition',
			'circulating',
			'notForCirculation',
			'localUse',
			'localUseAlternative',
			'futureUse',
			'noInformation',
			'discarded',
			'patronCard',
			'libraryEquipment',
			'reserved',
			'reserved'
		]);
	});

	it('isMemberCard: only type of usage class 8 is a patron card', () => {
		expect(isMemberCard(item({ typeOfUsage: { usageClass: 8, subQualifier: 3 } }))).toBe(true);
		expect(isMemberCard(item({ typeOfUsage: { usageClass: 1 } }))).toBe(false);
		expect(isMemberCard(item())).toBe(false);
	});

	it('partsOf: the set position, single items (no or zero set information) as 1 of 1', () => {
		expect(partsOf(item({ partNumber: 2, partsInSet: 3 }))).toEqual({ part: 2, of: 3 });
		expect(partsOf(item())).toEqual({ part: 1, of: 1 });
		expect(partsOf(item({ partNumber: 0, partsInSet: 0 }))).toEqual({ part: 1, of: 1 });
	});
});
