import { describe, expect, it, vi } from 'vitest';
import type { LoginResponse, MemberSummary } from '$lib/api/contract';
import { KioskApiError } from '$lib/services/kiosk-api';
import { LoginFlow } from './login-flow.svelte';

const anna: MemberSummary = { firstName: 'Anna', borrowBlock: null, feesOwed: null, offline: false };

function flowWith(answer: () => Promise<LoginResponse>) {
	const login = vi.fn((_card: string, _pin: string) => answer());
	const onSuccess = vi.fn();
	const flow = new LoginFlow({ login, onSuccess, maxPinLength: 6 });
	return { flow, login, onSuccess };
}

function type(flow: LoginFlow, keys: string): void {
	for (const key of keys) flow.press(key);
}

describe('LoginFlow', () => {
	it('offline: logs in with the card alone, typed or scanned, and asks for the PIN if the library is back', async () => {
		let offline = true;
		const answers: LoginResponse[] = [
			{ ok: true, member: { ...anna, firstName: '', offline: true } },
			{ ok: false, reason: 'pin-needed' }
		];
		const login = vi.fn(async (_card: string, _pin: string) => answers.shift()!);
		const onSuccess = vi.fn();
		const flow = new LoginFlow({ login, onSuccess, withoutPin: () => offline });
		type(flow, '20001000000012');
		await flow.confirm();
		expect(login).toHaveBeenCalledWith('20001000000012', '');
		expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ offline: true }));

		flow.startWithCard('20001000000012');
		await vi.waitFor(() => expect(login).toHaveBeenCalledTimes(2));
		await vi.waitFor(() => expect(flow.step).toBe('pin'));
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'pin-needed' });
		expect(flow.card).toBe('20001000000012');
	});

	it('takes the card, then the PIN, then logs in', async () => {
		const { flow, login, onSuccess } = flowWith(async () => ({ ok: true, member: anna }));
		type(flow, '12345');
		flow.press('Backspace');
		expect(flow.card).toBe('1234');
		await flow.confirm();
		expect(flow.step).toBe('pin');
		type(flow, '0000');
		expect(flow.pin).toBe('0000');
		await flow.confirm();
		expect(login).toHaveBeenCalledWith('1234', '0000');
		expect(onSuccess).toHaveBeenCalledWith(anna);
		expect(flow.pin).toBe('');
		expect(flow.card).toBe('');
	});

	it('ignores non-digits and limits the PIN length', () => {
		const { flow } = flowWith(async () => ({ ok: true, member: anna }));
		flow.startWithCard('99');
		expect(flow.press('a')).toBe(false);
		type(flow, '123456789');
		expect(flow.pin).toBe('123456');
	});

	it('does not continue without input', async () => {
		const { flow, login } = flowWith(async () => ({ ok: true, member: anna }));
		await flow.confirm();
		expect(flow.step).toBe('card');
		flow.startWithCard('5');
		await flow.confirm();
		expect(login).not.toHaveBeenCalled();
	});

	it('a wrong PIN clears it and stays on the PIN step', async () => {
		const { flow } = flowWith(async () => ({ ok: false, reason: 'pin-wrong' }));
		flow.startWithCard('1234');
		type(flow, '9999');
		await flow.confirm();
		expect(flow.step).toBe('pin');
		expect(flow.pin).toBe('');
		expect(flow.card).toBe('1234');
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'pin-wrong' });
		flow.press('1');
		expect(flow.problem).toBeNull();
	});

	it('an unknown card goes back to the card step keeping the number', async () => {
		const { flow } = flowWith(async () => ({ ok: false, reason: 'card-unknown' }));
		flow.startWithCard('1234');
		type(flow, '1');
		await flow.confirm();
		expect(flow.step).toBe('card');
		expect(flow.card).toBe('1234');
	});

	it('a blocked card goes back to the card step and forgets the number', async () => {
		const { flow } = flowWith(async () => ({ ok: false, reason: 'card-blocked' }));
		flow.startWithCard('1234');
		type(flow, '1');
		await flow.confirm();
		expect(flow.step).toBe('card');
		expect(flow.card).toBe('');
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'card-blocked' });
	});

	it('a card locked after wrong PINs goes back to the card step and forgets the number', async () => {
		const { flow } = flowWith(async () => ({ ok: false, reason: 'card-locked' }));
		flow.startWithCard('1234');
		type(flow, '9999');
		await flow.confirm();
		expect(flow).toMatchObject({ step: 'card', card: '', pin: '' });
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'card-locked' });
	});

	it('a kiosk-wide pause keeps the card and the step, so the member can try again in a minute', async () => {
		const { flow, login } = flowWith(async () => ({ ok: false, reason: 'too-many-attempts' }));
		flow.startWithCard('1234');
		type(flow, '0000');
		await flow.confirm();
		expect(flow).toMatchObject({ step: 'pin', card: '1234', pin: '' });
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'too-many-attempts' });
		type(flow, '0000');
		await flow.confirm();
		expect(login).toHaveBeenCalledTimes(2);
	});

	it('keeps the tries left that come with a wrong PIN, for the last-try warning', async () => {
		const { flow } = flowWith(async () => ({ ok: false, reason: 'pin-wrong', attemptsLeft: 1 }));
		flow.startWithCard('1234');
		type(flow, '9999');
		await flow.confirm();
		expect(flow.problem).toEqual({ kind: 'refusal', reason: 'pin-wrong', attemptsLeft: 1 });
		expect(flow.step).toBe('pin');
	});

	it('api errors become problems with their code', async () => {
		const { flow } = flowWith(async () => {
			throw new KioskApiError('library-unavailable');
		});
		flow.startWithCard('1234');
		type(flow, '1');
		await flow.confirm();
		expect(flow.problem).toEqual({ kind: 'error', code: 'library-unavailable' });
		expect(flow.busy).toBe(false);
	});

	it('waits for `before` and ignores input while busy', async () => {
		let release: () => void = () => {};
		const before = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
		const login = vi.fn(async () => ({ ok: true, member: anna }) as LoginResponse);
		const flow = new LoginFlow({ login, before, onSuccess: () => {} });
		flow.startWithCard('1');
		type(flow, '2');
		const done = flow.confirm();
		expect(flow.busy).toBe(true);
		type(flow, '3');
		expect(flow.pin).toBe('2');
		expect(login).not.toHaveBeenCalled();
		release();
		await done;
		expect(login).toHaveBeenCalledWith('1', '2');
	});

	it('"other card" starts over', () => {
		const { flow } = flowWith(async () => ({ ok: true, member: anna }));
		flow.startWithCard('1234');
		type(flow, '12');
		flow.otherCard();
		expect(flow).toMatchObject({ step: 'card', card: '', pin: '' });
	});
});
