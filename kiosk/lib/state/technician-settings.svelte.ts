/**
 * The technician page's settings: the form (library connection, devices, offline policy, idle
 * timeouts, languages), saving it, and importing a settings file exported from another kiosk:
 * checked as a whole by the server, its changes shown, applied only after the technician confirms.
 * The SIP2 password is never shown: the form has an empty field that, left empty, keeps it.
 */
import type { KioskSettings, SettingsChange, SettingsRefusal } from '$lib/api/settings-contract';
import { SettingsRefused, type TechnicianApi } from '$lib/services/technician-api';

/** A file too big for a settings file is refused before it is read (an exported one is about 1 kB). */
export const MAX_IMPORT_BYTES = 64 * 1024;

export class TechnicianSettingsState {
	/** The form, as loaded or last applied; edited in place by the page. */
	settings = $state<KioskSettings | null>(null);
	/** A new SIP2 password typed into the form; empty keeps the one the kiosk has. */
	password = $state('');
	passwordSet = $state(false);
	/** The saved library connection is not the one in use yet (it applies after a restart). */
	restartNeeded = $state(false);
	refusal = $state<SettingsRefusal | null>(null);
	saving = $state(false);
	/** The changes the last save made (empty: nothing was different). */
	saved = $state<SettingsChange[] | null>(null);

	/** The file chosen for import (parsed JSON), until applied or cancelled. */
	importFile = $state<unknown>(null);
	/** What it would change, once the server checked it. */
	importChanges = $state<SettingsChange[] | null>(null);
	importRefusal = $state<SettingsRefusal | null>(null);
	importBusy = $state(false);
	/** The changes the last import made. */
	imported = $state<SettingsChange[] | null>(null);

	readonly #api: TechnicianApi;
	readonly #onFailure: (error: unknown) => void;
	readonly #onApplied: () => void;

	/** `onFailure`: anything but a refusal (a lost login, a network failure); `onApplied`: the devices may have changed. */
	constructor(api: TechnicianApi, onFailure: (error: unknown) => void, onApplied: () => void = () => {}) {
		this.#api = api;
		this.#onFailure = onFailure;
		this.#onApplied = onApplied;
	}

	async load(): Promise<void> {
		if (this.settings) return;
		try {
			this.#show(await this.#api.settings());
		} catch (error) {
			this.#onFailure(error);
		}
	}

	/** Forgets everything (the desk locked or logged out). */
	clear(): void {
		this.settings = this.refusal = this.saved = null;
		this.password = '';
		this.passwordSet = this.restartNeeded = false;
		this.cancelImport();
		this.imported = null;
	}

	async save(): Promise<void> {
		if (!this.settings || this.saving) return;
		this.saving = true;
		this.saved = this.refusal = null;
		try {
			const applied = await this.#api.saveSettings({ settings: $state.snapshot(this.settings), password: this.password });
			this.#show(applied);
			this.saved = applied.changes;
			this.#onApplied();
		} catch (error) {
			if (error instanceof SettingsRefused) this.refusal = error.refusal;
			else this.#onFailure(error);
		} finally {
			this.saving = false;
		}
	}

	/** A file was chosen on the page: too big for a settings file is refused unread. */
	async chooseImportFile(file: { size: number; text(): Promise<string> }): Promise<void> {
		if (file.size > MAX_IMPORT_BYTES) {
			this.cancelImport();
			this.imported = null;
			this.importRefusal = { error: 'bad-request', field: 'file', problem: `is larger than ${MAX_IMPORT_BYTES / 1024} kB: not a settings file` };
			return;
		}
		let text: string;
		try {
			text = await file.text();
		} catch {
			text = '';
		}
		await this.chooseImport(text);
	}

	/** A file's text: read as JSON here, checked by the server, its changes shown. Nothing is applied yet. */
	async chooseImport(text: string): Promise<void> {
		this.cancelImport();
		this.imported = null;
		let file: unknown;
		try {
			file = JSON.parse(text);
		} catch {
			this.importRefusal = { error: 'bad-request', field: 'file', problem: 'is not JSON' };
			return;
		}
		this.importBusy = true;
		try {
			this.importChanges = await this.#api.previewImport(file);
			this.importFile = file;
		} catch (error) {
			if (error instanceof SettingsRefused) this.importRefusal = error.refusal;
			else this.#onFailure(error);
		} finally {
			this.importBusy = false;
		}
	}

	/** The technician confirmed the changes shown. */
	async applyImport(): Promise<void> {
		if (this.importFile === null || this.importBusy) return;
		this.importBusy = true;
		try {
			const applied = await this.#api.applyImport($state.snapshot(this.importFile));
			this.#show(applied);
			this.imported = applied.changes;
			this.importFile = this.importChanges = null;
			this.#onApplied();
		} catch (error) {
			if (error instanceof SettingsRefused) this.importRefusal = error.refusal;
			else this.#onFailure(error);
		} finally {
			this.importBusy = false;
		}
	}

	cancelImport(): void {
		this.importFile = this.importChanges = this.importRefusal = null;
	}

	#show(view: { settings: KioskSettings; passwordSet: boolean; restartNeeded: boolean }): void {
		this.settings = view.settings;
		this.passwordSet = view.passwordSet;
		this.restartNeeded = view.restartNeeded;
		this.password = '';
	}
}
