import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { LOGIN_WINDOW_MS, LoginGuard, type LoginGuardOptions } from './login-guard';

const MINUTE = 60_000;
const SANNE = '20001000000012';
const DAAN = '20001000000053';

function guardAt(options: Partial<LoginGuardOptions> = {}) {
	const clock = { now: 0 };
	const lines: string[] = [];
	const guard = new LoginGuard({
		maxPinAttempts: 5,
		lockMs: 15 * MINUTE,
		attemptsPerMinute: 1000,
		now: () => clock.now,
		logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
		...options
	});
	return { guard, clock, lines };
}

/** One login with a wrong PIN, as the circulation service does it: admit, then the library system's answer. */
function wrongPin(guard: LoginGuard, card: string) {
	const refusal = guard.admit(card);
	return refusal ?? guard.pinWrong(card);
}

describe('LoginGuard, per card', () => {
	it('counts wrong PINs and locks the card at the fifth, whose answer already says locked', () => {
		const { guard } = guardAt();
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 4 });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 3 });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 2 });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 1 });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: true });
		expect(guard.admit(SANNE)).toBe('card-locked');
		// Another card is not affected.
		expect(guard.admit(DAAN)).toBeNull();
	});

	it('unlocks the card 15 minutes after the fifth wrong PIN, with a fresh count', () => {
		const { guard, clock } = guardAt();
		for (let i = 0; i < 5; i++) wrongPin(guard, SANNE);
		clock.now = 15 * MINUTE - 1;
		expect(guard.admit(SANNE)).toBe('card-locked');
		clock.now = 15 * MINUTE;
		expect(guard.admit(SANNE)).toBeNull();
		expect(guard.pinWrong(SANNE)).toEqual({ locked: false, attemptsLeft: 4 });
	});

	it('forgets the wrong PINs at a right one', () => {
		const { guard } = guardAt();
		for (let i = 0; i < 4; i++) wrongPin(guard, SANNE);
		expect(guard.admit(SANNE)).toBeNull();
		guard.pinRight(SANNE);
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 4 });
	});

	it('forgets wrong PINs 15 minutes after the last one, and prunes what it forgot', () => {
		const { guard, clock } = guardAt();
		wrongPin(guard, SANNE);
		clock.now = 10 * MINUTE;
		wrongPin(guard, SANNE);
		wrongPin(guard, DAAN);
		expect(guard.cardsRemembered).toBe(2);
		// 15 minutes after the second: both cards forgotten, nothing left in memory.
		clock.now = 25 * MINUTE;
		expect(guard.cardsRemembered).toBe(0);
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 4 });
	});

	it('logs the lock as a warning with no card number, not even masked', () => {
		const { guard, lines } = guardAt();
		for (let i = 0; i < 5; i++) wrongPin(guard, SANNE);
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', message: 'card locked after wrong PINs', attempts: 5, lockMinutes: 15 });
		// Neither the number nor a masked form (masks keep the last digits behind asterisks).
		expect(lines[0]).not.toMatch(/\d{5}|\*{2}/);
	});

	it('takes the limit and lock time from its options', () => {
		const { guard, clock } = guardAt({ maxPinAttempts: 2, lockMs: MINUTE });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: false, attemptsLeft: 1 });
		expect(wrongPin(guard, SANNE)).toEqual({ locked: true });
		clock.now = MINUTE;
		expect(guard.admit(SANNE)).toBeNull();
	});
});

describe('LoginGuard, kiosk-wide', () => {
	it('admits N attempts in any minute, any cards, and refuses the next until the oldest is a minute old', () => {
		const { guard, clock, lines } = guardAt({ attemptsPerMinute: 3 });
		expect(guard.admit('1')).toBeNull();
		clock.now = 20_000;
		expect(guard.admit('2')).toBeNull();
		clock.now = 40_000;
		expect(guard.admit('3')).toBeNull();
		clock.now = 50_000;
		expect(guard.admit('4')).toBe('too-many-attempts');
		expect(guard.admit('5')).toBe('too-many-attempts');
		// The pause is logged once, without the cards.
		expect(lines.map((line) => JSON.parse(line).message)).toEqual(['logins paused: too many attempts at this kiosk']);
		// Sliding: at 60 s the first attempt leaves the window, one place frees up; the second is still in it.
		clock.now = LOGIN_WINDOW_MS;
		expect(guard.admit('6')).toBeNull();
		expect(guard.admit('7')).toBe('too-many-attempts');
		clock.now = 20_000 + LOGIN_WINDOW_MS;
		expect(guard.admit('7')).toBeNull();
	});

	it('does not count refused attempts, so hammering does not keep the kiosk paused', () => {
		const { guard, clock } = guardAt({ attemptsPerMinute: 2 });
		guard.admit('1');
		guard.admit('2');
		for (let i = 0; i < 100; i++) expect(guard.admit(String(i))).toBe('too-many-attempts');
		clock.now = LOGIN_WINDOW_MS;
		expect(guard.admit('3')).toBeNull();
	});

	it('answers card-locked for a locked card even while paused, and does not count it', () => {
		const { guard } = guardAt({ attemptsPerMinute: 6, maxPinAttempts: 5 });
		for (let i = 0; i < 5; i++) wrongPin(guard, SANNE);
		expect(guard.admit(SANNE)).toBe('card-locked');
		expect(guard.admit(SANNE)).toBe('card-locked');
		// The locked card's refusals used no attempts: one is left.
		expect(guard.admit(DAAN)).toBeNull();
		expect(guard.admit(DAAN)).toBe('too-many-attempts');
		expect(guard.admit(SANNE)).toBe('card-locked');
	});
});
