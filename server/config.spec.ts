import { mkdtempSync, writeFileSync } from 'node:fs';
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

	it.each([
		['IDLE_TIMEOUT_S', 'soon'],
		['SIP2_PORT', '70000'],
		['SIP2_TERMINATOR', 'LF'],
		['SIP2_CHARSET', 'utf-16'],
		['SIP2_TLS', 'maybe'],
		['LOG_LEVEL', 'loud']
	])('names the variable when %s=%s is wrong', (name, value) => {
		expect(() => loadConfig({ SIP2_HOST: 'h', [name]: value })).toThrow(ConfigError);
		expect(() => loadConfig({ SIP2_HOST: 'h', [name]: value })).toThrow(name);
	});
});
