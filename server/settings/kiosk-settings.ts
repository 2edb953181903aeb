/**
 * The kiosk settings as one document: the library system connection, devices and AFI values,
 * offline policy, idle timeouts and languages. Pure: parsing, the settings form of a running
 * configuration, the changes between two, and the export file. The file itself is read and written
 * by `kiosk-settings-store.ts`; applying a change is `kiosk-settings-service.ts`.
 *
 * Every value but the devices' is the text of one environment variable, and is checked by running
 * the configuration's own parser (`loadConfig`) with the settings laid over the environment: a
 * value means the same in the file as in the environment, and there is one parser per value.
 */
import type { DeviceSettings } from '../../kiosk/lib/api/contract';
import {
	SECRETS_LEFT_OUT,
	type KioskSettings,
	type KioskSettingsFile,
	type SettingsChange,
	type SettingsField,
	type SettingsSection
} from '../../kiosk/lib/api/settings-contract';
import { ConfigError, librarySystem, loadConfig, type Env, type KioskServerConfig, type LibrarySystemConfig } from '../config';
import { DEVICE_SETTINGS_FIELDS, DeviceSettingsError, parseDeviceSettings, settingsOf as deviceSettingsOf } from '../devices/device-settings';

export const SETTINGS_FORMAT = 'kiosk-settings';
export const SETTINGS_VERSION = 1;

type EnvSection = Exclude<SettingsSection, 'devices'>;

/** Each field outside the devices section and the variable it stands for. */
export const SETTINGS_VARIABLES = {
	library: { host: 'SIP2_HOST', port: 'SIP2_PORT', institutionId: 'SIP2_INSTITUTION', user: 'SIP2_USER', location: 'SIP2_LOCATION' },
	offline: { borrowing: 'OFFLINE_BORROW', maxItems: 'OFFLINE_MAX_ITEMS', dueDays: 'OFFLINE_DUE_DAYS', exceptionDays: 'OFFLINE_EXCEPTION_DAYS', cardPattern: 'OFFLINE_CARD_PATTERN' },
	idle: { timeoutS: 'IDLE_TIMEOUT_S', warningS: 'IDLE_WARNING_S', deskMinutes: 'DESK_IDLE_MINUTES' },
	languages: { default: 'LANGUAGE_DEFAULT', toggle: 'LANGUAGE_TOGGLE' }
} as const satisfies { [S in EnvSection]: Record<keyof KioskSettings[S], string> };

export const SETTINGS_SECTIONS = ['library', 'devices', 'offline', 'idle', 'languages'] as const satisfies readonly SettingsSection[];

const FIELDS: { [S in SettingsSection]: readonly (keyof KioskSettings[S] & string)[] } = {
	library: Object.keys(SETTINGS_VARIABLES.library) as (keyof KioskSettings['library'])[],
	devices: DEVICE_SETTINGS_FIELDS,
	offline: Object.keys(SETTINGS_VARIABLES.offline) as (keyof KioskSettings['offline'])[],
	idle: Object.keys(SETTINGS_VARIABLES.idle) as (keyof KioskSettings['idle'])[],
	languages: Object.keys(SETTINGS_VARIABLES.languages) as (keyof KioskSettings['languages'])[]
};

/** Stands in for an empty SIP2_HOST while the other library values are checked (the demo uses none of them, but they are kept and exported). */
const CHECK_HOST = 'settings-check.invalid';
const MAX_LENGTH = 200;

export class KioskSettingsError extends Error {
	constructor(
		/** The field at fault; `file` when the document as a whole is wrong, `format`/`version` for a file that is not ours. */
		readonly field: SettingsField | 'file' | 'format' | 'version',
		readonly problem: string
	) {
		super(`${field}: ${problem}`);
		this.name = 'KioskSettingsError';
	}
}

/** Settings checked, with the configuration they make (the environment's, with the settings laid over it). */
export interface ParsedKioskSettings {
	/** Normalised: the settings form of `config` (so `090` reads `90`, `yes` reads `1`). */
	settings: KioskSettings;
	/** The SIP2 password from the settings file; null: the environment's (SIP2_PASSWORD or SIP2_PASSWORD_FILE). */
	password: string | null;
	config: KioskServerConfig;
}

/**
 * Checks a whole settings document; throws KioskSettingsError naming the first bad field. Sections
 * missing from `input` are taken from `base` when given (a settings file saved before a section
 * existed), and refused otherwise.
 */
export function parseKioskSettings(input: unknown, env: Env, options: { base?: KioskSettings; password?: string | null } = {}): ParsedKioskSettings {
	const record = objectOf(input, 'file', 'must be an object with the settings sections');
	const raw = {} as Record<SettingsSection, Record<string, string>>;
	for (const section of SETTINGS_SECTIONS) {
		if (record[section] === undefined && options.base) {
			raw[section] = { ...options.base[section] } as Record<string, string>;
			continue;
		}
		const values = objectOf(record[section], section === 'devices' ? 'devices.rfidReader' : (`${section}.${FIELDS[section][0]}` as SettingsField), `the ${section} section is missing`);
		raw[section] = {};
		for (const field of FIELDS[section]) {
			const value = values[field];
			if (typeof value !== 'string' || value.length > MAX_LENGTH) throw new KioskSettingsError(`${section}.${field}` as SettingsField, `must be text (at most ${MAX_LENGTH} characters)`);
			raw[section][field] = value.trim();
		}
		const unknown = Object.keys(values).filter((key) => !(FIELDS[section] as readonly string[]).includes(key));
		if (unknown.length > 0) throw new KioskSettingsError('file', `unknown field ${section}.${unknown[0]}`);
	}

	let devices;
	try {
		devices = parseDeviceSettings(raw.devices);
	} catch (error) {
		if (error instanceof DeviceSettingsError) throw new KioskSettingsError(error.field === 'file' ? 'devices.rfidReader' : `devices.${error.field}`, error.problem);
		throw error;
	}

	const password = options.password ?? null;
	const overlay: Env = { ...env };
	for (const section of Object.keys(SETTINGS_VARIABLES) as EnvSection[]) {
		for (const [field, variable] of Object.entries(SETTINGS_VARIABLES[section])) overlay[variable] = raw[section][field];
	}
	// A password saved on the technician page wins over the environment's, from a file or not.
	if (password !== null) Object.assign(overlay, { SIP2_PASSWORD: password, SIP2_PASSWORD_FILE: '' });
	let config: KioskServerConfig;
	let library: LibrarySystemConfig;
	try {
		config = loadConfig(overlay);
		library = config.librarySystem ?? librarySystem({ ...overlay, SIP2_HOST: CHECK_HOST });
	} catch (error) {
		if (error instanceof ConfigError) throw new KioskSettingsError(fieldOfVariable(error.variable), error.problem);
		throw error;
	}
	config.rfid = devices.rfid;
	config.devices = { ...config.devices, scanner: devices.scanner, printer: devices.printer, payment: devices.payment };
	return { settings: settingsOf(config, library), password, config };
}

function objectOf(value: unknown, field: SettingsField | 'file', problem: string): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new KioskSettingsError(field, problem);
	return value as Record<string, unknown>;
}

function fieldOfVariable(variable: string): SettingsField | 'file' {
	for (const section of Object.keys(SETTINGS_VARIABLES) as EnvSection[]) {
		for (const [field, name] of Object.entries(SETTINGS_VARIABLES[section])) if (name === variable) return `${section}.${field}` as SettingsField;
	}
	if (variable === 'SIP2_PASSWORD' || variable === 'SIP2_PASSWORD_FILE') return 'library.password';
	// A variable the settings do not hold: the environment itself is wrong (the server would not have started).
	return 'file';
}

/**
 * The settings form of a running configuration. `library`: the library system's settings even when
 * the demo runs instead (`config.librarySystem` null), for the values kept for a later SIP2_HOST.
 */
export function settingsOf(config: KioskServerConfig, library: LibrarySystemConfig): KioskSettings {
	const flag = (on: boolean) => (on ? '1' : '0');
	return {
		library: {
			host: config.librarySystem?.host ?? '',
			port: String(library.port),
			institutionId: library.institutionId,
			user: library.user,
			location: library.location
		},
		devices: deviceSettingsOf(config.rfid, config.devices),
		offline: {
			borrowing: flag(config.offline.borrowing),
			maxItems: String(config.offline.maxItemsPerMember),
			dueDays: String(config.offline.dueDays),
			exceptionDays: String(config.offline.exceptionDays),
			cardPattern: patternSource(config.offline.cardPattern)
		},
		idle: { timeoutS: String(config.idleTimeoutS), warningS: String(config.idleWarningS), deskMinutes: String(config.desk.idleMinutes) },
		languages: { default: config.languages.default, toggle: flag(config.languages.toggle) }
	};
}

/** The settings of the environment alone (what a kiosk without a settings file runs with). */
export function environmentSettings(env: Env): ParsedKioskSettings {
	const config = loadConfig(env);
	const library = config.librarySystem ?? librarySystem({ ...env, SIP2_HOST: CHECK_HOST });
	return { settings: settingsOf(config, library), password: null, config };
}

/** The pattern as typed: config.ts anchors it as `^(?:…)$`. */
function patternSource(pattern: RegExp): string {
	const match = /^\^\(\?:(.*)\)\$$/s.exec(pattern.source);
	return match ? match[1]! : pattern.source;
}

/** Every field whose value differs, in section order; the password as a secret (changed or not, never its value). */
export function diffSettings(before: KioskSettings, after: KioskSettings, passwordChanged = false): SettingsChange[] {
	const changes: SettingsChange[] = [];
	for (const section of SETTINGS_SECTIONS) {
		const from = before[section] as unknown as Record<string, string>;
		const to = after[section] as unknown as Record<string, string>;
		for (const field of FIELDS[section]) {
			if (from[field] !== to[field]) changes.push({ field: `${section}.${field}` as SettingsField, from: from[field] ?? '', to: to[field] ?? '' });
		}
	}
	if (passwordChanged) changes.push({ field: 'library.password', secret: true });
	return changes;
}

/** The audit log's words for a change: `idle.timeoutS: 60 → 90`; a secret only `changed`. */
export function describeChange(change: SettingsChange): string {
	if ('secret' in change) return `${change.field}: changed`;
	const shown = (value: string) => (value === '' ? '""' : value);
	return `${change.field}: ${shown(change.from)} → ${shown(change.to)}`;
}

/** The file a technician downloads: every section, no secrets, and the names of the secrets left out. */
export function exportSettings(settings: KioskSettings, now = new Date()): KioskSettingsFile {
	return {
		format: SETTINGS_FORMAT,
		version: SETTINGS_VERSION,
		exportedAt: now.toISOString(),
		secretsLeftOut: [...SECRETS_LEFT_OUT],
		library: { ...settings.library },
		devices: { ...settings.devices } satisfies DeviceSettings,
		offline: { ...settings.offline },
		idle: { ...settings.idle },
		languages: { ...settings.languages }
	};
}

const FILE_KEYS = new Set<string>(['format', 'version', 'exportedAt', 'secretsLeftOut', ...SETTINGS_SECTIONS]);

/**
 * Checks an uploaded settings file as a whole: ours (format and version), every section present and
 * every value good, and no secret in it. Throws KioskSettingsError; answers the settings it holds.
 */
export function parseSettingsFile(input: unknown, env: Env): ParsedKioskSettings {
	const record = objectOf(input, 'file', 'is not a kiosk settings file (a JSON object)');
	if (record.format !== SETTINGS_FORMAT) throw new KioskSettingsError('format', `must be "${SETTINGS_FORMAT}"`);
	if (record.version !== SETTINGS_VERSION) throw new KioskSettingsError('version', `must be ${SETTINGS_VERSION} (this kiosk reads version ${SETTINGS_VERSION} files)`);
	const library = record.library;
	if (library && typeof library === 'object' && 'password' in library) throw new KioskSettingsError('library.password', 'a settings file carries no secrets: set the password on the technician page');
	const unknown = Object.keys(record).filter((key) => !FILE_KEYS.has(key));
	if (unknown.length > 0) throw new KioskSettingsError('file', `unknown field ${unknown[0]}`);
	return parseKioskSettings(record, env);
}
