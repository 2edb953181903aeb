import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Technician logins for the technician page: the password from configuration, compared in
 * constant time; a random session id held only in this process's memory, valid 15 minutes from
 * login. Separate from member sessions (own cookie, own store), so no member session can ever
 * stand in for a technician one.
 */
export const TECHNICIAN_COOKIE = 'kiosk_technician';
export const TECHNICIAN_SESSION_MS = 15 * 60_000;

export class TechnicianAuth {
	readonly #passwordHash: Buffer;
	readonly #sessions = new Map<string, number>();
	readonly #ttlMs: number;
	readonly #now: () => number;

	constructor(password: string, options: { ttlMs?: number; now?: () => number } = {}) {
		this.#passwordHash = sha256(password);
		this.#ttlMs = options.ttlMs ?? TECHNICIAN_SESSION_MS;
		this.#now = options.now ?? Date.now;
	}

	/** A new session id for the right password, null otherwise. */
	login(password: string): string | null {
		// Hashing first gives both sides the same length, so the comparison time says nothing about the password.
		if (!timingSafeEqual(sha256(password), this.#passwordHash)) return null;
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

	#sweep(): void {
		const now = this.#now();
		for (const [id, expiresAt] of this.#sessions) if (now >= expiresAt) this.#sessions.delete(id);
	}
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
