import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Technician logins for the technician page: the password from configuration, compared in
 * constant time; a random session id held only in this process's memory, valid 15 minutes from
 * login. Separate from member sessions (own cookie, own store), so no member session can ever
 * stand in for a technician one.
 *
 * Guessing is stopped as for member PINs: after 5 wrong passwords technician login is locked for
 * 15 minutes, for everyone at this kiosk, even with the right password (otherwise the lock would
 * only slow a guesser down, and tell them when they got it right). Wrong passwords are forgotten
 * 15 minutes after the last one, and at a right one.
 */
export const TECHNICIAN_COOKIE = 'kiosk_technician';
export const TECHNICIAN_SESSION_MS = 15 * 60_000;
export const TECHNICIAN_MAX_ATTEMPTS = 5;
export const TECHNICIAN_LOCK_MS = 15 * 60_000;

export class TechnicianAuth {
	readonly #passwordHash: Buffer;
	readonly #sessions = new Map<string, number>();
	readonly #ttlMs: number;
	readonly #now: () => number;
	readonly #maxAttempts: number;
	readonly #lockMs: number;
	#wrongPasswords = 0;
	/** When the wrong passwords are forgotten, or the lock ends. */
	#wrongUntil = 0;

	constructor(password: string, options: { ttlMs?: number; now?: () => number; maxAttempts?: number; lockMs?: number } = {}) {
		this.#passwordHash = sha256(password);
		this.#ttlMs = options.ttlMs ?? TECHNICIAN_SESSION_MS;
		this.#now = options.now ?? Date.now;
		this.#maxAttempts = options.maxAttempts ?? TECHNICIAN_MAX_ATTEMPTS;
		this.#lockMs = options.lockMs ?? TECHNICIAN_LOCK_MS;
	}

	/** True while technician login is locked after too many wrong passwords. */
	get locked(): boolean {
		this.#forgetOldWrongPasswords();
		return this.#wrongPasswords >= this.#maxAttempts;
	}

	/** A new session id for the right password; null for a wrong one, and for any while locked. */
	login(password: string): string | null {
		if (this.locked) return null;
		// Hashing first gives both sides the same length, so the comparison time says nothing about the password.
		if (!timingSafeEqual(sha256(password), this.#passwordHash)) {
			this.#wrongPasswords += 1;
			this.#wrongUntil = this.#now() + this.#lockMs;
			return null;
		}
		this.#wrongPasswords = 0;
		this.#sweep();
		const id = randomBytes(32).toString('base64url');
		this.#sessions.set(id, this.#now() + this.#ttlMs);
		return id;
	}

	/** True while the session exists and has not expired. */
	valid(id: string | undefined): boolean {
		if (!id) return false;
		const expiresAt = this.#sessions.get(id);
		if (expiresAt === undefined) return false;
		if (this.#now() >= expiresAt) {
			this.#sessions.delete(id);
			return false;
		}
		return true;
	}

	logout(id: string | undefined): void {
		if (id) this.#sessions.delete(id);
	}

	#forgetOldWrongPasswords(): void {
		if (this.#wrongPasswords > 0 && this.#now() >= this.#wrongUntil) this.#wrongPasswords = 0;
	}

	#sweep(): void {
		const now = this.#now();
		for (const [id, expiresAt] of this.#sessions) if (now >= expiresAt) this.#sessions.delete(id);
	}
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
