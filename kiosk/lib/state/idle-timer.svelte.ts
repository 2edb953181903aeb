/**
 * Idle timeout with a warning: after `timeoutS` without input the warning phase starts and counts
 * down `warningS` seconds; "I am still here" (or a scan) goes back to running; at zero the
 * `onExpire` callback ends the session.
 *
 * The clock is injected so tests can drive time by hand. Input while running only records a
 * timestamp (cheap on every key or touch); the single pending timer checks it when it fires.
 * Input while the warning shows does not dismiss it: the warning is a modal and a tap that hides
 * it mid-press could land on whatever is underneath. Only `stillHere()` continues.
 */

export interface IdleClock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: IdleClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export type IdlePhase = 'stopped' | 'running' | 'warning' | 'expired';

export interface IdleTimerOptions {
	timeoutS: number;
	warningS: number;
	clock?: IdleClock;
	/** When the warning appears (e.g. play a sound). */
	onWarning?: () => void;
	/** When the countdown reaches zero. */
	onExpire: () => void;
}

export class IdleTimer {
	phase = $state<IdlePhase>('stopped');
	/** Whole seconds left in the warning countdown. */
	secondsLeft = $state(0);

	readonly #clock: IdleClock;
	readonly #onWarning: () => void;
	readonly #onExpire: () => void;
	#timeoutMs: number;
	#warningMs: number;
	#lastActivity = 0;
	#deadline = 0;
	#handle: unknown = null;

	constructor(options: IdleTimerOptions) {
		this.#clock = options.clock ?? systemClock;
		this.#onWarning = options.onWarning ?? (() => {});
		this.#onExpire = options.onExpire;
		this.#timeoutMs = toMs(options.timeoutS);
		this.#warningMs = toMs(options.warningS);
	}

	get warning(): boolean {
		return this.phase === 'warning';
	}

	/** New durations (e.g. once the config has loaded); restarts the wait if running. */
	configure(timeoutS: number, warningS: number): void {
		this.#timeoutMs = toMs(timeoutS);
		this.#warningMs = toMs(warningS);
		if (this.phase === 'running') this.#schedule(this.#timeoutMs - (this.#clock.now() - this.#lastActivity));
	}

	/** Begin watching (no-op if already running or warning). */
	start(): void {
		if (this.phase === 'running' || this.phase === 'warning') return;
		this.phase = 'running';
		this.#lastActivity = this.#clock.now();
		this.#schedule(this.#timeoutMs);
	}

	/** Stop watching, e.g. on the welcome screen. */
	stop(): void {
		this.#cancel();
		this.phase = 'stopped';
		this.secondsLeft = 0;
	}

	/** Any input: pointer, key, touch. Ignored unless running. */
	activity(): void {
		if (this.phase === 'running') this.#lastActivity = this.#clock.now();
	}

	/** The member confirmed they are there (or scanned something): back to running. */
	stillHere(): void {
		if (this.phase === 'warning') {
			this.phase = 'running';
			this.secondsLeft = 0;
			this.#lastActivity = this.#clock.now();
			this.#schedule(this.#timeoutMs);
		} else {
			this.activity();
		}
	}

	#tick = (): void => {
		this.#handle = null;
		const now = this.#clock.now();
		if (this.phase === 'running') {
			const remaining = this.#timeoutMs - (now - this.#lastActivity);
			if (remaining > 0) {
				this.#schedule(remaining);
				return;
			}
			this.phase = 'warning';
			this.#deadline = now + this.#warningMs;
			this.secondsLeft = Math.ceil(this.#warningMs / 1000);
			this.#onWarning();
			if (this.phase === 'warning') this.#scheduleCountdown(now);
		} else if (this.phase === 'warning') {
			this.#scheduleCountdown(now);
		}
	};

	#scheduleCountdown(now: number): void {
		const remaining = this.#deadline - now;
		if (remaining <= 0) {
			this.secondsLeft = 0;
			this.phase = 'expired';
			this.#onExpire();
			return;
		}
		this.secondsLeft = Math.ceil(remaining / 1000);
		// Wake when the displayed number changes (or at the deadline).
		this.#schedule(remaining - (this.secondsLeft - 1) * 1000);
	}

	#schedule(ms: number): void {
		this.#cancel();
		this.#handle = this.#clock.setTimeout(this.#tick, Math.max(0, ms));
	}

	#cancel(): void {
		if (this.#handle !== null) this.#clock.clearTimeout(this.#handle);
		this.#handle = null;
	}
}

function toMs(seconds: number): number {
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}
