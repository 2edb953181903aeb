/**
 * Database files that hold personal or secret data (the offline queue, the staff accounts and
 * audit log) are private to the service user: mode 0600, made so before SQLite ever opens them.
 * Each store wraps these errors in its own typed error naming its file.
 */
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';

/**
 * Creates the file empty with mode 0600 (SQLite would create it with the umask's mode, usually
 * 0644, readable by every local user; an empty file is a valid new database), or tightens an
 * existing one. Throws the file system's error when it can do neither.
 */
export function createPrivateFile(file: string): void {
	try {
		closeSync(openSync(file, 'wx', 0o600));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		makePrivate(file);
	}
}

/**
 * chmod 0600 when group or others have any access; a file that is already private is left alone,
 * and a file that is not there (a WAL not made yet) too.
 */
export function makePrivate(file: string): void {
	try {
		if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}
}
