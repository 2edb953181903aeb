/**
 * The offline master key (see card-sealer.ts), from OFFLINE_KEY or from a key file.
 *
 * Key file format: 64 hex digits (32 bytes), optionally followed by one newline, e.g. what
 * `openssl rand -hex 32 > kiosk-offline.key` writes. The file must not be readable by group or
 * others (mode 0600 or 0400): a key anyone on the machine can read protects nothing.
 *
 * When the file does not exist the kiosk makes one, so a fresh install works without a step. Keep
 * a copy somewhere safe: cards queued under a lost key can never be opened again.
 */
import { closeSync, fsyncSync, linkSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { OfflineConfig } from '../server/config';
import type { Logger } from '../server/logging/logger';
import { errorCode, readSecretFile, SecretFileError } from '../server/secret-file';
import { OFFLINE_KEY_BYTES, OfflineKeyError } from './card-sealer';

/** The key file cannot be used: unreadable, wrong format, or open to other users. Names the file. */
export class OfflineKeyFileError extends OfflineKeyError {
	constructor(
		readonly file: string,
		readonly problem: string
	) {
		super(`offline key file ${file}: ${problem}`);
		this.name = 'OfflineKeyFileError';
	}
}

export interface LoadOfflineKeyOptions {
	/**
	 * Make the key file when it does not exist (default true). Tools that only read the queue pass
	 * false: a new key could not open anything already queued.
	 */
	create?: boolean;
}

const KEY_FILE_TEXT = /^([0-9a-fA-F]{64})(\r?\n)?$/;

export function loadOfflineKey(config: OfflineConfig['key'], log?: Logger, options: LoadOfflineKeyOptions = {}): Buffer {
	if (config.kind === 'value') {
		if (config.key.length !== OFFLINE_KEY_BYTES) throw new OfflineKeyError(`OFFLINE_KEY must be ${OFFLINE_KEY_BYTES} bytes, got ${config.key.length}`);
		return Buffer.from(config.key);
	}
	const existing = readKeyFile(config.path);
	if (existing) return existing;
	if (options.create === false) throw new OfflineKeyFileError(config.path, 'does not exist');
	if (createKeyFile(config.path)) {
		// The path only: the key itself never reaches a log.
		log?.info('offline key file created; keep a copy, cards queued under a lost key cannot be opened', { file: config.path });
	}
	// Created by us, or by another process a moment earlier: either way, what is on disk now is the key.
	const created = readKeyFile(config.path);
	if (!created) throw new OfflineKeyFileError(config.path, 'vanished right after it was created');
	return created;
}

/** The key in the file, or null when there is no file. Owner-only and size checks: server/secret-file. */
function readKeyFile(path: string): Buffer | null {
	let bytes: Buffer | null;
	try {
		// Far more than a key file holds.
		bytes = readSecretFile(path, 256);
	} catch (error) {
		if (error instanceof SecretFileError) throw new OfflineKeyFileError(path, error.problem);
		throw error;
	}
	if (!bytes) return null;
	const match = KEY_FILE_TEXT.exec(bytes.toString('latin1'));
	if (!match) throw new OfflineKeyFileError(path, 'must hold 64 hex digits (32 bytes) and at most a newline, e.g. from `openssl rand -hex 32`');
	return Buffer.from(match[1]!, 'hex');
}

/**
 * Writes a new random key to a private temporary file and links it into place. link() fails when
 * the name exists, like O_EXCL, but unlike O_CREAT|O_EXCL on the key file itself another process
 * can never see the file before its key is written. Returns false when another process won.
 */
function createKeyFile(path: string): boolean {
	const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
	let fd: number;
	try {
		fd = openSync(temporary, 'wx', 0o600);
	} catch (error) {
		throw new OfflineKeyFileError(path, `cannot be created: ${errorCode(error)}`);
	}
	try {
		try {
			writeFileSync(fd, randomBytes(OFFLINE_KEY_BYTES).toString('hex') + '\n');
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		try {
			linkSync(temporary, path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
			throw new OfflineKeyFileError(path, `cannot be created: ${errorCode(error)}`);
		}
		// The new name must survive a power cut too, or the kiosk would seal cards under a key that vanishes.
		syncDirectory(dirname(path));
		return true;
	} finally {
		unlinkSync(temporary);
	}
}

function syncDirectory(directory: string): void {
	const fd = openSync(directory, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
