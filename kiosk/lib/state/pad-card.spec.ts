import { describe, expect, it } from 'vitest';
import type { PadTag } from '$lib/api/contract';
import { PadCardWatch } from './pad-card';

const card = (uid: string, id: string | null): PadTag => ({ uid, kind: 'member-card', id, part: 1, of: 1 });
const book: PadTag = { uid: 'B', kind: 'item', id: '30001000000010', part: 1, of: 1 };

describe('PadCardWatch', () => {
	it('takes a card laid down after the first look', () => {
		const watch = new PadCardWatch();
		expect(watch.update([])).toBeNull();
		expect(watch.update([book])).toBeNull();
		expect(watch.update([book, card('M', ' 20001000000012 ')])).toBe('20001000000012');
		// Still lying there: not again.
		expect(watch.update([book, card('M', '20001000000012')])).toBeNull();
	});

	it('ignores a card that already lay there (the previous member left it), until it is laid down again', () => {
		const watch = new PadCardWatch();
		expect(watch.update([card('M', '20001000000012')])).toBeNull();
		expect(watch.update([card('M', '20001000000012')])).toBeNull();
		expect(watch.update([])).toBeNull();
		expect(watch.update([card('M', '20001000000012')])).toBe('20001000000012');
	});

	it('takes a new baseline after the stream broke', () => {
		const watch = new PadCardWatch();
		watch.update([]);
		watch.forget();
		expect(watch.update([card('M', '20001000000012')])).toBeNull();
	});

	it('ignores cards without a number', () => {
		const watch = new PadCardWatch();
		watch.update([]);
		expect(watch.update([card('M', null), card('N', ' ')])).toBeNull();
	});
});
