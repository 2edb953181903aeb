import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardContext, createCardSealer } from '../card-sealer';
import type { OfflineKind } from '../queue/offline-queue';
import { openSqliteOfflineQueue } from '../queue/sqlite-offline-queue';
import { runKocCli } from './koc-cli';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY_HEX = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const KEY = Buffer.from(KEY_HEX, 'hex');
const AT = new Date('2026-11-23T09:15:07.004Z');

let directory: string;
let db: string;
let keyFile: string;
let env: Record<string, string>;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'koc-cli-'));
	db = join(directory, 'kiosk-offline.db');
	keyFile = join(directory, 'kiosk-offline.key');
	writeFileSync(keyFile, `${KEY_HEX}\n`, { mode: 0o600 });
	env = { OFFLINE_DB: db, OFFLINE_KEY_FILE: keyFile };
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

function fillQueue(transactions: { kind: OfflineKind; itemId: string; card?: string; at?: Date; sent?: boolean }[]): void {
	const sealer = createCardSealer(KEY);
	const queue = openSqliteOfflineQueue(db);
	for (const { kind, itemId, card, at = AT, sent } of transactions) {
		const seq =
			kind === 'checkout'
				? queue.append({ kind, itemId, transactedAt: at, dueAt: new Date(at.getTime() + 86_400_000), sealedCard: sealer.seal(card!, cardContext({ kind, itemId, transactedAt: at })), memberKey: sealer.memberKey(card!) })
				: queue.append({ kind, itemId, transactedAt: at, dueAt: null, sealedCard: null, memberKey: null });
		if (sent) queue.markSent(seq, at);
	}
	queue.close();
}

function run(argv: string[], environment: Record<string, string> = env) {
	const lines: string[] = [];
	const errors: string[] = [];
	const code = runKocCli(argv, environment, { line: (text) => lines.push(text), error: (text) => errors.push(text) }, {
		cwd: directory,
		now: () => new Date(2026, 10, 24, 8, 5, 9),
		generatorVersion: '0.1.0',
		utcOffsetMinutes: () => 60
	});
	return { code, lines, errors };
}

function queuedCount(): number {
	const queue = openSqliteOfflineQueue(db);
	try {
		return queue.count();
	} finally {
		queue.close();
	}
}

describe('npm run koc', () => {
	it('writes the waiting transactions as a .koc file, mode 0600, and leaves the queue as it was', () => {
		fillQueue([
			{ kind: 'checkout', itemId: '30001000000010', card: '20001000000012' },
			{ kind: 'checkin', itemId: '30001000000028', at: new Date(AT.getTime() + 83_470) },
			{ kind: 'checkout', itemId: '30001000000036', card: '20001000000020', at: new Date(AT.getTime() + 120_000) }
		]);
		const out = join(directory, 'export.koc');
		const { code, lines, errors } = run(['--out', out]);
		expect(errors).toEqual([]);
		expect(code).toBe(0);
		expect(readFileSync(out, 'utf8')).toBe(
			'Version=1.0\tGenerator=library-kiosk\tGeneratorVersion=0.1.0\n' +
				'2026-11-23 10:15:07 004\tissue\t20001000000012\t30001000000010\n' +
				'2026-11-23 10:16:30 474\treturn\t30001000000028\n' +
				'2026-11-23 10:17:07 004\tissue\t20001000000020\t30001000000036\n'
		);
		expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
		expect(lines[0]).toBe(`Wrote 2 issues and 1 return to ${out} (mode 0600: it holds card numbers).`);
		expect(lines[1]).toContain('NOT cleared');
		expect(lines[1]).toContain('3 transactions still wait');
		expect(lines.join('\n')).not.toContain('20001000000012');
		expect(queuedCount()).toBe(3);
	});

	it('names the file after the time in the working directory by default, and warns about transactions being sent', () => {
		fillQueue([{ kind: 'checkin', itemId: '30001000000028', sent: true }]);
		const { code, lines } = run([]);
		expect(code).toBe(0);
		const file = join(directory, 'offline-20261124-080509.koc');
		expect(readFileSync(file, 'utf8').split('\n')[1]).toBe('2026-11-23 10:15:07 004\treturn\t30001000000028');
		expect(lines[0]).toBe(`Wrote 0 issues and 1 return to ${file} (mode 0600: it holds card numbers).`);
		expect(lines[2]).toBe('1 of them was being sent when the replay stopped: the library system may already have it.');
	});

	it('takes --db and --key-file over the environment, and OFFLINE_KEY as a value', () => {
		fillQueue([{ kind: 'checkout', itemId: '30001000000010', card: '20001000000012' }]);
		expect(run(['--db', db, '--key-file', keyFile, '--out', 'a.koc'], { OFFLINE_DB: 'elsewhere.db', OFFLINE_KEY_FILE: 'elsewhere.key' }).code).toBe(0);
		expect(readFileSync(join(directory, 'a.koc'), 'utf8')).toContain('\tissue\t20001000000012\t30001000000010\n');
		expect(run(['--out', 'b.koc'], { OFFLINE_DB: db, OFFLINE_KEY: KEY_HEX }).code).toBe(0);
		expect(readFileSync(join(directory, 'b.koc'), 'utf8')).toContain('\tissue\t20001000000012\t30001000000010\n');
	});

	it('writes nothing for an empty queue', () => {
		fillQueue([]);
		const { code, lines } = run([]);
		expect(code).toBe(0);
		expect(lines).toEqual([`Nothing waits in the offline queue ${db}: no file written.`]);
		expect(readdirSync(directory).filter((name) => name.endsWith('.koc'))).toEqual([]);
	});

	it('refuses, in one line and with exit code 2, when there is no queue', () => {
		const { code, lines, errors } = run([], { OFFLINE_DB: join(directory, 'none.db'), OFFLINE_KEY_FILE: keyFile });
		expect(code).toBe(2);
		expect(lines).toEqual([]);
		expect(errors).toEqual([`koc: no offline queue at ${join(directory, 'none.db')} (set OFFLINE_DB or pass --db)`]);
		expect(existsSync(join(directory, 'none.db'))).toBe(false);
	});

	it('refuses with another key and writes no file at all', () => {
		fillQueue([
			{ kind: 'checkin', itemId: '30001000000028' },
			{ kind: 'checkout', itemId: '30001000000010', card: '20001000000012' }
		]);
		const otherKey = join(directory, 'other.key');
		writeFileSync(otherKey, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
		const { code, errors } = run(['--key-file', otherKey]);
		expect(code).toBe(2);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/^koc: the card of queued transaction 2 does not open .*is this the kiosk's key\? No file written\.$/);
		expect(readdirSync(directory).filter((name) => name.endsWith('.koc'))).toEqual([]);
	});

	it('never makes a new key file', () => {
		fillQueue([{ kind: 'checkin', itemId: '30001000000028' }]);
		const missing = join(directory, 'missing.key');
		const { code, errors } = run(['--key-file', missing]);
		expect(code).toBe(2);
		expect(errors).toEqual([`koc: offline key file ${missing}: does not exist`]);
		expect(existsSync(missing)).toBe(false);
	});

	it('never overwrites an earlier export', () => {
		fillQueue([{ kind: 'checkin', itemId: '30001000000028' }]);
		const out = join(directory, 'earlier.koc');
		writeFileSync(out, 'earlier export\n', { mode: 0o600 });
		const { code, errors } = run(['--out', out]);
		expect(code).toBe(2);
		expect(errors).toEqual([`koc: ${out} already exists; choose another --out`]);
		expect(readFileSync(out, 'utf8')).toBe('earlier export\n');
	});

	it('refuses unknown arguments with the usage, and shows it on --help', () => {
		const wrong = run(['--output', 'x.koc']);
		expect(wrong.code).toBe(2);
		expect(wrong.errors).toHaveLength(1);
		expect(wrong.errors[0]).toMatch(/^koc: .*--output.*usage: npm run koc -- \[--out FILE\] \[--db FILE\] \[--key-file FILE\]$/);
		expect(run(['positional']).code).toBe(2);
		expect(run(['--help'])).toEqual({ code: 0, lines: ['usage: npm run koc -- [--out FILE] [--db FILE] [--key-file FILE]'], errors: [] });
	});

	it('runs as a command: one line on stderr and exit code 2 on an error, no stack trace', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'offline/cli/koc.ts', '--db', join(directory, 'none.db')], {
			cwd: ROOT,
			env: { ...process.env, OFFLINE_KEY_FILE: keyFile },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise((resolve) => child.once('exit', resolve));
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(`koc: no offline queue at ${join(directory, 'none.db')} (set OFFLINE_DB or pass --db)\n`);
	});
});
