/**
 * The desk's session as the screen sees it: logged out, logged in (who, which role), or locked.
 *
 * The screen locks itself after DESK_IDLE_MINUTES without input (and tells the server, which also
 * locks on its own when no request comes): a lock shows only the password prompt for the same
 * account, and everything a screen registered with `onClear` is wiped, as at logout. That is the
 * desk's idle rule; the member's idle wipe does not run on desk screens.
 */
import type { DeskSessionInfo, StaffRole } from '$lib/api/desk-contract';
import { DeskApiFailure, type DeskApi, type DeskErrorCode } from '$lib/services/desk-api';

export type DeskView = 'loading' | 'login' | 'locked' | 'in';
export type DeskLoginProblem = Extract<DeskErrorCode, 'wrong-password' | 'account-locked' | 'too-many-attempts'> | 'failed';

/** How often the idle timer looks at the clock. */
const IDLE_CHECK_MS = 1_000;

/** May this role use what `roles` are for? An admin may do everything; no roles: any desk account. */
export function roleAllows(role: StaffRole, roles: readonly StaffRole[]): boolean {
	return role === 'admin' || roles.length === 0 || roles.includes(role);
}

export class DeskState {
	view = $state<DeskView>('loading');
	/** Who is logged in; while locked, whose password opens the screen. */
	account = $state<DeskSessionInfo | null>(null);
	problem = $state<DeskLoginProblem | null>(null);
	busy = $state(false);

	readonly #api: DeskApi;
	readonly #now: () => number;
	readonly #clearers = new Set<() => void>();
	#lastActivity = 0;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(api: DeskApi, options: { now?: () => number } = {}) {
		this.#api = api;
		this.#now = options.now ?? Date.now;
	}

	/** Asks the server who is logged in here, and starts the idle timer. */
	async start(): Promise<void> {
		this.#timer ??= setInterval(() => this.checkIdle(), IDLE_CHECK_MS);
		await this.sessionLost();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** Registers a wipe of what a screen holds (member data, account lists); run at lock and logout. */
	onClear(clear: () => void): () => void {
		this.#clearers.add(clear);
		return () => this.#clearers.delete(clear);
	}

	allows(...roles: StaffRole[]): boolean {
		return this.view === 'in' && this.account !== null && roleAllows(this.account.role, roles);
	}

	/** Any input on the screen. */
	activity(): void {
		if (this.view === 'in') this.#lastActivity = this.#now();
	}

	/** Locks when the screen has had no input for the session's idle minutes. */
	checkIdle(): void {
		if (this.view === 'in' && this.account && this.#now() - this.#lastActivity >= this.account.idleMinutes * 60_000) void this.lock();
	}

	async lock(): Promise<void> {
		if (this.view !== 'in') return;
		this.#clear();
		this.view = 'locked';
		await this.#api.lock().catch(() => undefined);
	}

	/**
	 * A request answered `no-session` or `locked` (the session ended, or locked at the server):
	 * asks the server what the session is now and shows the login or the lock.
	 */
	async sessionLost(): Promise<void> {
		try {
			this.#enter(await this.#api.session());
		} catch (error) {
			this.#clear();
			if (error instanceof DeskApiFailure && error.code === 'locked' && error.details.name && error.details.role) {
				this.account = { name: error.details.name, role: error.details.role, idleMinutes: this.account?.idleMinutes ?? 10 };
				this.view = 'locked';
			} else {
				this.account = null;
				this.view = 'login';
			}
		}
	}

	async login(name: string, password: string): Promise<void> {
		await this.#signIn(() => this.#api.login(name, password));
	}

	async unlock(password: string): Promise<void> {
		await this.#signIn(() => this.#api.unlock(password));
		// The session ended meanwhile (too old, account disabled): back to a plain login.
		if (this.view === 'locked' && this.problem === 'failed') await this.sessionLost();
	}

	async logout(): Promise<void> {
		this.#clear();
		await this.#api.logout().catch(() => undefined);
		this.account = null;
		this.problem = null;
		this.view = 'login';
	}

	async #signIn(call: () => Promise<DeskSessionInfo>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = null;
		try {
			this.#enter(await call());
		} catch (error) {
			const code = error instanceof DeskApiFailure ? error.code : 'failed';
			this.problem = code === 'wrong-password' || code === 'account-locked' || code === 'too-many-attempts' ? code : 'failed';
		} finally {
			this.busy = false;
		}
	}

	#enter(info: DeskSessionInfo): void {
		this.account = info;
		this.problem = null;
		this.#lastActivity = this.#now();
		this.view = 'in';
	}

	#clear(): void {
		for (const clear of this.#clearers) clear();
	}
}
