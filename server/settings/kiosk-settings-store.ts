import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { KioskSettings } from '../../kiosk/lib/api/settings-contract';
import type { Env } from '../config';
import { KioskSettingsError, parseKioskSettings, SETTINGS_FORMAT, SETTINGS_VERSION, type ParsedKioskSettings } from './kiosk-settings';

/**
 * The settings the technician page saves: one JSON file (SETTINGS_FILE, default
 * `kiosk-settings.json` in the working directory) whose values override the environment's.
 * Written atomically (temp file, then rename) with mode 0600: besides device addresses and
 * policies it may hold the SIP2 password typed on the technician page, and nothing personal.
 *
 * The device settings file of earlier versions (DEVICES_FILE, `kiosk-devices.json`: the devices
 * section alone, flat) is read as the devices section; the next save writes the whole document.
 */
export function kioskSettingsPath(env: Env = process.env): { path: string; legacyPath: string | null } {
	if (env.SETTINGS_FILE) return { path: resolve(env.SETTINGS_FILE), legacyPath: null };
	// DEVICES_FILE is the old name of the same file: a kiosk set up with it keeps its settings where they are.
	if (env.DEVICES_FILE) return { path: resolve(env.DEVICES_FILE), legacyPath: null };
	return { path: resolve('kiosk-settings.json'), legacyPath: resolve('kiosk-devices.json') };
}

/** What the file holds: the settings document, and the SIP2 password when one was typed on the technician page. */
interface StoredSettings {
	format: typeof SETTINGS_FORMAT;
	version: typeof SETTINGS_VERSION;
	library: KioskSettings['library'] & { password?: string };
	devices: KioskSettings['devices'];
	offline: KioskSettings['offline'];
	idle: KioskSettings['idle'];
	languages: KioskSettings['languages'];
}

export class KioskSettingsStore {
	readonly path: string;
	readonly #legacyPath: string | null;

	constructor(path: string, legacyPath: string | null = null) {
		this.path = path;
		this.#legacyPath = legacyPath;
	}

	/**
	 * The saved settings, checked; null when nothing is saved. Sections the file lacks come from
	 * `base` (the environment's). Throws KioskSettingsError on bad content.
	 */
	load(env: Env, base: KioskSettings): ParsedKioskSettings | null {
		const path = existsSync(this.path) || !this.#legacyPath || !existsSync(this.#legacyPath) ? this.path : this.#legacyPath;
		let text: string;
		try {
			text = readFileSync(path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw new KioskSettingsError('file', `cannot read ${path}: ${(error as Error).message}`);
		}
		let data: unknown;
		try {
			data = JSON.parse(text);
		} catch {
			throw new KioskSettingsError('file', `${path} is not JSON`);
		}
		if (!data || typeof data !== 'object' || Array.isArray(data)) throw new KioskSettingsError('file', `${path} holds no settings object`);
		const record = data as Record<string, unknown>;
		// The flat device settings of earlier versions.
		if (record.format === undefined && 'rfidReader' in record) return parseKioskSettings({ devices: record }, env, { base });
		if (record.format !== SETTINGS_FORMAT) throw new KioskSettingsError('format', `must be "${SETTINGS_FORMAT}"`);
		if (record.version !== SETTINGS_VERSION) throw new KioskSettingsError('version', `must be ${SETTINGS_VERSION}`);
		const { password, ...library } = (record.library ?? {}) as Record<string, unknown>;
		if (password !== undefined && typeof password !== 'string') throw new KioskSettingsError('library.password', 'must be text');
		return parseKioskSettings({ ...record, library: record.library === undefined ? undefined : library }, env, { base, password: password ?? null });
	}

	/** Writes checked settings: a temp file next to the target, then a rename, so a reader never sees half a file. */
	save(parsed: ParsedKioskSettings): void {
		const { settings, password } = parsed;
		const stored: StoredSettings = {
			format: SETTINGS_FORMAT,
			version: SETTINGS_VERSION,
			...settings,
			library: password === null ? settings.library : { ...settings.library, password }
		};
		const temp = join(dirname(this.path), `.${basename(this.path)}.${randomBytes(6).toString('hex')}.tmp`);
		try {
			writeFileSync(temp, `${JSON.stringify(stored, null, '\t')}\n`, { mode: 0o600 });
			renameSync(temp, this.path);
		} catch (error) {
			rmSync(temp, { force: true });
			throw error;
		}
	}
}
