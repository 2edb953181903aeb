import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';

/**
 * Limits on login attempts at this kiosk, so a PIN cannot be guessed and card numbers cannot be
 * tried one after another:
 *
 * - per card: after `maxPinAttempts` wrong PINs the card is locked here for `lockMs` (the member is
 *   sent to the desk). Wrong PINs are forgotten `lockMs` after the last one, and at a right PIN.
 * - kiosk-wide: at most `attemptsPerMinute` logins that reach the library system in any 60 seconds
 *   (a sliding window), whatever the card, known or not: that is what trying card numbers looks like.
 *
 * Card numbers are not kept in plain form: the per-card state is keyed by an HMAC-SHA256 of the card
 * under a random secret that lives only in this process. Entries go when they expire, so memory
 * stays bounded by what the kiosk-wide limit lets through in one lock period.
 */
export type LoginGuardRefusal = 'card-locked' | 'too-many-attempts';

export interface LoginGuardOptions {
	/** Wrong PINs for one card before it is locked here (PIN_MAX_ATTEMPTS). */
	maxPinAttempts: number;
	/** How long a locked card stays locked, and how long a wrong PIN is remembered (PIN_LOCK_MINUTES). */
	lockMs: number;
	/** Login attempts per minute that may reach the library system, all cards together (LOGIN_RATE_LIMIT). */
	attemptsPerMinute: number;
	/** What the lock's log line says; the desk's staff logins use this guard too (server/staff/staff-auth.ts). */
	lockedMessage?: string;
	now?: () => number;
	logger?: Logger;
}

/** The result of a wrong PIN: whether the card is now locked, and how many tries it has left if not. */
export type WrongPinResult = { locked: true } | { locked: false; attemptsLeft: number };

export const LOGIN_WINDOW_MS = 60_000;

interface CardState {
	wrongPins: number;
	/** When the wrong PINs are forgotten, or the lock ends: `lockMs` after the last wrong PIN. */
	expiresAt: number;
	locked: boolean;
}

export class LoginGuard {
	readonly #secret = randomBytes(32);
	readonly #cards = new Map<string, CardState>();
	/** Times of the admitted attempts in the last window, oldest first. At most `attemptsPerMinute` long. */
	#attempts: number[] = [];
	/** Set while the kiosk-wide limit refuses logins, so the pause is logged once, not once per attempt. */
	#paused = false;
	readonly #options: Required<Omit<LoginGuardOptions, 'logger'>>;
	readonly #log: Logger;

	constructor(options: LoginGuardOptions) {
		this.#options = { now: Date.now, lockedMessage: 'card locked after wrong PINs', ...options };
		this.#log = (options.logger ?? silentLogger).child({ component: 'login-guard' });
	}

	/**
	 * Before asking the library system about this card: null to go ahead (the attempt is then
	 * counted kiosk-wide), or why not. A locked card is refused first: it never reaches the library
	 * system, so it does not use up the kiosk's attempts either.
	 */
	admit(card: string): LoginGuardRefusal | null {
		const now = this.#options.now();
		this.#prune(now);
		if (this.#cards.get(this.#key(card))?.locked) return 'card-locked';
		if (this.#attempts.length >= this.#options.attemptsPerMinute) {
			if (!this.#paused) this.#log.warn('logins paused: too many attempts at this kiosk', { limitPerMinute: this.#options.attemptsPerMinute });
			this.#paused = true;
			return 'too-many-attempts';
		}
		this.#paused = false;
		this.#attempts.push(now);
		return null;
	}

	/** The library system said the PIN is wrong. The attempt that reaches the limit locks the card. */
	pinWrong(card: string): WrongPinResult {
		const now = this.#options.now();
		this.#prune(now);
		const key = this.#key(card);
		const state = this.#cards.get(key) ?? { wrongPins: 0, expiresAt: 0, locked: false };
		state.wrongPins += 1;
		state.expiresAt = now + this.#options.lockMs;
		state.locked = state.wrongPins >= this.#options.maxPinAttempts;
		this.#cards.set(key, state);
		if (!state.locked) return { locked: false, attemptsLeft: this.#options.maxPinAttempts - state.wrongPins };
		// No card number here, not even masked: the lock's time and this line are enough for staff.
		// (The field is not called wrongPins: the logger drops any field whose name says "pin".)
		this.#log.warn(this.#options.lockedMessage, { attempts: state.wrongPins, lockMinutes: Math.round(this.#options.lockMs / 60_000) });
		return { locked: true };
	}

	/** The PIN was right: the card's wrong PINs are forgotten. */
	pinRight(card: string): void {
		this.#cards.delete(this.#key(card));
	}

	/** Cards with wrong PINs or a lock remembered now; for tests of the pruning. */
	get cardsRemembered(): number {
		this.#prune(this.#options.now());
		return this.#cards.size;
	}

	#key(card: string): string {
		return createHmac('sha256', this.#secret).update(card, 'utf8').digest('base64url');
	}

	#prune(now: number): void {
		const windowStart = now - LOGIN_WINDOW_MS;
		let expired = 0;
		while (expired < this.#attempts.length && this.#attempts[expired]! <= windowStart) expired++;
		if (expired > 0) this.#attempts = this.#attempts.slice(expired);
		for (const [key, state] of this.#cards) if (now >= state.expiresAt) this.#cards.delete(key);
	}
}
