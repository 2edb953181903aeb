import { readFileSync } from 'node:fs';
import { isLogLevel, type LogLevel } from './logging/logger';
import { readSecretFile, SecretFileError } from './secret-file';
import type { DeskConfig } from './staff/staff-desk';
import { isSipCharset, type SipCharset, type SipTerminator } from './sip2';

/**
 * The kiosk server's configuration, from environment variables only (documented in the README).
 * Bad values stop the server at start-up with a message that names the variable.
 */
export interface LibrarySystemConfig {
	host: string;
	port: number;
	user: string;
	password: string;
	institutionId: string;
	/** SIP2 location: CP at login, AP (current location) at check-in. */
	location: string;
	/** Terminal password (AC), for ACSs that want one. */
	terminalPassword: string;
	/** Send the member's PIN with every transaction, not only at login. */
	pinOnEveryRequest: boolean;
	tls: { ca?: string; rejectUnauthorized: boolean } | false;
	terminator: SipTerminator;
	charset: SipCharset;
	errorDetection: boolean;
	requestTimeoutMs: number;
	heartbeatS: number;
}

/** Where the RFID pad is: none, the built-in simulator, or a reader on a serial port or TCP. */
export type RfidReaderConfig =
	| { kind: 'none' }
	| { kind: 'simulator'; protocol: 'feig' | '3m' }
	| { kind: 'serial'; protocol: 'feig' | '3m'; path: string; /** null: the protocol's usual rate. */ baudRate: number | null }
	| { kind: 'tcp'; protocol: 'feig' | '3m'; host: string; port: number };

export interface RfidConfig {
	reader: RfidReaderConfig;
	dataModel: 'iso28560-3' | 'iso28560-2' | 'rfid501';
	afiInLibrary: number;
	afiOnLoan: number;
	securityMode: 'afi' | 'eas' | 'both';
}

/** The barcode scanner: `wedge` types into the browser like a keyboard; serial and HID ones the server reads. */
export type ScannerConfig =
	| { kind: 'none' }
	| { kind: 'wedge' }
	| { kind: 'serial'; path: string; baudRate: number }
	| { kind: 'hid'; vendorId: number; productId: number };

export type PrinterConfig = { kind: 'none' } | { kind: 'simulator' } | { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string; baudRate: number };

export type PaymentConfig = { kind: 'none' } | { kind: 'simulator' } | { kind: 'zvt-tcp'; host: string; port: number } | { kind: 'zvt-serial'; path: string };

export interface DevicesConfig {
	scanner: ScannerConfig;
	printer: PrinterConfig;
	payment: PaymentConfig;
	/** The ZVT terminal's six-digit password, sent at registration. */
	paymentPassword: string;
}

/**
 * Store and forward while the library system is unreachable. The key that encrypts card numbers
 * in the queue comes from the environment or a file, never from the queue's database.
 */
export interface OfflineConfig {
	/** SQLite file of the queue and the exceptions list. */
	dbFile: string;
	/** 32 bytes given in OFFLINE_KEY, or the file named by OFFLINE_KEY_FILE (created, mode 0600, when absent). */
	key: { kind: 'value'; key: Buffer } | { kind: 'file'; path: string };
	/** Lend while offline at all; returns are always taken. */
	borrowing: boolean;
	/** At most this many offline loans per member until the queue is replayed. */
	maxItemsPerMember: number;
	/** The due date promised offline: this many days after the loan. */
	dueDays: number;
	/** Refused replays stay on the exceptions list for staff this many days. */
	exceptionDays: number;
	/** What a well-formed card number looks like (offline, the library system cannot check the card). */
	cardPattern: RegExp;
}

/** Limits on login attempts at this kiosk (server/circulation/login-guard.ts). */
export interface LoginLimitsConfig {
	/** Wrong PINs for one card before it is locked at this kiosk. */
	pinMaxAttempts: number;
	/** How long such a card stays locked (and a wrong PIN is remembered). */
	pinLockMinutes: number;
	/** Login attempts per minute that may reach the library system, all cards together. */
	attemptsPerMinute: number;
}

export interface KioskServerConfig {
	libraryName: string;
	/** null: start the bundled demo library system and talk to it over loopback. */
	librarySystem: LibrarySystemConfig | null;
	/** SQLite file of the demo library; in memory (fresh each start) when absent. */
	demoDbFile: string | undefined;
	idleTimeoutS: number;
	idleWarningS: number;
	logLevel: LogLevel;
	/** Log lines go to this file (appended, created mode 0600) instead of stderr; unset: stderr. */
	logFile: string | undefined;
	rfid: RfidConfig;
	devices: DevicesConfig;
	/** Staff accounts, desk sessions and the audit log (server/staff). */
	desk: DeskConfig;
	offline: OfflineConfig;
	loginLimits: LoginLimitsConfig;
	payments: PaymentsConfig;
	/** Where e-mailed receipts go out; null (SMTP_HOST unset): the e-mail option is not offered. */
	smtp: SmtpConfig | null;
	languages: LanguagesConfig;
}

/** The payment journal (server/payments): where, and how long finished payments stay in it. */
export interface PaymentsConfig {
	journalFile: string;
	keepDays: number;
}

/** The member screens' languages: which one a session starts in, and whether the other is offered. */
export interface LanguagesConfig {
	default: 'nl' | 'en';
	/** Show the button that switches to the other language. */
	toggle: boolean;
}

/** The mail server for e-mailed receipts (SMTP_*). */
export interface SmtpConfig {
	host: string;
	port: number;
	/** TLS from the first byte (SMTPS, usually port 465). */
	secure: boolean;
	/** Without `secure`: `require` STARTTLS (refuse to send in the clear), `auto` (use it when offered) or `off`. */
	starttls: 'require' | 'auto' | 'off';
	/** Empty: no login. */
	user: string;
	/** A secret: never logged, never sent to the browser. */
	password: string;
	/** The sender, e.g. `Bibliotheek Demostad <kiosk@bibliotheek.example>`. */
	from: string;
}

export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		readonly problem: string
	) {
		super(`${variable}: ${problem}`);
		this.name = 'ConfigError';
	}
}

export type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): KioskServerConfig {
	const idleWarningS = integer(env, 'IDLE_WARNING_S', 30, 1, 600);
	return {
		libraryName: env.LIBRARY_NAME?.trim() || 'Bibliotheek Demostad',
		payments: { journalFile: env.PAYMENT_JOURNAL || 'kiosk-payments.db', keepDays: integer(env, 'PAYMENT_KEEP_DAYS', 90, 1, 3650) },
		librarySystem: env.SIP2_HOST ? librarySystem(env) : null,
		demoDbFile: env.DEMO_DB || undefined,
		idleTimeoutS: integer(env, 'IDLE_TIMEOUT_S', 60, 1, 3600),
		idleWarningS,
		logLevel: isLogLevel(env.LOG_LEVEL) ? env.LOG_LEVEL : env.LOG_LEVEL ? fail('LOG_LEVEL', 'must be debug, info, warn or error') : 'info',
		logFile: env.LOG_FILE || undefined,
		rfid: rfid(env),
		devices: devices(env),
		desk: {
			dbFile: env.STAFF_DB || 'kiosk-staff.db',
			idleMinutes: integer(env, 'DESK_IDLE_MINUTES', 10, 1, 480),
			auditDays: integer(env, 'AUDIT_DAYS', 365, 1, 3650)
		},
		offline: offline(env),
		loginLimits: {
			pinMaxAttempts: integer(env, 'PIN_MAX_ATTEMPTS', 5, 1, 100),
			pinLockMinutes: integer(env, 'PIN_LOCK_MINUTES', 15, 1, 1440),
			attemptsPerMinute: integer(env, 'LOGIN_RATE_LIMIT', 20, 1, 100_000)
		},
		languages: languages(env),
		smtp: env.SMTP_HOST ? smtp(env) : null
	};
}

function smtp(env: Env): SmtpConfig {
	const secure = flag(env, 'SMTP_SECURE', env.SMTP_PORT === '465');
	const starttls = (env.SMTP_STARTTLS || 'require').toLowerCase();
	if (starttls !== 'require' && starttls !== 'auto' && starttls !== 'off') fail('SMTP_STARTTLS', 'must be require, auto or off');
	const from = env.SMTP_FROM?.trim() ?? '';
	if (!from) fail('SMTP_FROM', 'is needed when SMTP_HOST is set (the sender of e-mailed receipts)');
	return {
		host: env.SMTP_HOST!.trim(),
		port: integer(env, 'SMTP_PORT', secure ? 465 : 587, 1, 65535),
		secure,
		starttls,
		user: env.SMTP_USER ?? '',
		password: secret(env, 'SMTP_PASSWORD'),
		from
	};
}

function languages(env: Env): LanguagesConfig {
	const language = (env.LANGUAGE_DEFAULT || 'nl').toLowerCase();
	if (language !== 'nl' && language !== 'en') fail('LANGUAGE_DEFAULT', 'must be nl or en');
	return { default: language, toggle: flag(env, 'LANGUAGE_TOGGLE', true) };
}

function offline(env: Env): OfflineConfig {
	return {
		dbFile: env.OFFLINE_DB || 'kiosk-offline.db',
		key: env.OFFLINE_KEY ? { kind: 'value', key: offlineKey(env.OFFLINE_KEY) } : { kind: 'file', path: env.OFFLINE_KEY_FILE || 'kiosk-offline.key' },
		borrowing: flag(env, 'OFFLINE_BORROW', true),
		maxItemsPerMember: integer(env, 'OFFLINE_MAX_ITEMS', 5, 1, 100),
		dueDays: integer(env, 'OFFLINE_DUE_DAYS', 21, 1, 365),
		exceptionDays: integer(env, 'OFFLINE_EXCEPTION_DAYS', 30, 1, 3650),
		cardPattern: pattern(env, 'OFFLINE_CARD_PATTERN', '^[0-9]{14}$')
	};
}

/** 32 bytes as 64 hex digits or as base64. */
export function offlineKey(raw: string): Buffer {
	const text = raw.trim();
	const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : null;
	if (!key || key.length !== 32) fail('OFFLINE_KEY', 'must be 32 bytes, as 64 hex digits or base64');
	return key;
}

function pattern(env: Env, name: string, fallback: string): RegExp {
	const source = env[name] || fallback;
	try {
		// Anchored either way: a pattern that matches part of a scan would let anything through.
		return new RegExp(`^(?:${source.replace(/^\^/, '').replace(/\$$/, '')})$`);
	} catch {
		return fail(name, 'must be a regular expression');
	}
}

function devices(env: Env): DevicesConfig {
	// The demo (no SIP2_HOST) gets a simulated printer and payment terminal, a real kiosk none until configured.
	const demoDefault = env.SIP2_HOST ? 'none' : 'simulator';
	const paymentPassword = secret(env, 'PAYMENT_PASSWORD') || '000000';
	if (!/^\d{6}$/.test(paymentPassword)) fail('PAYMENT_PASSWORD', "must be the terminal's six digits");
	return {
		scanner: scanner(env.SCANNER || 'wedge'),
		printer: printer(env.PRINTER || demoDefault),
		payment: payment(env.PAYMENT || demoDefault),
		paymentPassword
	};
}

/** `PATH` or `PATH@BAUD`, e.g. `/dev/ttyACM0@9600`. */
function serialPort(variable: string, raw: string, defaultBaud: number): { path: string; baudRate: number } {
	const match = /^([^@]+)(?:@(\d+))?$/.exec(raw);
	if (!match) fail(variable, `a serial port is PATH or PATH@BAUD, got "${raw}"`);
	const baudRate = match[2] === undefined ? defaultBaud : Number(match[2]);
	if (match[2] !== undefined && (baudRate < 300 || baudRate > 921_600)) fail(variable, `baud rate must be from 300 to 921600, got "${match[2]}"`);
	return { path: match[1]!, baudRate };
}

function tcpAddress(variable: string, raw: string): { host: string; port: number } {
	const match = /^(.+):(\d+)$/.exec(raw);
	const port = Number(match?.[2]);
	if (!match || port < 1 || port > 65535) fail(variable, `a network device is HOST:PORT, got "${raw}"`);
	return { host: match[1]!, port };
}

export function scanner(raw: string): ScannerConfig {
	if (raw === 'none' || raw === 'wedge') return { kind: raw };
	if (raw.startsWith('serial:')) return { kind: 'serial', ...serialPort('SCANNER', raw.slice('serial:'.length), 9600) };
	const hid = /^hid:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(raw);
	if (hid) return { kind: 'hid', vendorId: Number.parseInt(hid[1]!, 16), productId: Number.parseInt(hid[2]!, 16) };
	return fail('SCANNER', 'must be none, wedge, serial:PATH[@BAUD] or hid:VID:PID (hex)');
}

export function printer(raw: string): PrinterConfig {
	if (raw === 'none' || raw === 'simulator') return { kind: raw };
	if (raw.startsWith('tcp:')) return { kind: 'tcp', ...tcpAddress('PRINTER', raw.slice('tcp:'.length)) };
	if (raw.startsWith('serial:')) return { kind: 'serial', ...serialPort('PRINTER', raw.slice('serial:'.length), 38_400) };
	return fail('PRINTER', 'must be none, simulator, tcp:HOST:PORT or serial:PATH[@BAUD]');
}

export function payment(raw: string): PaymentConfig {
	if (raw === 'none' || raw === 'simulator') return { kind: raw };
	if (raw.startsWith('zvt:tcp:')) return { kind: 'zvt-tcp', ...tcpAddress('PAYMENT', raw.slice('zvt:tcp:'.length)) };
	if (raw.startsWith('zvt:serial:') && raw.length > 'zvt:serial:'.length) return { kind: 'zvt-serial', path: raw.slice('zvt:serial:'.length) };
	return fail('PAYMENT', 'must be none, simulator, zvt:tcp:HOST:PORT or zvt:serial:PATH');
}

/** The RFID_* variables; also how saved device settings are checked (`devices/device-settings`). */
export function rfid(env: Env): RfidConfig {
	const dataModel = env.RFID_DATA_MODEL ?? 'iso28560-3';
	if (dataModel !== 'iso28560-3' && dataModel !== 'iso28560-2' && dataModel !== 'rfid501') fail('RFID_DATA_MODEL', 'must be iso28560-3, iso28560-2 or rfid501');
	const securityMode = env.RFID_SECURITY ?? 'afi';
	if (securityMode !== 'afi' && securityMode !== 'eas' && securityMode !== 'both') fail('RFID_SECURITY', 'must be afi, eas or both');
	return {
		// The demo runs with a simulated pad; a kiosk on a real library system has none until configured.
		reader: rfidReader(env.RFID_READER ?? (env.SIP2_HOST ? 'none' : 'simulator')),
		dataModel,
		afiInLibrary: hexByte(env, 'RFID_AFI_IN_LIBRARY', 0x07),
		afiOnLoan: hexByte(env, 'RFID_AFI_ON_LOAN', 0xc2),
		securityMode
	};
}

function rfidReader(raw: string): RfidReaderConfig {
	if (raw === 'none') return { kind: 'none' };
	const match = /^(simulator|feig|3m)(?::(.+))?$/.exec(raw);
	if (!match) fail('RFID_READER', 'must be none, simulator, feig:PORT[@BAUD], 3m:PORT[@BAUD] or feig:tcp:HOST:PORT');
	const [, kind, where] = match;
	if (kind === 'simulator') return { kind: 'simulator', protocol: where === '3m' ? '3m' : 'feig' };
	const protocol = kind as 'feig' | '3m';
	if (!where) fail('RFID_READER', `${kind} needs a port, e.g. ${kind}:/dev/ttyUSB0`);
	const tcp = /^tcp:(.+):(\d+)$/.exec(where);
	if (tcp) return { kind: 'tcp', protocol, host: tcp[1]!, port: Number(tcp[2]) };
	if (where.startsWith('tcp:')) fail('RFID_READER', `a network reader is ${kind}:tcp:HOST:PORT, got "${where}"`);
	// The protocol's own rate (rfidSerialSettings) unless PATH@BAUD says otherwise.
	const serial = serialPort('RFID_READER', where, 0);
	return { kind: 'serial', protocol, path: serial.path, baudRate: where.includes('@') ? serial.baudRate : null };
}

function hexByte(env: Env, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^(0x)?[0-9a-f]{1,2}$/i.test(raw)) fail(name, `must be a byte in hex such as 07 or C2, got "${raw}"`);
	return Number.parseInt(raw.replace(/^0x/i, ''), 16);
}

/** The SIP2_* variables (SIP2_HOST must be set); also how saved library settings are checked (`server/settings`). */
export function librarySystem(env: Env): LibrarySystemConfig {
	const tlsOn = flag(env, 'SIP2_TLS', false);
	const terminator = (env.SIP2_TERMINATOR ?? 'CR').toUpperCase();
	if (terminator !== 'CR' && terminator !== 'CRLF') fail('SIP2_TERMINATOR', 'must be CR or CRLF');
	const charset = (env.SIP2_CHARSET ?? 'utf-8').toLowerCase();
	if (!isSipCharset(charset)) fail('SIP2_CHARSET', 'must be utf-8, iso-8859-1 or ibm850');
	return {
		host: env.SIP2_HOST!,
		port: integer(env, 'SIP2_PORT', 6001, 1, 65535),
		user: env.SIP2_USER ?? '',
		password: secret(env, 'SIP2_PASSWORD'),
		institutionId: env.SIP2_INSTITUTION ?? '',
		location: env.SIP2_LOCATION ?? 'kiosk',
		terminalPassword: env.SIP2_TERMINAL_PASSWORD ?? '',
		pinOnEveryRequest: flag(env, 'SIP2_PIN_EVERY_REQUEST', false),
		tls: tlsOn
			? {
					ca: env.SIP2_TLS_CA_FILE ? readFileSync(env.SIP2_TLS_CA_FILE, 'utf8') : undefined,
					rejectUnauthorized: flag(env, 'SIP2_TLS_VERIFY', true)
				}
			: false,
		terminator: terminator as SipTerminator,
		charset: charset as SipCharset,
		errorDetection: flag(env, 'SIP2_ERROR_DETECTION', true),
		requestTimeoutMs: integer(env, 'SIP2_TIMEOUT_MS', 10_000, 100, 120_000),
		heartbeatS: integer(env, 'SIP2_HEARTBEAT_S', 30, 1, 3600)
	};
}

/**
 * A secret from `NAME`, or from the file named by `NAME_FILE` (a systemd credential, say), which
 * only the service user may read: a password file others can read or write is refused.
 */
function secret(env: Env, name: string): string {
	const file = env[`${name}_FILE`];
	if (file) {
		let bytes: Buffer | null;
		try {
			bytes = readSecretFile(file, 4096);
		} catch (error) {
			if (error instanceof SecretFileError) fail(`${name}_FILE`, `${file} ${error.problem}`);
			throw error;
		}
		if (!bytes) fail(`${name}_FILE`, `${file} does not exist`);
		return bytes.toString('utf8').trim();
	}
	return env[name] ?? '';
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) fail(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
	return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
	const raw = env[name]?.toLowerCase();
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	return fail(name, 'must be 1 or 0');
}

function fail(variable: string, problem: string): never {
	throw new ConfigError(variable, problem);
}
