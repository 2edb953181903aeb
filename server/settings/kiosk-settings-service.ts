/**
 * The technician's use cases for the kiosk settings: look, save, export, check an import and apply
 * it. Every save checks the whole document first (nothing changes when one value is bad), writes
 * the settings file, applies what can be applied without a restart, and writes one audit entry per
 * changed field (a secret only as "changed").
 *
 * Applied at once: the devices (swapped), the offline policy (the next transaction; the offline
 * ledger reads the runtime's `config.offline` itself), the idle timeouts and languages (the screens
 * read them from /api/config when they next load, which they do after every member session) and the
 * desk lock. The library system connection applies when the kiosk server restarts: the SIP2 client,
 * the circulation service and the offline replay all hold it, and swapping them under a member's
 * transaction is not worth the risk. The technician page says so.
 */
import type { KioskSettingsFile, SettingsApplied, SettingsChange, SettingsView } from '../../kiosk/lib/api/settings-contract';
import type { Env, KioskServerConfig } from '../config';
import type { SwitchableDevices } from '../devices/switchable-devices';
import type { Logger } from '../logging/logger';
import type { AuditLog } from '../staff/audit-log';
import { describeChange, diffSettings, exportSettings, KioskSettingsError, parseKioskSettings, parseSettingsFile, type ParsedKioskSettings } from './kiosk-settings';
import type { KioskSettingsStore } from './kiosk-settings-store';

/** What a change is applied to: the running kiosk's parts, each as narrow as it can be. */
export interface SettingsTargets {
	/** The runtime's configuration, updated in place (others hold parts of it, such as `offline`). */
	config: KioskServerConfig;
	hardware: Pick<SwitchableDevices, 'apply' | 'rfidConfig' | 'devicesConfig'>;
	/** The server's member sessions end this long after the browser's idle wipe should have. */
	memberSessions: { setMaxIdleMs(ms: number): void };
	deskSessions: { setIdleMs(ms: number): void };
	audit: Pick<AuditLog, 'record'>;
	log: Logger;
}

/** Seconds a server-side member session outlives the browser's own idle wipe (kiosk-runtime's margin). */
export interface KioskSettingsServiceOptions {
	store: KioskSettingsStore;
	env: Env;
	/** The settings the kiosk started with (the file over the environment). */
	current: ParsedKioskSettings;
	targets: SettingsTargets;
	sessionGraceS: number;
	now?: () => Date;
}

const MAX_PASSWORD_LENGTH = 200;

export class KioskSettingsService {
	#current: ParsedKioskSettings;
	/** The library connection in use since the start: a saved one applies only after a restart. */
	readonly #started: string;
	#passwordChangedSinceStart = false;
	#queue: Promise<unknown> = Promise.resolve();
	readonly #options: KioskSettingsServiceOptions;

	constructor(options: KioskSettingsServiceOptions) {
		this.#options = options;
		this.#current = options.current;
		this.#started = JSON.stringify(options.current.settings.library);
	}

	get path(): string {
		return this.#options.store.path;
	}

	view(): SettingsView {
		const { settings, password, config } = this.#current;
		return {
			settings: structuredClone(settings),
			passwordSet: password !== null ? password !== '' : (config.librarySystem?.password ?? '') !== '',
			restartNeeded: this.#passwordChangedSinceStart || JSON.stringify(settings.library) !== this.#started
		};
	}

	/** PUT from the form: `{ settings, password? }`. Throws KioskSettingsError naming the field. */
	save(account: string, request: unknown): Promise<SettingsApplied> {
		const body = (request && typeof request === 'object' ? request : {}) as Record<string, unknown>;
		const password = body.password ?? '';
		if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) throw new KioskSettingsError('library.password', `must be text (at most ${MAX_PASSWORD_LENGTH} characters)`);
		const changePassword = password !== '' && password !== this.#current.password;
		const parsed = parseKioskSettings(body.settings, this.#options.env, { password: changePassword ? password : this.#current.password });
		return this.#serialised(() => this.#apply(account, parsed, changePassword));
	}

	/** The changes an uploaded file would make; applies nothing. Throws KioskSettingsError. */
	preview(file: unknown): SettingsChange[] {
		return diffSettings(this.#current.settings, parseSettingsFile(file, this.#options.env).settings);
	}

	/** Applies an uploaded file as a whole. The kiosk keeps its own secrets: the file has none. */
	importFile(account: string, file: unknown): Promise<SettingsApplied> {
		const parsed = parseSettingsFile(file, this.#options.env);
		return this.#serialised(async () => {
			const withOwnPassword = { ...parsed, password: this.#current.password };
			this.#options.targets.audit.record(account, 'settings-imported', null, `${diffSettings(this.#current.settings, withOwnPassword.settings).length} changes`);
			return this.#apply(account, withOwnPassword, false);
		});
	}

	exportFile(account: string): KioskSettingsFile {
		this.#options.targets.audit.record(account, 'settings-exported', null);
		this.#options.targets.log.info('technician exported the settings', { account });
		return exportSettings(this.#current.settings, (this.#options.now ?? (() => new Date()))());
	}

	/** One change at a time: a device swap takes a moment, and two saves must not interleave. */
	#serialised<T>(run: () => Promise<T>): Promise<T> {
		const result = this.#queue.then(run, run);
		this.#queue = result.catch(() => undefined);
		return result;
	}

	async #apply(account: string, parsed: ParsedKioskSettings, passwordChanged: boolean): Promise<SettingsApplied> {
		const before = this.#current.settings;
		const changes = diffSettings(before, parsed.settings, passwordChanged);
		if (changes.length === 0) return { ...this.view(), changes };
		const { store, targets, sessionGraceS } = this.#options;
		store.save(parsed);
		const { config, hardware } = targets;
		const next = parsed.config;
		const changed = (section: string) => changes.some((change) => change.field.startsWith(`${section}.`));

		if (changed('devices')) {
			await hardware.apply(next.rfid, { ...hardware.devicesConfig, scanner: next.devices.scanner, printer: next.devices.printer, payment: next.devices.payment });
			config.rfid = hardware.rfidConfig;
			config.devices = hardware.devicesConfig;
		}
		// In place: the offline ledger holds this very object and reads it at each transaction.
		const { borrowing, maxItemsPerMember, dueDays, exceptionDays, cardPattern } = next.offline;
		Object.assign(config.offline, { borrowing, maxItemsPerMember, dueDays, exceptionDays, cardPattern });
		config.idleTimeoutS = next.idleTimeoutS;
		config.idleWarningS = next.idleWarningS;
		targets.memberSessions.setMaxIdleMs((next.idleTimeoutS + next.idleWarningS + sessionGraceS) * 1000);
		// `config.desk` is the desk's own config object too (what the desk screens are told).
		config.desk.idleMinutes = next.desk.idleMinutes;
		targets.deskSessions.setIdleMs(next.desk.idleMinutes * 60_000);
		config.languages = next.languages;

		this.#current = { ...parsed, config: { ...parsed.config, librarySystem: this.#current.config.librarySystem } };
		if (passwordChanged) this.#passwordChangedSinceStart = true;
		for (const change of changes) targets.audit.record(account, 'settings-changed', null, describeChange(change));
		targets.log.info('technician changed the settings', { account, file: store.path, fields: changes.map((change) => change.field).join(' ') });
		return { ...this.view(), changes };
	}
}
