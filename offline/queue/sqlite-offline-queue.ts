/**
 * The offline queue in SQLite: the one file of offline/ that knows the driver.
 *
 * Durability: WAL with synchronous=FULL, so a commit is on disk (the WAL fsynced) when `append`,
 * `markSent` and the rest return; the member is told "done" right after. Privacy: secure_delete
 * zeroes deleted rows, and a purge ends with a TRUNCATE checkpoint so old versions of the pages do
 * not stay behind in the WAL either. The files are mode 0600.
 *
 * Dates are integers (milliseconds since the epoch, UTC): exact, and ordered as numbers.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openPrivateDatabase, PrivateDatabaseError } from '../../server/private-database';
import { UnknownExceptionError, type NewOfflineTransaction, type OfflineException, type OfflineKind, type OfflineQueueStore, type QueuedTransaction } from './offline-queue';

const SCHEMA_VERSION = 1;
const MEMBER_KEY_BYTES = 32;

// AUTOINCREMENT: a seq is never handed out twice, even after the newest rows were completed, so a
// `sent_at` marker or a log line about a seq can never be confused with a later transaction.
const SCHEMA_V1 = `
CREATE TABLE queue (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL CHECK (kind IN ('checkout', 'checkin')),
	item_id TEXT NOT NULL CHECK (length(item_id) > 0),
	transacted_at INTEGER NOT NULL,
	due_at INTEGER,
	sealed_card BLOB,
	member_key BLOB,
	sent_at INTEGER,
	CHECK (
		(kind = 'checkout' AND due_at IS NOT NULL AND sealed_card IS NOT NULL AND member_key IS NOT NULL)
		OR (kind = 'checkin' AND due_at IS NULL AND sealed_card IS NULL AND member_key IS NULL)
	)
);
CREATE INDEX queue_checkouts_by_member ON queue (member_key) WHERE kind = 'checkout';
CREATE INDEX queue_by_item ON queue (item_id, seq);

CREATE TABLE exceptions (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL CHECK (kind IN ('checkout', 'checkin')),
	item_id TEXT NOT NULL,
	transacted_at INTEGER NOT NULL,
	due_at INTEGER,
	sealed_card BLOB,
	reason TEXT NOT NULL CHECK (length(reason) > 0),
	message TEXT,
	recorded_at INTEGER NOT NULL
);
CREATE INDEX exceptions_by_recorded_at ON exceptions (recorded_at);
`;

/** Something is wrong with the queue file itself (not a database, or written by a newer version). */
export class OfflineQueueError extends Error {
	constructor(
		readonly file: string,
		problem: string
	) {
		super(`offline queue ${file}: ${problem}`);
		this.name = 'OfflineQueueError';
	}
}

/** A transaction that the queue must not hold (missing card on a checkout, invalid date, ...). */
export class InvalidOfflineTransactionError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidOfflineTransactionError';
	}
}

/** `markSent`, `complete` or `moveToExceptions` named a seq that is not (or no longer) in the queue. */
export class UnknownSeqError extends Error {
	constructor(readonly seq: number) {
		super(`no transaction with seq ${seq} waits in the offline queue`);
		this.name = 'UnknownSeqError';
	}
}

interface QueueRow {
	seq: number;
	kind: OfflineKind;
	item_id: string;
	transacted_at: number;
	due_at: number | null;
	sealed_card: Buffer | null;
	member_key: Buffer | null;
	sent_at: number | null;
}

interface ExceptionRow {
	id: number;
	kind: OfflineKind;
	item_id: string;
	transacted_at: number;
	due_at: number | null;
	sealed_card: Buffer | null;
	reason: string;
	message: string | null;
	recorded_at: number;
}

export function openSqliteOfflineQueue(file: string): OfflineQueueStore {
	let db: Database.Database;
	try {
		db = openPrivateDatabase(file, { migrate: (opened) => migrate(opened, file), foreignKeys: true });
	} catch (error) {
		throw error instanceof PrivateDatabaseError ? new OfflineQueueError(file, error.problem) : error;
	}

	const insert = db.prepare<[string, string, number, number | null, Buffer | null, Buffer | null]>(
		'INSERT INTO queue (kind, item_id, transacted_at, due_at, sealed_card, member_key) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const selectPending = db.prepare<[number], QueueRow>('SELECT * FROM queue ORDER BY seq LIMIT ?');
	const selectOne = db.prepare<[number], QueueRow>('SELECT * FROM queue WHERE seq = ?');
	const selectForItem = db.prepare<[string], QueueRow>('SELECT * FROM queue WHERE item_id = ? ORDER BY seq');
	const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM queue');
	const countForMember = db.prepare<[Buffer], { n: number }>("SELECT count(*) AS n FROM queue WHERE kind = 'checkout' AND member_key = ?");
	const updateSent = db.prepare<[number, number]>('UPDATE queue SET sent_at = ? WHERE seq = ?');
	const deleteOne = db.prepare<[number]>('DELETE FROM queue WHERE seq = ?');
	const insertException = db.prepare<[string, string, number, number | null, Buffer | null, string, string | null, number]>(
		'INSERT INTO exceptions (kind, item_id, transacted_at, due_at, sealed_card, reason, message, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const selectExceptions = db.prepare<[], ExceptionRow>('SELECT * FROM exceptions ORDER BY id');
	const selectException = db.prepare<[number], ExceptionRow>('SELECT * FROM exceptions WHERE id = ?');
	const deleteException = db.prepare<[number]>('DELETE FROM exceptions WHERE id = ?');
	const deleteExceptionsBefore = db.prepare<[number]>('DELETE FROM exceptions WHERE recorded_at < ?');

	const moveToExceptions = db.transaction((seq: number, reason: string, message: string | null, at: number) => {
		const row = selectOne.get(seq);
		if (!row) throw new UnknownSeqError(seq);
		deleteOne.run(seq);
		insertException.run(row.kind, row.item_id, row.transacted_at, row.due_at, row.sealed_card, reason, message, at);
	});

	const takeException = (id: number): OfflineException => {
		if (!Number.isInteger(id) || id < 1) throw new UnknownExceptionError(id);
		const row = selectException.get(id);
		if (!row) throw new UnknownExceptionError(id);
		deleteException.run(id);
		return toException(row);
	};
	const retryException = db.transaction((id: number, memberKey: Buffer | null): number => {
		const exception = takeException(id);
		const transaction = { kind: exception.kind, itemId: exception.itemId, transactedAt: exception.transactedAt, dueAt: exception.dueAt, sealedCard: exception.sealedCard, memberKey };
		validate(transaction);
		return Number(insert.run(transaction.kind, transaction.itemId, transaction.transactedAt.getTime(), transaction.dueAt?.getTime() ?? null, transaction.sealedCard, transaction.memberKey).lastInsertRowid);
	});

	return {
		append(transaction) {
			validate(transaction);
			const result = insert.run(
				transaction.kind,
				transaction.itemId,
				transaction.transactedAt.getTime(),
				transaction.dueAt?.getTime() ?? null,
				transaction.sealedCard,
				transaction.memberKey
			);
			return Number(result.lastInsertRowid);
		},

		pending(limit) {
			if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new RangeError(`pending(limit): limit must be a positive integer, got ${limit}`);
			// LIMIT -1 is SQLite for "no limit".
			return selectPending.all(limit ?? -1).map(toQueued);
		},

		pendingForItem(itemId) {
			return selectForItem.all(itemId).map(toQueued);
		},

		count() {
			return countAll.get()!.n;
		},

		countCheckouts(memberKey) {
			checkMemberKey(memberKey);
			return countForMember.get(memberKey)!.n;
		},

		markSent(seq, at) {
			checkSeq(seq);
			if (updateSent.run(millis(at, 'sent at'), seq).changes === 0) throw new UnknownSeqError(seq);
		},

		complete(seq) {
			checkSeq(seq);
			if (deleteOne.run(seq).changes === 0) throw new UnknownSeqError(seq);
		},

		moveToExceptions(seq, reason, message, at) {
			checkSeq(seq);
			if (typeof reason !== 'string' || reason.length === 0) throw new InvalidOfflineTransactionError('an exception needs a reason');
			moveToExceptions(seq, reason, message, millis(at, 'recorded at'));
		},

		exceptions() {
			return selectExceptions.all().map(toException);
		},

		purgeExceptions(before) {
			const purged = deleteExceptionsBefore.run(millis(before, 'purge before')).changes;
			// secure_delete has zeroed the rows in the pages, but the WAL still holds the pages as
			// they were: copy the WAL into the database and cut it to zero bytes.
			if (purged > 0) db.pragma('wal_checkpoint(TRUNCATE)');
			return purged;
		},

		removeException(id) {
			return db.transaction(() => takeException(id))();
		},

		retryException(id, memberKey) {
			return retryException(id, memberKey);
		},

		close() {
			db.close();
		}
	};
}

/**
 * SQLite's own check of a queue file (`PRAGMA integrity_check`): `['ok']` when sound, otherwise
 * the problems it found. For a health check, and for the crash tests.
 */
export function checkOfflineQueueIntegrity(file: string): string[] {
	if (!existsSync(file)) throw new OfflineQueueError(file, 'no such file');
	const db = new Database(file, { fileMustExist: true });
	try {
		const rows = db.pragma('integrity_check') as { integrity_check: string }[];
		return rows.map((row) => row.integrity_check);
	} finally {
		db.close();
	}
}

function migrate(db: Database.Database, file: string): void {
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > SCHEMA_VERSION) {
		// Opening a newer file with older code could lose what the newer code relies on.
		throw new OfflineQueueError(file, `written by a newer kiosk (schema ${version}, this one knows up to ${SCHEMA_VERSION})`);
	}
	if (version === SCHEMA_VERSION) return;
	db.transaction(() => {
		db.exec(SCHEMA_V1);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
	})();
}

function validate(transaction: NewOfflineTransaction): void {
	const { kind, itemId, transactedAt, dueAt, sealedCard, memberKey } = transaction;
	if (kind !== 'checkout' && kind !== 'checkin') throw new InvalidOfflineTransactionError(`unknown kind "${String(kind)}"`);
	if (typeof itemId !== 'string' || itemId.length === 0) throw new InvalidOfflineTransactionError('the item id is empty');
	millis(transactedAt, 'transacted at');
	if (kind === 'checkout') {
		if (dueAt === null) throw new InvalidOfflineTransactionError('a checkout needs the due date promised offline');
		millis(dueAt, 'due at');
		if (!Buffer.isBuffer(sealedCard) || sealedCard.length === 0) throw new InvalidOfflineTransactionError('a checkout needs the sealed card');
		checkMemberKey(memberKey);
	} else if (dueAt !== null || sealedCard !== null || memberKey !== null) {
		// A return needs no member: anything about one here would be personal data kept for nothing.
		throw new InvalidOfflineTransactionError('a checkin takes no due date, card or member key');
	}
}

function checkMemberKey(memberKey: Buffer | null): void {
	if (!Buffer.isBuffer(memberKey) || memberKey.length !== MEMBER_KEY_BYTES) {
		throw new InvalidOfflineTransactionError(`a member key is ${MEMBER_KEY_BYTES} bytes (HMAC-SHA256)`);
	}
}

function checkSeq(seq: number): void {
	if (!Number.isSafeInteger(seq) || seq < 1) throw new UnknownSeqError(seq);
}

function millis(date: Date, what: string): number {
	const time = date instanceof Date ? date.getTime() : NaN;
	if (Number.isNaN(time)) throw new InvalidOfflineTransactionError(`${what} is not a valid date`);
	return time;
}

function toQueued(row: QueueRow): QueuedTransaction {
	return {
		seq: row.seq,
		kind: row.kind,
		itemId: row.item_id,
		transactedAt: new Date(row.transacted_at),
		dueAt: row.due_at === null ? null : new Date(row.due_at),
		sealedCard: row.sealed_card,
		memberKey: row.member_key,
		sentAt: row.sent_at === null ? null : new Date(row.sent_at)
	};
}

function toException(row: ExceptionRow): OfflineException {
	return {
		id: row.id,
		kind: row.kind,
		itemId: row.item_id,
		transactedAt: new Date(row.transacted_at),
		dueAt: row.due_at === null ? null : new Date(row.due_at),
		sealedCard: row.sealed_card,
		reason: row.reason,
		message: row.message,
		recordedAt: new Date(row.recorded_at)
	};
}

