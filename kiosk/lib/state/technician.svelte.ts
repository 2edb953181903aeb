/**
 * The technician page's state: logged in or not, the device list (polled every second while
 * logged in), and the result of the last test of each kind.
 */
import type { DeviceInfo, DeviceSettings, DeviceSettingsRefusal, PadTestResult, PaymentTestResult, PrintTestResult } from '$lib/api/contract';
import { DeviceSettingsRefused, TechnicianApiError, type TechnicianApi } from '$lib/services/technician-api';

export type TechnicianView = 'loading' | 'login' | 'devices' | 'disabled';
export type TechnicianTest = 'print' | 'payment' | 'pad';

const POLL_MS = 1_000;

export class TechnicianState {
	view = $state<TechnicianView>('loading');
	devices = $state<DeviceInfo[]>([]);
	wrongPassword = $state(false);
	running = $state<TechnicianTest | null>(null);
	print = $state<PrintTestResult | null>(null);
	payment = $state<PaymentTestResult | null>(null);
	pad = $state<PadTestResult | null>(null);
	failed = $state(false);
	/** The device settings form, as loaded or last applied; edited in place by the page. */
	settings = $state<DeviceSettings | null>(null);
	settingsRefusal = $state<DeviceSettingsRefusal | null>(null);
	settingsSaving = $state(false);
	settingsSaved = $state(false);

	#timer: ReturnType<typeof setInterval> | null = null;
	readonly #api: TechnicianApi;

	constructor(api: TechnicianApi) {
		this.#api = api;
	}

	/** Finds out whether a technician session is there, and starts polling if so. */
	async start(): Promise<void> {
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
			this.devices = (await this.#api.devices()).devices;
			this.settings ??= await this.#api.settings();
			this.view = 'devices';
		} catch (error) {
			this.#failure(error);
		}
	}

	async login(password: string): Promise<void> {
		this.wrongPassword = false;
		try {
			await this.#api.login(password);
		} catch (error) {
			if (error instanceof TechnicianApiError && error.kind === 'login') this.wrongPassword = true;
			else this.#failure(error);
			return;
		}
		await this.refresh();
	}

	async logout(): Promise<void> {
		await this.#api.logout().catch(() => undefined);
		this.devices = [];
		this.print = this.payment = this.pad = null;
		this.settings = this.settingsRefusal = null;
		this.settingsSaved = false;
		this.view = 'login';
	}

	async test(test: TechnicianTest): Promise<void> {
		if (this.running) return;
		this.running = test;
		this.failed = false;
		try {
			if (test === 'print') this.print = await this.#api.printTest();
			else if (test === 'payment') this.payment = await this.#api.paymentTest();
			else this.pad = await this.#api.padTest();
		} catch (error) {
			this.#failure(error);
		} finally {
			this.running = null;
		}
	}

	/** Saves and applies the settings form; the device list shows the new devices right after. */
	async saveSettings(): Promise<void> {
		if (!this.settings || this.settingsSaving) return;
		this.settingsSaving = true;
		this.settingsSaved = false;
		this.settingsRefusal = null;
		this.failed = false;
		try {
			this.settings = await this.#api.saveSettings($state.snapshot(this.settings));
			this.settingsSaved = true;
			await this.refresh();
		} catch (error) {
			if (error instanceof DeviceSettingsRefused) this.settingsRefusal = error.refusal;
			else this.#failure(error);
		} finally {
			this.settingsSaving = false;
		}
	}

	#failure(error: unknown): void {
		if (error instanceof TechnicianApiError && error.kind === 'login') this.view = 'login';
		else if (error instanceof TechnicianApiError && error.kind === 'disabled') this.view = 'disabled';
		else this.failed = true;
	}
}
