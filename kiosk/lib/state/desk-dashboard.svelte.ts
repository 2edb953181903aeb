/**
 * The desk dashboard's state: today's loans and returns per hour, store and forward, the devices.
 * Loaded when a desk account comes in, refreshed every 30 seconds while the page is visible (a
 * hidden tab asks nothing), and forgotten at lock and logout like the rest of the desk. It holds
 * counts and states only: nothing here is about a member.
 */
import type { DashboardHour, DeskDashboard } from '$lib/api/desk-contract';
import { DeskApiFailure, type DeskApi } from '$lib/services/desk-api';

export const DASHBOARD_REFRESH_MS = 30_000;

export interface HourTotals {
	loans: number;
	returns: number;
	/** The hour with the most loans and returns together; null when nothing happened yet. */
	busiest: number | null;
}

export class DeskDashboardState {
	dashboard = $state<DeskDashboard | null>(null);
	/** The last refresh failed; what is shown is from the one before. */
	failed = $state(false);
	/** When the figures shown were fetched (ms since the epoch). */
	loadedAt = $state<number | null>(null);
	readonly totals: HourTotals = $derived(hourTotals(this.dashboard?.today ?? []));

	readonly #api: DeskApi;
	readonly #visible: () => boolean;
	readonly #onSignedOut: () => void;
	readonly #now: () => number;
	readonly #refreshMs: number;
	#timer: ReturnType<typeof setInterval> | null = null;
	#loading = false;

	/**
	 * `visible`: whether anyone can see the page (the page passes document.visibilityState);
	 * `onSignedOut`: a request found the desk session ended or locked (the desk state looks again).
	 */
	constructor(api: DeskApi, options: { visible?: () => boolean; onSignedOut?: () => void; now?: () => number; refreshMs?: number } = {}) {
		this.#api = api;
		this.#visible = options.visible ?? (() => true);
		this.#onSignedOut = options.onSignedOut ?? (() => {});
		this.#now = options.now ?? Date.now;
		this.#refreshMs = options.refreshMs ?? DASHBOARD_REFRESH_MS;
	}

	/** Loads now and every 30 seconds after, skipping the ticks while the page is hidden. */
	async start(): Promise<void> {
		this.#timer ??= setInterval(() => {
			if (this.#visible()) void this.refresh();
		}, this.#refreshMs);
		await this.refresh();
	}

	/** The page came back into view: figures from before it was hidden are stale, so at once. */
	async shown(): Promise<void> {
		if (this.#timer !== null && this.#visible()) await this.refresh();
	}

	async refresh(): Promise<void> {
		// A slow answer must not pile up requests behind it.
		if (this.#loading) return;
		this.#loading = true;
		try {
			this.dashboard = await this.#api.dashboard();
			this.loadedAt = this.#now();
			this.failed = false;
		} catch (error) {
			if (error instanceof DeskApiFailure && error.signedOut) {
				this.clear();
				this.#onSignedOut();
			} else this.failed = true;
		} finally {
			this.#loading = false;
		}
	}

	/** Lock, logout or leaving the page: stop asking, forget what was shown. */
	clear(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.dashboard = null;
		this.loadedAt = null;
		this.failed = false;
	}
}

export function hourTotals(hours: readonly DashboardHour[]): HourTotals {
	let loans = 0;
	let returns = 0;
	let busiest: number | null = null;
	let most = 0;
	for (const hour of hours) {
		loans += hour.loans;
		returns += hour.returns;
		if (hour.loans + hour.returns > most) {
			most = hour.loans + hour.returns;
			busiest = hour.hour;
		}
	}
	return { loans, returns, busiest };
}

/**
 * The chart's vertical scale: a round top at or above the highest bar, with at most four steps of
 * whole numbers (1, 2, 5, 10, 20, 50 …), so the grid lines read as counts.
 */
export function chartScale(highest: number): { top: number; step: number } {
	const target = Math.max(highest, 1) / 4;
	let step = 1;
	for (let magnitude = 1; ; magnitude *= 10) {
		const fits = [1, 2, 5].map((factor) => factor * magnitude).find((candidate) => candidate >= target);
		if (fits !== undefined) {
			step = fits;
			break;
		}
	}
	return { top: Math.max(step * Math.ceil(Math.max(highest, 1) / step), step), step };
}
