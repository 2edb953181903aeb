/**
 * `npm run koc -- [--out FILE] [--db FILE] [--key-file FILE]`: writes the transactions waiting in
 * the offline queue as a Koha offline circulation file (.koc), for staff to upload when the kiosk
 * cannot replay them itself (e.g. the library system is Koha and the kiosk is being replaced).
 *
 * It only reads the queue: the transactions stay queued and the kiosk still replays them. The file
 * holds card numbers in the clear, so it is written mode 0600 and never over an existing file.
 *
 * Exit codes: 0 done (also when nothing waits), 2 anything went wrong (one line on stderr).
 * Relative paths are relative to the working directory, which `npm run` sets to the project folder.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type OfflineConfig } from '../../server/config';
import { createCardSealer } from '../card-sealer';
import { formatKoc, KocCardError, kocEntriesOf, type KocEntry, type KocOptions } from '../koc-export';
import { loadOfflineKey } from '../offline-key';
import type { QueuedTransaction } from '../queue/offline-queue';
import { openSqliteOfflineQueue } from '../queue/sqlite-offline-queue';

export const KOC_USAGE = 'usage: npm run koc -- [--out FILE] [--db FILE] [--key-file FILE]';

export interface KocCliOutput {
	line(text: string): void;
	error(text: string): void;
}

export interface KocCliOptions {
	/** Where relative paths start; the process's working directory by default. */
	cwd?: string;
	/** For the default file name. */
	now?: () => Date;
	/** The .koc header's GeneratorVersion; package.json's version by default. */
	generatorVersion?: string;
	utcOffsetMinutes?: KocOptions['utcOffsetMinutes'];
}

/** A problem the user can act on; printed as one line. */
export class KocCliError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'KocCliError';
	}
}

export function runKocCli(argv: string[], env: Record<string, string | undefined>, out: KocCliOutput, options: KocCliOptions = {}): number {
	try {
		return exportKoc(argv, env, out, options);
	} catch (error) {
		// Staff run this at a desk: a stack trace helps nobody there, the message does.
		out.error(`koc: ${error instanceof Error ? error.message : String(error)}`);
		return 2;
	}
}

function exportKoc(argv: string[], env: Record<string, string | undefined>, out: KocCliOutput, options: KocCliOptions): number {
	const { values } = parseArguments(argv);
	if (values.help) {
		out.line(KOC_USAGE);
		return 0;
	}
	const cwd = options.cwd ?? process.cwd();
	const offline = loadConfig(env).offline;
	const dbFile = resolve(cwd, values.db ?? offline.dbFile);
	const keyFile = values['key-file'] ?? (offline.key.kind === 'file' ? offline.key.path : null);
	const keyConfig: OfflineConfig['key'] = keyFile === null ? offline.key : { kind: 'file', path: resolve(cwd, keyFile) };

	// Opening would create an empty queue; a wrong path deserves to be told, not an empty file.
	if (!existsSync(dbFile)) throw new KocCliError(`no offline queue at ${dbFile} (set OFFLINE_DB or pass --db)`);
	// Never a new key here: a fresh key opens none of the cards already queued.
	const sealer = createCardSealer(loadOfflineKey(keyConfig, undefined, { create: false }));

	const queue = openSqliteOfflineQueue(dbFile);
	let pending: QueuedTransaction[];
	try {
		pending = queue.pending();
	} finally {
		queue.close();
	}
	if (pending.length === 0) {
		out.line(`Nothing waits in the offline queue ${dbFile}: no file written.`);
		return 0;
	}

	let entries: KocEntry[];
	try {
		entries = kocEntriesOf(pending, sealer);
	} catch (error) {
		if (error instanceof KocCardError) throw new KocCliError(`${error.message}; is this the kiosk's key? No file written.`);
		throw error;
	}
	const text = formatKoc(entries, options.generatorVersion ?? packageVersion(), { utcOffsetMinutes: options.utcOffsetMinutes });

	const outFile = resolve(cwd, values.out ?? defaultFileName((options.now ?? (() => new Date()))()));
	writePrivately(outFile, text);

	const issues = entries.filter((entry) => entry.kind === 'checkout').length;
	const returns = entries.length - issues;
	const sent = pending.filter((transaction) => transaction.sentAt !== null).length;
	out.line(`Wrote ${plural(issues, 'issue')} and ${plural(returns, 'return')} to ${outFile} (mode 0600: it holds card numbers).`);
	out.line(
		`The offline queue is NOT cleared: the ${plural(entries.length, 'transaction')} still wait in ${dbFile} and the kiosk replays them when it reaches the library system. ` +
			'Upload the file in Koha (Circulation > Offline circulation file upload) only if this kiosk will not replay them, or Koha gets them twice.'
	);
	if (sent > 0) out.line(`${sent === 1 ? '1 of them was' : `${sent} of them were`} being sent when the replay stopped: the library system may already have ${sent === 1 ? 'it' : 'them'}.`);
	return 0;
}

function parseArguments(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: false,
			options: { out: { type: 'string' }, db: { type: 'string' }, 'key-file': { type: 'string' }, help: { type: 'boolean', default: false } }
		});
	} catch (error) {
		throw new KocCliError(`${error instanceof Error ? error.message : String(error)}; ${KOC_USAGE}`);
	}
}

/** `offline-YYYYMMDD-HHMMSS.koc` in local time, as staff read the clock. */
function defaultFileName(now: Date): string {
	const two = (n: number) => String(n).padStart(2, '0');
	return `offline-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}.koc`;
}

function writePrivately(file: string, text: string): void {
	let fd: number;
	try {
		// wx: an earlier export that was not uploaded yet is never overwritten.
		fd = openSync(file, 'wx', 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new KocCliError(code === 'EEXIST' ? `${file} already exists; choose another --out` : `cannot write ${file}: ${code ?? String(error)}`);
	}
	try {
		writeFileSync(fd, text, 'utf8');
		fsyncSync(fd);
	} catch (error) {
		closeSync(fd);
		// A half-written file could be uploaded as if it were whole.
		unlinkSync(file);
		throw new KocCliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	closeSync(fd);
}

function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
	return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
