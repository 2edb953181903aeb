/**
 * The technician page's state: the device list and the tags on the pad (polled every second while
 * open), the last scans, and the result of the last test of each kind. The login is the desk's
 * (DeskState): this state is started once a technician or admin is in, and cleared at lock and logout.
 */
import type { DeviceInfo, OfflineOverview, LibraryTestResult, PadTestResult, PaymentTestResult, PrintTestResult, TechnicianTag } from '$lib/api/contract';
import { maskCardNumber } from '$lib/privacy/mask';
import { TechnicianApiError, type TechnicianApi } from '$lib/services/technician-api';

/** `signed-out`: no live desk session (the page shows the desk login); `forbidden`: the account is not a technician's or admin's. */
export type TechnicianView = 'loading' | 'signed-out' | 'devices' | 'forbidden';
export type TechnicianTest = 'print' | 'payment' | 'pad' | 'library';

/** A scan as the technician page lists it: masked, because a member may scan a card while it is open. */
export interface RecentScan {
	masked: string;
	length: number;
	/** Wall-clock time, for the technician's eyes only. */
	at: Date;
}

/** How many scans the page keeps; older ones drop off. */
export const RECENT_SCANS = 10;

const POLL_MS = 1_000;

export class TechnicianState {
	view = $state<TechnicianView>('loading');
	devices = $state<DeviceInfo[]>([]);
	padTags = $state<TechnicianTag[]>([]);
	/** Store and forward: online or queueing, how many wait, and the refused replays. */
	offline = $state<OfflineOverview | null>(null);
	/** Newest first. */
	scans = $state<RecentScan[]>([]);
	running = $state<TechnicianTest | null>(null);
	print = $state<PrintTestResult | null>(null);
	payment = $state<PaymentTestResult | null>(null);
	pad = $state<PadTestResult | null>(null);
	library = $state<LibraryTestResult | null>(null);
	failed = $state(false);

	#timer: ReturnType<typeof setInterval> | null = null;
	readonly #api: TechnicianApi;
	readonly #onSignedOut: () => void;

	/** `onSignedOut`: a request found the desk session ended or locked (the desk state looks again). */
	constructor(api: TechnicianApi, onSignedOut: () => void = () => {}) {
		this.#api = api;
		this.#onSignedOut = onSignedOut;
	}

	/** Loads the devices and polls them every second. */
	async start(): Promise<void> {
		if (this.view !== 'devices') this.view = 'loading';
		await this.refresh();
		this.#timer ??= setInterval(() => {
			if (this.view === 'devices') void this.refresh();
		}, POLL_MS);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	async refresh(): Promise<void> {
		try {
			const { devices, padTags, offline } = await this.#api.devices();
			this.devices = devices;
			this.padTags = padTags;
			this.offline = offline;
			this.view = 'devices';
		} catch (error) {
			this.failure(error);
		}
	}

	/** Stops polling and forgets everything shown (the desk locked or logged out). */
	clear(): void {
		this.stop();
		this.devices = [];
		this.padTags = [];
		this.offline = null;
		this.scans = [];
		this.print = this.payment = this.pad = this.library = null;
		this.failed = false;
		this.view = 'signed-out';
	}

	/** A scanner read a code (keyboard wedge, serial or HID): listed masked, only while logged in. */
	scanned(code: string, at = new Date()): void {
		if (this.view !== 'devices') return;
		this.scans = [{ masked: maskCardNumber(code), length: code.length, at }, ...this.scans].slice(0, RECENT_SCANS);
	}

	async test(test: TechnicianTest): Promise<void> {
		if (this.running) return;
		this.running = test;
		this.failed = false;
		try {
			if (test === 'print') this.print = await this.#api.printTest();
			else if (test === 'payment') this.payment = await this.#api.paymentTest();
			else if (test === 'library') this.library = await this.#api.libraryTest();
			else this.pad = await this.#api.padTest();
		} catch (error) {
			this.failure(error);
		} finally {
			this.running = null;
		}
	}

	/** A request failed: a lost or locked login goes back to the desk login, a wrong role to its own view. */
	failure(error: unknown): void {
		if (error instanceof TechnicianApiError && error.kind === 'login') {
			this.clear();
			this.#onSignedOut();
		} else if (error instanceof TechnicianApiError && error.kind === 'forbidden') this.view = 'forbidden';
		else this.failed = true;
	}
}
