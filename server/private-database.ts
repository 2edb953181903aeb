/**
 * The SQLite files that hold personal or secret data (the offline queue; the staff accounts and
 * audit log) are opened one way: private to the service user (mode 0600, made so before SQLite
 * ever opens the file, and the WAL and shared-memory files tightened too), in WAL mode with
 * synchronous FULL (a write is on disk when the call returns) and secure_delete (deleted rows are
 * overwritten, not left in free pages). Each store brings its own schema and wraps
 * PrivateDatabaseError in its own typed error naming the file.
 */
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The file could not be made private, opened, or set up; `problem` says why. */
export class PrivateDatabaseError extends Error {
	constructor(
		readonly file: string,
		readonly problem: string
	) {
		super(`${file}: ${problem}`);
		this.name = 'PrivateDatabaseError';
	}
}

export interface PrivateDatabaseOptions {
	/** Creates or upgrades the schema; runs before the file is handed out. Its own errors pass through. */
	migrate(db: Database.Database): void;
	foreignKeys?: boolean;
	/** Another process may write at the same moment (the admin command): wait this long for it. */
	busyTimeoutMs?: number;
}

/** Opens `file` (or `:memory:`, for tests) as described above. */
export function openPrivateDatabase(file: string, options: PrivateDatabaseOptions): Database.Database {
	const inMemory = file === ':memory:';
	if (!inMemory) createPrivateFile(file);
	let db: Database.Database;
	try {
		db = new Database(file);
	} catch (error) {
		throw new PrivateDatabaseError(file, messageOf(error));
	}
	try {
		const mode = db.pragma('journal_mode = WAL', { simple: true });
		if (!inMemory && mode !== 'wal') throw new PrivateDatabaseError(file, `SQLite could not use WAL on this file system (journal mode ${String(mode)})`);
		db.pragma('synchronous = FULL');
		db.pragma('secure_delete = ON');
		if (options.foreignKeys) db.pragma('foreign_keys = ON');
		if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
		options.migrate(db);
	} catch (error) {
		db.close();
		throw error instanceof Database.SqliteError ? new PrivateDatabaseError(file, error.message) : error;
	}
	// SQLite gives the WAL and shared-memory files the database file's mode; this is for files left
	// from an earlier run under a looser umask.
	if (!inMemory) for (const companion of [`${file}-wal`, `${file}-shm`]) makePrivate(companion);
	return db;
}

/** Creates the file empty with mode 0600 (an empty file is a valid new database), or tightens an existing one. */
function createPrivateFile(file: string): void {
	try {
		closeSync(openSync(file, 'wx', 0o600));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new PrivateDatabaseError(file, messageOf(error));
		makePrivate(file);
	}
}

/** chmod 0600 when group or others have any access; a private file, or one not there yet, is left alone. */
function makePrivate(file: string): void {
	try {
		if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw new PrivateDatabaseError(file, `cannot make it private (mode 0600): ${messageOf(error)}`);
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
