import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../server/logging/logger';
import { OfflineKeyError } from './card-sealer';
import { loadOfflineKey, OfflineKeyFileError } from './offline-key';

const HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

let directory: string;
beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'offline-key-'));
});
afterEach(() => {
	rmSync(directory, { recursive: true, force: true });
});

function keyFile(content: string, mode = 0o600): string {
	const path = join(directory, 'kiosk-offline.key');
	writeFileSync(path, content, { mode });
	chmodSync(path, mode);
	return path;
}

describe('loadOfflineKey', () => {
	it('takes the key given in the environment', () => {
		const key = Buffer.alloc(32, 5);
		expect(loadOfflineKey({ kind: 'value', key }).equals(key)).toBe(true);
		expect(() => loadOfflineKey({ kind: 'value', key: Buffer.alloc(31) })).toThrow(OfflineKeyError);
	});

	it('reads 64 hex digits from the file, with or without a newline', () => {
		for (const content of [HEX, `${HEX}\n`, `${HEX.toUpperCase()}\r\n`]) {
			expect(loadOfflineKey({ kind: 'file', path: keyFile(content) }).toString('hex')).toBe(HEX);
		}
		expect(loadOfflineKey({ kind: 'file', path: keyFile(HEX, 0o400) }).toString('hex')).toBe(HEX);
	});

	it('refuses a file in another format, naming the file', () => {
		for (const content of ['', HEX.slice(2), `${HEX}00`, `${HEX}\n\n`, Buffer.alloc(32, 1).toString('base64'), ` ${HEX}`]) {
			const path = keyFile(content);
			expect(() => loadOfflineKey({ kind: 'file', path }), JSON.stringify(content)).toThrow(OfflineKeyFileError);
			expect(() => loadOfflineKey({ kind: 'file', path })).toThrow(path);
		}
	});

	it('refuses a key file that group or others can read, naming it and its mode', () => {
		for (const mode of [0o640, 0o604, 0o644, 0o660]) {
			const path = keyFile(`${HEX}\n`, mode);
			expect(() => loadOfflineKey({ kind: 'file', path })).toThrow(new OfflineKeyFileError(path, `is readable by other users (mode 0${mode.toString(8)}); chmod 600 it`));
		}
	});

	it('refuses a directory', () => {
		const path = join(directory, 'dir.key');
		mkdirSync(path, { mode: 0o700 });
		expect(() => loadOfflineKey({ kind: 'file', path })).toThrow(OfflineKeyFileError);
	});

	it('creates a missing key file with a random key, mode 0600, and logs where but never the key', () => {
		const path = join(directory, 'new.key');
		const lines: string[] = [];
		const key = loadOfflineKey({ kind: 'file', path }, createLogger({ write: (line) => lines.push(line) }));
		expect(key.length).toBe(32);
		expect(readFileSync(path, 'utf8')).toBe(`${key.toString('hex')}\n`);
		expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(path);
		expect(lines[0]).not.toContain(key.toString('hex'));
		expect(lines[0]).not.toContain(key.toString('base64'));
		// The next start reads the same key, and logs nothing.
		expect(loadOfflineKey({ kind: 'file', path }, createLogger({ write: (line) => lines.push(line) })).equals(key)).toBe(true);
		expect(lines).toHaveLength(1);
		// No temporary file left behind.
		expect(readdirSync(directory)).toEqual(['new.key']);
	});

	it('gives two keys for two new files (random, not fixed)', () => {
		const first = loadOfflineKey({ kind: 'file', path: join(directory, 'a.key') });
		const second = loadOfflineKey({ kind: 'file', path: join(directory, 'b.key') });
		expect(first.equals(second)).toBe(false);
	});

	it('does not create the file when told not to', () => {
		const path = join(directory, 'absent.key');
		expect(() => loadOfflineKey({ kind: 'file', path }, undefined, { create: false })).toThrow(new OfflineKeyFileError(path, 'does not exist'));
		expect(readdirSync(directory)).toEqual([]);
	});

	it('says so when the folder for a new key file does not exist', () => {
		const path = join(directory, 'missing', 'kiosk-offline.key');
		expect(() => loadOfflineKey({ kind: 'file', path })).toThrow(new OfflineKeyFileError(path, 'cannot be created: ENOENT'));
	});
});
