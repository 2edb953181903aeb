import { describe, expect, it, vi } from 'vitest';
import type { ReceiptOptions, ReceiptResult } from '$lib/api/contract';
import { KioskApiError } from '$lib/services/kiosk-api';
import { ReceiptChoice } from './receipt-choice.svelte';

function api(options: ReceiptOptions | Error, results: Array<ReceiptResult | Error> = []) {
	return {
		receiptOptions: vi.fn(async () => {
			if (options instanceof Error) throw options;
			return options;
		}),
		sendReceipt: vi.fn(async () => {
			const next = results.shift();
			if (!next || next instanceof Error) throw next ?? new Error('unexpected');
			return next;
		})
	};
}

const BOTH: ReceiptOptions = { hasContent: true, print: true, email: 's***@example.nl' };

describe('ReceiptChoice', () => {
	it('offers print and e-mail (masked) when the session has something and the kiosk can do both', async () => {
		const choice = new ReceiptChoice(api(BOTH));
		expect(await choice.load()).toBe(true);
		expect(choice.phase).toBe('choosing');
		expect(choice.canPrint).toBe(true);
		expect(choice.email).toBe('s***@example.nl');
	});

	it('is skipped with nothing on the receipt, with no way to give one, or when the server cannot be asked', async () => {
		for (const options of [{ ...BOTH, hasContent: false }, { hasContent: true, print: false, email: null }, new KioskApiError('no-session', 401)]) {
			const choice = new ReceiptChoice(api(options));
			expect(await choice.load()).toBe(false);
			expect(choice.phase).toBe('skipped');
		}
	});

	it('prints in the member language and is done', async () => {
		const fake = api(BOTH, [{ ok: true, channel: 'print' }]);
		const choice = new ReceiptChoice(fake);
		await choice.load();
		expect(await choice.choose('print', 'en')).toBe(true);
		expect(fake.sendReceipt).toHaveBeenCalledWith('print', 'en');
		expect([choice.phase, choice.sent, choice.problem]).toEqual(['done', 'print', null]);
	});

	it('after paper out says so, no longer offers printing, and the e-mail still works', async () => {
		const choice = new ReceiptChoice(api(BOTH, [{ ok: false, reason: 'paper-out' }, { ok: true, channel: 'email' }]));
		await choice.load();
		expect(await choice.choose('print', 'nl')).toBe(false);
		expect([choice.phase, choice.problem, choice.canPrint, choice.email]).toEqual(['choosing', 'paper-out', false, 's***@example.nl']);
		expect(await choice.choose('email', 'nl')).toBe(true);
		expect([choice.phase, choice.sent, choice.problem]).toEqual(['done', 'email', null]);
	});

	it('after a failed e-mail (or no answer) offers what is left', async () => {
		const choice = new ReceiptChoice(api(BOTH, [new KioskApiError('library-unavailable')]));
		await choice.load();
		expect(await choice.choose('email', 'nl')).toBe(false);
		expect([choice.problem, choice.email, choice.canPrint]).toEqual(['failed', null, true]);
	});

	it('takes no receipt when declined', async () => {
		const fake = api(BOTH);
		const choice = new ReceiptChoice(fake);
		await choice.load();
		choice.decline();
		expect([choice.phase, choice.sent]).toEqual(['done', null]);
		expect(fake.sendReceipt).not.toHaveBeenCalled();
	});
});
