/**
 * The app shell's service worker (kiosk/service-worker.ts), registered with workbox-window, and
 * when a new version of the kiosk may take over: only on the welcome screen, never while a member
 * is busy. A new service worker installs in the background and waits; once the kiosk is on the
 * welcome screen (again) it is told to take over and the page reloads into the new version.
 *
 * Registered only in production builds and where the browser has service workers.
 */
import { dev } from '$app/environment';

/** The part of workbox-window's `Workbox` used here, so tests can hand in a fake. */
export interface UpdateWorker {
	addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
	register(): Promise<unknown>;
	/** Asks the server whether there is a newer service worker. */
	update(): Promise<unknown>;
	/** Tells the waiting service worker to take over (`{ type: 'SKIP_WAITING' }`). */
	messageSkipWaiting(): void;
}

/**
 * The decision alone: a waiting update is applied once it is waiting and the kiosk shows the
 * welcome screen, in either order; once the new version controls the page, the page reloads, again
 * only on the welcome screen. Each happens at most once per page.
 */
export class UpdatePolicy {
	#waiting = false;
	#welcome = false;
	#controlled = false;
	#applied = false;
	#reloaded = false;
	readonly #apply: () => void;
	readonly #reload: () => void;

	constructor(actions: { apply: () => void; reload: () => void }) {
		this.#apply = actions.apply;
		this.#reload = actions.reload;
	}

	/** A new version is installed and waiting. */
	updateWaiting(): void {
		this.#waiting = true;
		this.#decide();
	}

	/** The new version we let in now controls the page. */
	updateControlling(): void {
		if (!this.#applied) return; // e.g. the very first version taking control: nothing to reload
		this.#controlled = true;
		this.#decide();
	}

	/** The kiosk shows the welcome screen (true) or a member's screen (false). */
	welcomeScreen(isWelcome: boolean): void {
		this.#welcome = isWelcome;
		this.#decide();
	}

	get applied(): boolean {
		return this.#applied;
	}

	#decide(): void {
		if (!this.#welcome) return;
		if (this.#waiting && !this.#applied) {
			this.#applied = true;
			this.#apply();
		}
		if (this.#controlled && !this.#reloaded) {
			this.#reloaded = true;
			this.#reload();
		}
	}
}

export interface AppUpdatesEnvironment {
	/** The registration to drive, or null where there is none to be had (dev, no service workers). */
	createWorker(): Promise<UpdateWorker | null>;
	reload(): void;
	/** Also look for a new version this often while the page stays open (0: only at page load). */
	checkEveryMs?: number;
}

export class AppUpdates {
	readonly #env: AppUpdatesEnvironment;
	#worker: UpdateWorker | null = null;
	#started = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	readonly #policy: UpdatePolicy;

	constructor(env: AppUpdatesEnvironment) {
		this.#env = env;
		this.#policy = new UpdatePolicy({
			apply: () => this.#worker?.messageSkipWaiting(),
			reload: () => env.reload()
		});
	}

	/** Registers the service worker; safe to call more than once. Never throws. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		try {
			const worker = await this.#env.createWorker();
			if (!worker) return;
			this.#worker = worker;
			worker.addEventListener('waiting', () => this.#policy.updateWaiting());
			worker.addEventListener('controlling', () => this.#policy.updateControlling());
			await worker.register();
			const every = this.#env.checkEveryMs ?? 0;
			if (every > 0) this.#timer = setInterval(() => void worker.update().catch(() => {}), every);
		} catch {
			// No service worker this time (e.g. the server was down at first start): the kiosk works without.
		}
	}

	/** Feed the current screen: updates are applied only while this is true. */
	onWelcomeScreen(isWelcome: boolean): void {
		this.#policy.welcomeScreen(isWelcome);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}

/** The real browser: workbox-window, loaded only when there is something to register. */
function browserEnvironment(): AppUpdatesEnvironment {
	return {
		async createWorker() {
			if (dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
			const { Workbox } = await import('workbox-window');
			return new Workbox('/service-worker.js');
		},
		reload: () => location.reload(),
		checkEveryMs: 60 * 60 * 1000
	};
}

export const appUpdates = new AppUpdates(browserEnvironment());
