import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
	it('runs the bundled demo library with sensible defaults when nothing is set', () => {
		const config = loadConfig({});
		expect(config.librarySystem).toBeNull();
		expect(config.idleTimeoutS).toBe(60);
		expect(config.idleWarningS).toBeGreaterThanOrEqual(20);
		expect(config.logLevel).toBe('info');
	});

	it('starts member sessions in Dutch with English one tap away, unless set otherwise', () => {
		expect(loadConfig({}).languages).toEqual({ default: 'nl', toggle: true });
		expect(loadConfig({ LANGUAGE_DEFAULT: 'en', LANGUAGE_TOGGLE: '0' }).languages).toEqual({ default: 'en', toggle: false });
		expect(() => loadConfig({ LANGUAGE_DEFAULT: 'fr' })).toThrow(new ConfigError('LANGUAGE_DEFAULT', 'must be nl or en'));
		expect(() => loadConfig({ LANGUAGE_TOGGLE: 'maybe' })).toThrow(ConfigError);
	});

	it('limits logins: 5 wrong PINs lock a card for 15 minutes, 20 logins a minute per kiosk, unless set otherwise', () => {
		expect(loadConfig({}).loginLimits).toEqual({ pinMaxAttempts: 5, pinLockMinutes: 15, attemptsPerMinute: 20 });
		expect(loadConfig({ PIN_MAX_ATTEMPTS: '3', PIN_LOCK_MINUTES: '60', LOGIN_RATE_LIMIT: '100' }).loginLimits).toEqual({
			pinMaxAttempts: 3,
			pinLockMinutes: 60,
			attemptsPerMinute: 100
		});
	});

	it('reads a real library system from SIP2_* variables', () => {
		const config = loadConfig({
			SIP2_HOST: 'koha.example.org',
			SIP2_PORT: '6002',
			SIP2_USER: 'kiosk1',
			SIP2_PASSWORD: 'secret',
			SIP2_INSTITUTION: 'CPL',
			SIP2_TERMINATOR: 'crlf',
			SIP2_CHARSET: 'IBM850',
			SIP2_ERROR_DETECTION: '0'
		});
		expect(config.librarySystem).toMatchObject({ host: 'koha.example.org', port: 6002, user: 'kiosk1', password: 'secret', institutionId: 'CPL', terminator: 'CRLF', charset: 'ibm850', errorDetection: false, tls: false });
	});

	it('reads the SIP2 password from a file when asked', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'kiosk-config-')), 'sip2-password');
		writeFileSync(file, 'from-a-file\n', { mode: 0o600 });
		expect(loadConfig({ SIP2_HOST: 'h', SIP2_PASSWORD_FILE: file }).librarySystem?.password).toBe('from-a-file');
	});

	describe('secret files', () => {
		/** A file with exactly this mode: chmod after writing, so the umask cannot change it. */
		const secretFile = (mode: number, content = 'from-a-file\n'): string => {
			const file = join(mkdtempSync(join(tmpdir(), 'kiosk-config-')), 'secret');
			writeFileSync(file, content, { mode: 0o600 });
			chmodSync(file, mode);
			return file;
		};

		it.each([0o600, 0o400])('reads an owner-only file (mode %o)', (mode) => {
			expect(loadConfig({ SIP2_HOST: 'h', SIP2_PASSWORD_FILE: secretFile(mode) }).librarySystem?.password).toBe('from-a-file');
		});

		it.each([
			[0o644, 'readable'],
			[0o640, 'readable'],
			[0o604, 'readable'],
			[0o620, 'writable'],
			[0o602, 'writable'],
			[0o660, 'readable']
		])('refuses a file of mode %o (%s by others), naming the variable and saying chmod 600', (mode, how) => {
			for (const name of ['SIP2_PASSWORD', 'PAYMENT_PASSWORD']) {
				const file = secretFile(mode);
				const load = () => loadConfig({ SIP2_HOST: 'h', [`${name}_FILE`]: file });
				expect(load).toThrow(ConfigError);
				expect(load).toThrow(`${name}_FILE: ${file} is ${how} by other users (mode 0${mode.toString(8)}); chmod 600 it`);
			}
		});

		it('refuses a missing file and a directory, naming the variable', () => {
			const directory = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
			expect(() => loadConfig({ PAYMENT_PASSWORD_FILE: join(directory, 'absent') })).toThrow('PAYMENT_PASSWORD_FILE: ');
			expect(() => loadConfig({ PAYMENT_PASSWORD_FILE: directory })).toThrow(`PAYMENT_PASSWORD_FILE: ${directory} is not a regular file`);
		});

		it('never puts the secret itself in the message', () => {
			const file = secretFile(0o644, 'hunter2-very-secret\n');
			expect(() => loadConfig({ SIP2_HOST: 'h', SIP2_PASSWORD_FILE: file })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
		});
	});

	it('logs to stderr unless LOG_FILE names a file', () => {
		expect(loadConfig({}).logFile).toBeUndefined();
		expect(loadConfig({ LOG_FILE: '/var/log/kiosk/kiosk.jsonl' }).logFile).toBe('/var/log/kiosk/kiosk.jsonl');
	});

	it('offers no e-mailed receipts without SMTP_HOST, and reads the mail server with STARTTLS required by default', () => {
		expect(loadConfig({}).smtp).toBeNull();
		expect(loadConfig({ SMTP_HOST: 'mail.example', SMTP_FROM: 'kiosk@bibliotheek.example', SMTP_USER: 'kiosk', SMTP_PASSWORD: 'geheim' }).smtp).toEqual({
			host: 'mail.example',
			port: 587,
			secure: false,
			starttls: 'require',
			user: 'kiosk',
			password: 'geheim',
			from: 'kiosk@bibliotheek.example'
		});
		expect(loadConfig({ SMTP_HOST: 'mail.example', SMTP_PORT: '465', SMTP_FROM: 'k@b.example' }).smtp).toMatchObject({ port: 465, secure: true });
		expect(loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '25', SMTP_STARTTLS: 'off', SMTP_FROM: 'k@b.example' }).smtp).toMatchObject({ port: 25, secure: false, starttls: 'off' });
		const dir = mkdtempSync(join(tmpdir(), 'kiosk-smtp-'));
		const file = join(dir, 'smtp-password');
		writeFileSync(file, 'uit-bestand\n', { mode: 0o600 });
		expect(loadConfig({ SMTP_HOST: 'mail.example', SMTP_FROM: 'k@b.example', SMTP_PASSWORD_FILE: file }).smtp?.password).toBe('uit-bestand');
	});

	it.each([
		['SMTP_FROM', ''],
		['SMTP_STARTTLS', 'maybe'],
		['SMTP_SECURE', 'perhaps'],
		['SMTP_PORT', '0']
	])('names the mail variable when %s=%s is wrong', (name, value) => {
		expect(() => loadConfig({ SMTP_HOST: 'mail.example', SMTP_FROM: 'k@b.example', [name]: value })).toThrow(name);
	});

	it.each([
		['IDLE_TIMEOUT_S', 'soon'],
		['SIP2_PORT', '70000'],
		['SIP2_TERMINATOR', 'LF'],
		['SIP2_CHARSET', 'utf-16'],
		['SIP2_TLS', 'maybe'],
		['LOG_LEVEL', 'loud'],
		['PIN_MAX_ATTEMPTS', '0'],
		['PIN_LOCK_MINUTES', 'forever'],
		['LOGIN_RATE_LIMIT', '2.5']
	])('names the variable when %s=%s is wrong', (name, value) => {
		expect(() => loadConfig({ SIP2_HOST: 'h', [name]: value })).toThrow(ConfigError);
		expect(() => loadConfig({ SIP2_HOST: 'h', [name]: value })).toThrow(name);
	});
});
