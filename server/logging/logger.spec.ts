import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, logFileWriter } from './logger';

describe('logFileWriter (LOG_FILE)', () => {
	it('appends JSON lines to an owner-only file, with personal fields already removed', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'kiosk-log-')), 'kiosk.jsonl');
		const log = createLogger({ level: 'debug', write: logFileWriter(file) });
		log.debug('member logged in', { cardNumber: '20001000000012', item: '30001000000010' });
		createLogger({ write: logFileWriter(file) }).info('second process, same file');
		const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines).toMatchObject([
			{ level: 'debug', message: 'member logged in', cardNumber: '[redacted]', item: '30001000000010' },
			{ level: 'info', message: 'second process, same file' }
		]);
		expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
	});
});
