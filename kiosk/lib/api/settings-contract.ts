/**
 * The kiosk settings the technician page edits, exports and imports (/api/technician/config...):
 * every value as text in the same syntax as its environment variable (README, "Configuration"),
 * so a value means the same in the settings file, the environment and the form.
 */
import type { DeviceSettings } from './contract';

/** The library system connection (SIP2). Its password is a secret: never sent to the browser nor exported. */
export interface LibrarySettings {
	/** SIP2_HOST; empty: the bundled demo library. */
	host: string;
	/** SIP2_PORT */
	port: string;
	/** SIP2_INSTITUTION */
	institutionId: string;
	/** SIP2_USER; empty: an ACS without login. */
	user: string;
	/** SIP2_LOCATION */
	location: string;
}

export interface OfflineSettings {
	/** OFFLINE_BORROW: 1 or 0. */
	borrowing: string;
	/** OFFLINE_MAX_ITEMS */
	maxItems: string;
	/** OFFLINE_DUE_DAYS */
	dueDays: string;
	/** OFFLINE_EXCEPTION_DAYS */
	exceptionDays: string;
	/** OFFLINE_CARD_PATTERN (a regular expression, anchored). */
	cardPattern: string;
}

export interface IdleSettings {
	/** IDLE_TIMEOUT_S */
	timeoutS: string;
	/** IDLE_WARNING_S */
	warningS: string;
	/** DESK_IDLE_MINUTES */
	deskMinutes: string;
}

export interface LanguageSettings {
	/** LANGUAGE_DEFAULT: nl or en, the language every member session starts in. */
	default: string;
	/** LANGUAGE_TOGGLE: 1 (the other language is one tap away) or 0. */
	toggle: string;
}

export interface KioskSettings {
	library: LibrarySettings;
	devices: DeviceSettings;
	offline: OfflineSettings;
	idle: IdleSettings;
	languages: LanguageSettings;
}

export type SettingsSection = keyof KioskSettings;

/** A field by its path, e.g. `idle.timeoutS`; `library.password` is the one secret the form can set. */
export type SettingsField = { [S in SettingsSection]: `${S}.${keyof KioskSettings[S] & string}` }[SettingsSection] | 'library.password';

/** The secrets a settings file never carries: the target kiosk keeps its own. */
export const SECRETS_LEFT_OUT = ['library.password', 'offline.key', 'devices.paymentPassword', 'smtp.password'] as const;

/** The exported file (GET /api/technician/config/export), and what an import takes. */
export interface KioskSettingsFile extends KioskSettings {
	format: 'kiosk-settings';
	version: 1;
	/** ISO timestamp. */
	exportedAt: string;
	/** Which secrets were left out of this file. */
	secretsLeftOut: readonly string[];
}

/** GET /api/technician/config, and what saving and importing answer. */
export interface SettingsView {
	settings: KioskSettings;
	/** Whether this kiosk has a SIP2 password (from the settings file or the environment). */
	passwordSet: boolean;
	/** The saved library connection differs from the one in use: it applies when the kiosk server restarts. */
	restartNeeded: boolean;
}

/** One changed field. A secret's values are never shown: only that it changed. */
export type SettingsChange = { field: SettingsField; from: string; to: string } | { field: SettingsField; secret: true };

/** PUT /api/technician/config body. `password` empty or absent: keep the SIP2 password this kiosk has. */
export interface SettingsSaveRequest {
	settings: KioskSettings;
	password?: string;
}

/**
 * POST /api/technician/config/import body: the file as parsed JSON. `apply: false` only checks it and
 * answers the changes it would make; `apply: true` applies them.
 */
export interface SettingsImportRequest {
	file: unknown;
	apply: boolean;
}

/** PUT and the import's answer. */
export interface SettingsApplied extends SettingsView {
	changes: SettingsChange[];
}

export interface SettingsImportPreview {
	changes: SettingsChange[];
}

/** 400 from saving or importing: the field at fault (`file`: the file as a whole) and the problem (technical English). */
export interface SettingsRefusal {
	error: 'bad-request';
	field: SettingsField | 'file' | 'format' | 'version';
	problem: string;
}
