/**
 * Desk logins: staff, technicians and admins log in with their account name and password.
 *
 * Guessing is stopped as for member PINs, with the same guard (server/circulation/login-guard.ts):
 * 5 wrong passwords lock that account for 15 minutes, even for the right password, and the kiosk
 * lets at most LOGIN_RATE_LIMIT desk logins a minute through, all accounts together (counted apart
 * from the members' logins). An unknown name costs as much time as a known one and counts the same,
 * so neither tells which names exist.
 *
 * Sessions live in this process's memory only, behind a random id in an httpOnly SameSite=Strict
 * cookie of their own (`desk_session`: no member or other cookie can stand in for it). After
 * DESK_IDLE_MINUTES without a request, or when the page locks itself, a session is locked: it
 * answers `locked` until its own account's password is typed again. Every look-up reads the account
 * from the store, so a disabled account, a reset password or a changed role takes effect at once.
 */
import { randomBytes } from 'node:crypto';
import { LoginGuard } from '../circulation/login-guard';
import { silentLogger, type Logger } from '../logging/logger';
import { decoyHash, passwordMatches } from './staff-password';
import { InvalidAccountNameError, normaliseAccountName, type StaffRole, type StaffStore } from './staff-store';

export const DESK_COOKIE = 'desk_session';
export const DESK_MAX_ATTEMPTS = 5;
export const DESK_LOCK_MS = 15 * 60_000;
/** Even a locked session ends this long after its login: a desk left locked overnight starts with a fresh login. */
export const DESK_SESSION_MAX_MS = 12 * 60 * 60_000;

export interface DeskSession {
	readonly id: string;
	readonly account: string;
	/** As the store says at the last look-up. */
	role: StaffRole;
	/** The last time the password was typed (login or unlock). */
	readonly authenticatedAt: number;
	lastActivity: number;
	locked: boolean;
}

export type DeskSessionLookup = { state: 'none' } | { state: 'locked'; session: DeskSession } | { state: 'live'; session: DeskSession };

export type DeskLoginRefusal = 'wrong-password' | 'account-locked' | 'too-many-attempts';
export type DeskLoginResult = { ok: true; session: DeskSession } | { ok: false; refusal: DeskLoginRefusal };

export interface StaffAuthOptions {
	/** Minutes without a request before a session locks (DESK_IDLE_MINUTES), in ms. */
	idleMs: number;
	/** Desk logins a minute, all accounts together (LOGIN_RATE_LIMIT). */
	attemptsPerMinute: number;
	maxAttempts?: number;
	lockMs?: number;
	now?: () => number;
	logger?: Logger;
}

export class StaffAuth {
	readonly #store: StaffStore;
	readonly #sessions = new Map<string, DeskSession>();
	readonly #guard: LoginGuard;
	#idleMs: number;
	readonly #now: () => number;

	constructor(store: StaffStore, options: StaffAuthOptions) {
		this.#store = store;
		this.#idleMs = options.idleMs;
		this.#now = options.now ?? Date.now;
		this.#guard = new LoginGuard({
			maxPinAttempts: options.maxAttempts ?? DESK_MAX_ATTEMPTS,
			lockMs: options.lockMs ?? DESK_LOCK_MS,
			attemptsPerMinute: options.attemptsPerMinute,
			lockedMessage: 'desk account locked after wrong passwords',
			now: this.#now,
			logger: (options.logger ?? silentLogger).child({ component: 'desk-login' })
		});
	}

	/** DESK_IDLE_MINUTES changed on the technician page: open sessions lock by the new limit too. */
	setIdleMs(ms: number): void {
		this.#idleMs = ms;
	}

	/** A new live session for the right name and password of an enabled account. */
	async login(name: string, password: string): Promise<DeskLoginResult> {
		let account: string;
		try {
			account = normaliseAccountName(name);
		} catch (error) {
			if (!(error instanceof InvalidAccountNameError)) throw error;
			// Counted like any wrong name, under a key that no real account can have.
			account = `\0${String(name).slice(0, 64)}`;
		}
		const refusal = await this.#checkPassword(account, password);
		if (refusal) return { ok: false, refusal };
		return { ok: true, session: this.#start(account) };
	}

	/**
	 * The session behind a cookie. A live one counts the look-up as activity; one idle for
	 * DESK_IDLE_MINUTES becomes locked. Ended (none) when its account is gone, disabled, or had its
	 * password changed since the session's last login or unlock.
	 */
	lookup(id: string | undefined): DeskSessionLookup {
		const session = id ? this.#sessions.get(id) : undefined;
		if (!session) return { state: 'none' };
		const now = this.#now();
		const account = this.#store.account(session.account);
		if (!account || account.disabled || account.passwordChangedAt.getTime() > session.authenticatedAt || now - session.authenticatedAt >= DESK_SESSION_MAX_MS) {
			this.#sessions.delete(session.id);
			return { state: 'none' };
		}
		session.role = account.role;
		if (now - session.lastActivity >= this.#idleMs) session.locked = true;
		if (session.locked) return { state: 'locked', session };
		session.lastActivity = now;
		return { state: 'live', session };
	}

	/** The page locks itself when its own idle timer runs out, so the server does not wait for it. */
	lock(id: string | undefined): void {
		const session = id ? this.#sessions.get(id) : undefined;
		if (session) session.locked = true;
	}

	/**
	 * The password of the session's own account opens a locked (or live) session: the answer is a
	 * fresh session (new id), the old id ends. Wrong passwords count towards the account's lock as at login.
	 */
	async unlock(id: string | undefined, password: string): Promise<DeskLoginResult | null> {
		const found = this.lookup(id);
		if (found.state === 'none') return null;
		const refusal = await this.#checkPassword(found.session.account, password);
		if (refusal) return { ok: false, refusal };
		this.#sessions.delete(found.session.id);
		return { ok: true, session: this.#start(found.session.account) };
	}

	logout(id: string | undefined): void {
		if (id) this.#sessions.delete(id);
	}

	/** Ends every session of an account (disabled, or its password reset by an admin). */
	endSessionsOf(account: string): void {
		for (const [id, session] of this.#sessions) if (session.account === account) this.#sessions.delete(id);
	}

	/** Sessions held now, locked ones included; for tests of the sweep. */
	get sessionCount(): number {
		this.#sweep();
		return this.#sessions.size;
	}

	async #checkPassword(account: string, password: string): Promise<DeskLoginRefusal | null> {
		const admitted = this.#guard.admit(account);
		if (admitted === 'card-locked') return 'account-locked';
		if (admitted === 'too-many-attempts') return 'too-many-attempts';
		const stored = account.startsWith('\0') ? null : this.#store.account(account);
		const usable = stored !== null && !stored.disabled;
		// Always one scrypt, against the decoy when there is no usable account.
		const matches = await passwordMatches(String(password), usable ? stored.passwordHash : await decoyHash());
		if (!usable || !matches) return this.#guard.pinWrong(account).locked ? 'account-locked' : 'wrong-password';
		this.#guard.pinRight(account);
		return null;
	}

	#start(account: string): DeskSession {
		this.#sweep();
		const now = this.#now();
		const role = this.#store.account(account)!.role;
		const session: DeskSession = { id: randomBytes(32).toString('base64url'), account, role, authenticatedAt: now, lastActivity: now, locked: false };
		this.#sessions.set(session.id, session);
		return session;
	}

	#sweep(): void {
		const now = this.#now();
		for (const [id, session] of this.#sessions) if (now - session.authenticatedAt >= DESK_SESSION_MAX_MS) this.#sessions.delete(id);
	}
}
