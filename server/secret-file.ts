/**
 * Reading a secret (a password, a key) from a file, the one way the kiosk does it: the file must be
 * a regular file only its owner can read or write (mode 0600 or 0400). A secret others on the
 * machine can read protects nothing, and one they can write can be swapped for their own.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/** The file cannot be used; `problem` says why in words that can follow the file's name. */
export class SecretFileError extends Error {
	constructor(
		readonly file: string,
		readonly problem: string
	) {
		super(`${file}: ${problem}`);
		this.name = 'SecretFileError';
	}
}

/**
 * The file's bytes, or null when it does not exist. Throws SecretFileError when it cannot be read,
 * is not a regular file, is open to group or others, or is larger than `maxBytes`.
 */
export function readSecretFile(path: string, maxBytes: number): Buffer | null {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw new SecretFileError(path, `cannot be read: ${errorCode(error)}`);
	}
	try {
		// fstat on the open file, not stat on the path: the file checked is the file read.
		const stat = fstatSync(fd);
		if (!stat.isFile()) throw new SecretFileError(path, 'is not a regular file');
		if ((stat.mode & 0o077) !== 0) {
			const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
			throw new SecretFileError(path, `is ${(stat.mode & 0o044) !== 0 ? 'readable' : 'writable'} by other users (mode ${mode}); chmod 600 it`);
		}
		// A wrong path pointing at a big file fails fast instead of being read whole.
		if (stat.size > maxBytes) throw new SecretFileError(path, `is ${stat.size} bytes, more than the ${maxBytes} a secret here may be`);
		return readFileSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** The errno code (EACCES, EISDIR, ...): enough to act on, and never echoes file contents. */
export function errorCode(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ?? (error instanceof Error ? error.message : String(error));
}
