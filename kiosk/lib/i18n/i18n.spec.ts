import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatDate, formatMoney, interpolate, paramNames } from './format';
import { CATALOGS, I18n } from './i18n.svelte';
import { nl } from './nl';
import {
	BORROW_REFUSAL_KEYS,
	borrowLineView,
	ERROR_KEYS,
	LOGIN_REFUSAL_KEYS,
	RENEW_REFUSAL_KEYS,
	partsMissingText,
	renewView,
	RETURN_ACTION_KEYS,
	RETURN_REFUSAL_KEYS,
	returnActionText,
	returnLineView
} from './outcomes';

describe('message catalogs', () => {
	it('have exactly the same keys', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
	});

	it('use the same {parameters} for every key', () => {
		for (const key of Object.keys(nl) as Array<keyof typeof nl>) {
			expect(paramNames(en[key]), key).toEqual(paramNames(nl[key]));
		}
	});

	it('have no empty messages', () => {
		for (const catalog of Object.values(CATALOGS)) {
			for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe('');
		}
	});

	it('have a sentence for every outcome code in the contract', () => {
		const maps = [LOGIN_REFUSAL_KEYS, ERROR_KEYS, BORROW_REFUSAL_KEYS, RETURN_REFUSAL_KEYS, RETURN_ACTION_KEYS, RENEW_REFUSAL_KEYS];
		for (const map of maps) for (const key of Object.values(map)) expect(nl).toHaveProperty([key]);
	});
});

describe('interpolate', () => {
	it('fills in parameters, repeated ones too', () => {
		expect(interpolate('{a} en {b} en {a}', { a: 1, b: 'twee' })).toBe('1 en twee en 1');
	});

	it('leaves unknown parameters visible', () => {
		expect(interpolate('Hallo {name}', {})).toBe('Hallo {name}');
	});

	it('does not re-interpret values that look like parameters', () => {
		expect(interpolate('{a}', { a: '{b}', b: 'x' })).toBe('{b}');
	});
});

describe('I18n', () => {
	it('starts in Dutch and switches to English and back', () => {
		const i18n = new I18n();
		expect(i18n.language).toBe('nl');
		expect(i18n.t('borrow.greeting', { name: 'Anna' })).toBe('Hallo Anna');
		i18n.set('en');
		expect(i18n.t('borrow.greeting', { name: 'Anna' })).toBe('Hello Anna');
		expect(i18n.other).toBe('nl');
		i18n.toggle();
		expect(i18n.language).toBe('nl');
		i18n.set('en');
		i18n.reset();
		expect(i18n.language).toBe('nl');
	});

	it('starts in the kiosk’s default language when it has one, unless the member already chose', () => {
		const i18n = new I18n();
		i18n.useDefault('en');
		expect(i18n.language).toBe('en');
		i18n.toggle();
		i18n.reset();
		expect(i18n.language).toBe('en');
		const chosen = new I18n();
		chosen.set('en');
		chosen.useDefault('nl');
		expect(chosen.language).toBe('en');
		chosen.useDefault('en');
		chosen.set('nl');
		chosen.reset();
		expect(chosen.language).toBe('en');
	});

	it('names each language in that language for the toggle', () => {
		const i18n = new I18n();
		expect(i18n.tIn(i18n.other, 'language.name')).toBe('English');
		i18n.set('en');
		expect(i18n.tIn(i18n.other, 'language.name')).toBe('Nederlands');
	});

	it('formats the fees sentence with Intl money', () => {
		const i18n = new I18n();
		const amount = i18n.money({ amount: '12.50', currency: 'EUR' });
		expect(i18n.t('borrow.block.fees', { amount })).toBe(
			'U hebt EUR 12,50 aan openstaande kosten. Betaal hier of bij de balie om weer te lenen.'
		);
	});
});

describe('formatDate', () => {
	it('writes a long month in each language', () => {
		expect(formatDate('nl', '2026-12-14', '')).toBe('14 december 2026');
		expect(formatDate('en', '2026-12-14', '')).toBe('14 December 2026');
	});

	it('is not shifted by the time zone (calendar day)', () => {
		expect(formatDate('nl', '2026-01-01', '')).toBe('1 januari 2026');
	});

	it('falls back to the raw text when there is no readable date', () => {
		expect(formatDate('nl', null, '14-12-26')).toBe('14-12-26');
		expect(formatDate('nl', 'garbage', '')).toBe('garbage');
	});
});

describe('formatMoney', () => {
	it('uses the currency code and the locale decimal separator', () => {
		expect(formatMoney('nl', { amount: '12.50', currency: 'EUR' })).toBe('EUR 12,50');
		expect(formatMoney('en', { amount: '12.50', currency: 'EUR' })).toBe('EUR 12.50');
	});

	it('shows unreadable amounts as sent', () => {
		expect(formatMoney('nl', { amount: 'abc', currency: 'EUR' })).toBe('EUR abc');
	});
});

describe('outcome words', () => {
	const i18n = new I18n();

	it('borrow ok: title, status and due date', () => {
		const view = borrowLineView(i18n, {
			seq: 1,
			itemId: '123',
			status: 'done',
			outcome: { itemId: '123', ok: true, title: 'De avonden', dueDate: '2026-12-14', dueDateText: '', renewed: false, security: null, offline: false }
		});
		expect(view).toMatchObject({ outcome: 'ok', title: 'De avonden', status: 'Geleend', detail: 'Terug op 14 december 2026' });
		expect(view).toMatchObject({ key: '123', itemId: '123', security: null, warning: null });
	});

	it('borrow offline: queued, with the offline due date, and a tag left secured is explained', () => {
		const view = borrowLineView(i18n, {
			seq: 1,
			itemId: '123',
			status: 'done',
			outcome: { itemId: '123', ok: true, title: '123', dueDate: '2026-12-14', dueDateText: '2026-12-14', renewed: false, security: 'unchanged', offline: true }
		});
		expect(view).toMatchObject({ outcome: 'ok', status: 'Geleend (wordt doorgegeven zodra de bibliotheek bereikbaar is)', detail: 'Terug op 14 december 2026', security: 'unchanged' });
		expect(view.warning).toBe('De beveiliging van dit item kon nu niet uit. Laat het bij de uitgang aan een medewerker zien.');
	});

	it('borrow ok but the security was not switched off: still lent, and the member is told to leave it', () => {
		const view = borrowLineView(i18n, {
			seq: 1,
			itemId: '123',
			status: 'done',
			outcome: { itemId: '123', ok: true, title: 'De avonden', dueDate: '2026-12-14', dueDateText: '', renewed: false, security: 'failed', offline: false }
		});
		expect(view).toMatchObject({ outcome: 'ok', status: 'Geleend', security: 'failed', detail: 'Terug op 14 december 2026' });
		expect(view.warning).toBe('Laat dit item hier liggen: de beveiliging is niet uitgezet. Een medewerker komt eraan.');
		expect(view.announcement).toBe(
			'De avonden: geleend, terug op 14 december 2026. Laat dit item hier liggen: de beveiliging is niet uitgezet. Een medewerker komt eraan.'
		);
	});

	it('parts missing: names every missing part', () => {
		const refusal = (missing: number[], of: number) =>
			borrowLineView(i18n, {
				seq: 1,
				itemId: '7',
				status: 'done',
				outcome: { itemId: '7', ok: false, reason: 'parts-missing', title: 'Planeet Aarde', message: null, parts: { missing, of } }
			});
		expect(refusal([2], 3).detail).toBe('Deel 2 van 3 ontbreekt. Leg alle delen samen op de plaat.');
		expect(refusal([3, 2], 3).detail).toBe('Deel 2 en 3 van 3 ontbreken. Leg alle delen samen op de plaat.');
		expect(refusal([1, 2, 4], 5).detail).toBe('Deel 1, 2 en 4 van 5 ontbreken. Leg alle delen samen op de plaat.');
		expect(refusal([], 3).detail).toBe(nl['borrow.refusal.parts-missing']);
		const english = new I18n();
		english.set('en');
		expect(partsMissingText(english, { missing: [2, 3], of: 3 })).toBe(
			'Parts 2 and 3 of 3 are missing. Please put all the parts on the pad together.'
		);
		const noParts = returnLineView(i18n, {
			seq: 1,
			itemId: '7',
			status: 'done',
			outcome: { itemId: '7', ok: false, reason: 'parts-missing', title: null, message: null }
		});
		expect(noParts).toMatchObject({ reason: 'parts-missing', detail: nl['return.refusal.parts-missing'] });
	});

	it('an unreadable pad tag: one refused line keyed by its uid, without an item number', () => {
		const view = borrowLineView(i18n, { seq: 4, itemId: null, status: 'unreadable', uid: 'E0040150AB' });
		expect(view).toMatchObject({
			key: 'tag:E0040150AB',
			itemId: null,
			outcome: 'refused',
			reason: 'unreadable',
			status: 'Niet geleend',
			detail: 'Een item kon niet worden gelezen. Geef het aan een medewerker.'
		});
		expect(returnLineView(i18n, { seq: 4, itemId: null, status: 'unreadable', uid: 'E0040150AB' }).status).toBe('Niet ingeleverd');
	});

	it('borrow refusal: our sentence plus the library message', () => {
		const view = borrowLineView(i18n, {
			seq: 1,
			itemId: '9',
			status: 'done',
			outcome: { itemId: '9', ok: false, reason: 'hold-for-other', title: null, message: 'Gereserveerd' }
		});
		expect(view.outcome).toBe('refused');
		expect(view.reason).toBe('hold-for-other');
		expect(view.title).toBe('Item 9');
		expect(view.detail).toBe(nl['borrow.refusal.hold-for-other']);
		expect(view.systemMessage).toContain('Gereserveerd');
	});

	it('a failed request is a refused line with the error in words', () => {
		const view = borrowLineView(i18n, { seq: 1, itemId: '9', status: 'error', code: 'library-unavailable' });
		expect(view).toMatchObject({ outcome: 'refused', reason: 'library-unavailable', detail: nl['error.library-unavailable'] });
	});

	it('return instructions, transit with destination', () => {
		expect(returnActionText(i18n, 'transit', 'Noord')).toBe('Leg het in de transportbak voor Noord.');
		expect(returnActionText(i18n, 'transit', null)).toBe('Leg het in de transportbak.');
		const view = returnLineView(i18n, {
			seq: 2,
			itemId: '5',
			status: 'done',
			outcome: { itemId: '5', ok: true, title: 'Max Havelaar', action: 'hold-shelf', destination: null, security: 'done' }
		});
		expect(view).toMatchObject({ outcome: 'ok', status: 'Ingeleverd', detail: 'Leg het op de reserveringsplank.', security: 'done', warning: null });
	});

	it('return ok but the security was not switched on: the warning replaces the instruction', () => {
		const view = returnLineView(i18n, {
			seq: 2,
			itemId: '5',
			status: 'done',
			outcome: { itemId: '5', ok: true, title: 'Max Havelaar', action: 'shelve', destination: null, security: 'failed' }
		});
		expect(view).toMatchObject({ outcome: 'ok', status: 'Ingeleverd', detail: null, security: 'failed' });
		expect(view.warning).toBe('Laat dit item hier liggen: de beveiliging is niet aangezet. Een medewerker komt eraan.');
		expect(view.announcement).toBe('Max Havelaar: ingeleverd. Laat dit item hier liggen: de beveiliging is niet aangezet. Een medewerker komt eraan.');
	});

	it('renewals', () => {
		expect(renewView(i18n, { itemId: '1', ok: true, title: 'X', dueDate: '2027-01-04', dueDateText: '' }).text).toBe(
			'Verlengd. Nu terug op 4 januari 2027'
		);
		const refused = renewView(i18n, { itemId: '1', ok: false, reason: 'renewal-limit', title: null, message: null });
		expect(refused.outcome).toBe('refused');
		expect(refused.text).toContain(nl['account.renewal.renewal-limit']);
	});
});
