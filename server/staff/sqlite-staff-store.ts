/**
 * Staff accounts, the audit log and the dashboard's hourly counts in SQLite: the one file of
 * server/staff that knows the driver.
 *
 * WAL with synchronous=FULL: an account made or an audit line written is on disk when the call
 * returns. The admin command writes to the same file while the kiosk server runs; the server reads
 * accounts from the file at every login and request, so a new account works at once. secure_delete
 * and a TRUNCATE checkpoint after a purge leave no old audit lines behind. Files are mode 0600.
 *
 * Dates are integers (milliseconds since the epoch, UTC).
 */
import Database from 'better-sqlite3';
import { openPrivateDatabase, PrivateDatabaseError } from '../private-database';
import { AccountExistsError, UnknownAccountError, type AuditEntry, type StaffAccount, type StaffRole, type StaffStore } from './staff-store';

const SCHEMA_VERSION = 2;

const SCHEMA_V1 = `
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 32),
	role TEXT NOT NULL CHECK (role IN ('staff', 'technician', 'admin')),
	password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at INTEGER NOT NULL,
	password_changed_at INTEGER NOT NULL
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL CHECK (length(action) > 0),
	subject TEXT NOT NULL,
	detail TEXT NOT NULL
);
CREATE INDEX audit_by_at ON audit (at);
`;

// Version 2: the desk dashboard's loans and returns per local hour. Counts only: no card, no item, no time finer than the hour.
const SCHEMA_V2 = `
CREATE TABLE circulation_hours (
	hour TEXT PRIMARY KEY CHECK (length(hour) = 13),
	loans INTEGER NOT NULL DEFAULT 0,
	returns INTEGER NOT NULL DEFAULT 0,
	offline_loans INTEGER NOT NULL DEFAULT 0,
	offline_returns INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
`;

/** The file itself is unusable: not a database, or written by a newer kiosk. */
export class StaffStoreError extends Error {
	constructor(
		readonly file: string,
		problem: string
	) {
		super(`staff accounts ${file}: ${problem}`);
		this.name = 'StaffStoreError';
	}
}

interface AccountRow {
	id: number;
	name: string;
	role: StaffRole;
	password_hash: string;
	disabled: 0 | 1;
	created_at: number;
	password_changed_at: number;
}

interface CirculationHourRow {
	hour: string;
	loans: number;
	returns: number;
	offline_loans: number;
	offline_returns: number;
}

interface AuditRow {
	id: number;
	at: number;
	actor: string;
	action: string;
	subject: string;
	detail: string;
}

export function openSqliteStaffStore(file: string): StaffStore {
	let db: Database.Database;
	try {
		db = openPrivateDatabase(file, { migrate: (opened) => migrate(opened, file), busyTimeoutMs: 5000 });
	} catch (error) {
		throw error instanceof PrivateDatabaseError ? new StaffStoreError(file, error.problem) : error;
	}

	const insertAccount = db.prepare<[string, StaffRole, string, number, number]>(
		'INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)'
	);
	const selectAccount = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE name = ?');
	const selectAccounts = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY name');
	const updatePassword = db.prepare<[string, number, string]>('UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE name = ?');
	const updateDisabled = db.prepare<[number, string]>('UPDATE accounts SET disabled = ? WHERE name = ?');
	const insertAudit = db.prepare<[number, string, string, string, string]>('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)');
	const selectAudit = db.prepare<[number], AuditRow>('SELECT * FROM audit ORDER BY id DESC LIMIT ?');
	const deleteAuditBefore = db.prepare<[number]>('DELETE FROM audit WHERE at < ?');
	// One statement per kind and mode: the column names are never built from input.
	const countHour = {
		loan: db.prepare<[string]>('INSERT INTO circulation_hours (hour, loans) VALUES (?, 1) ON CONFLICT (hour) DO UPDATE SET loans = loans + 1'),
		return: db.prepare<[string]>('INSERT INTO circulation_hours (hour, returns) VALUES (?, 1) ON CONFLICT (hour) DO UPDATE SET returns = returns + 1'),
		offlineLoan: db.prepare<[string]>(
			'INSERT INTO circulation_hours (hour, loans, offline_loans) VALUES (?, 1, 1) ON CONFLICT (hour) DO UPDATE SET loans = loans + 1, offline_loans = offline_loans + 1'
		),
		offlineReturn: db.prepare<[string]>(
			'INSERT INTO circulation_hours (hour, returns, offline_returns) VALUES (?, 1, 1) ON CONFLICT (hour) DO UPDATE SET returns = returns + 1, offline_returns = offline_returns + 1'
		)
	};
	const selectHours = db.prepare<[string, string], CirculationHourRow>('SELECT * FROM circulation_hours WHERE hour >= ? AND hour <= ? ORDER BY hour');
	const deleteHoursBefore = db.prepare<[string]>('DELETE FROM circulation_hours WHERE hour < ?');

	return {
		createAccount({ name, role, passwordHash, at }) {
			try {
				const id = Number(insertAccount.run(name, role, passwordHash, millis(at), millis(at)).lastInsertRowid);
				return { id, name, role, passwordHash, disabled: false, createdAt: new Date(millis(at)), passwordChangedAt: new Date(millis(at)) };
			} catch (error) {
				if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AccountExistsError(name);
				throw error;
			}
		},
		account(name) {
			const row = selectAccount.get(name);
			return row ? toAccount(row) : null;
		},
		accounts() {
			return selectAccounts.all().map(toAccount);
		},
		setPassword(name, passwordHash, at) {
			if (updatePassword.run(passwordHash, millis(at), name).changes === 0) throw new UnknownAccountError(name);
		},
		setDisabled(name, disabled) {
			if (updateDisabled.run(disabled ? 1 : 0, name).changes === 0) throw new UnknownAccountError(name);
		},
		appendAudit({ at, actor, action, subject, detail }) {
			return Number(insertAudit.run(millis(at), actor, action, subject, detail).lastInsertRowid);
		},
		auditEntries(limit) {
			if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`auditEntries(limit): a positive integer, got ${limit}`);
			return selectAudit.all(limit).map(toAuditEntry);
		},
		purgeAudit(before) {
			const purged = deleteAuditBefore.run(millis(before)).changes;
			// secure_delete zeroed the rows in the pages; the WAL still holds the pages as they were.
			if (purged > 0) db.pragma('wal_checkpoint(TRUNCATE)');
			return purged;
		},
		countCirculation(hour, kind, offline) {
			if (!HOUR_KEY.test(hour)) throw new RangeError(`countCirculation(hour): YYYY-MM-DDTHH, got ${hour}`);
			countHour[offline ? (kind === 'loan' ? 'offlineLoan' : 'offlineReturn') : kind].run(hour);
		},
		circulationHours(from, to) {
			return selectHours.all(from, to).map((row) => ({
				hour: row.hour,
				loans: row.loans,
				returns: row.returns,
				offlineLoans: row.offline_loans,
				offlineReturns: row.offline_returns
			}));
		},
		purgeCirculationHours(before) {
			return deleteHoursBefore.run(before).changes;
		},
		close() {
			db.close();
		}
	};
}

function migrate(db: Database.Database, file: string): void {
	// IMMEDIATE: the server and the admin command opening a new file together must not both create the tables.
	db.transaction(() => {
		const version = db.pragma('user_version', { simple: true }) as number;
		if (version > SCHEMA_VERSION) throw new StaffStoreError(file, `written by a newer kiosk (schema ${version}, this one knows up to ${SCHEMA_VERSION})`);
		if (version === SCHEMA_VERSION) return;
		// Each step once, in order: a version 1 file keeps its accounts and audit log.
		if (version < 1) db.exec(SCHEMA_V1);
		if (version < 2) db.exec(SCHEMA_V2);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
	}).immediate();
}

const HOUR_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

function millis(date: Date): number {
	const time = date instanceof Date ? date.getTime() : NaN;
	if (Number.isNaN(time)) throw new RangeError('not a valid date');
	return time;
}

function toAccount(row: AccountRow): StaffAccount {
	return {
		id: row.id,
		name: row.name,
		role: row.role,
		passwordHash: row.password_hash,
		disabled: row.disabled === 1,
		createdAt: new Date(row.created_at),
		passwordChangedAt: new Date(row.password_changed_at)
	};
}

function toAuditEntry(row: AuditRow): AuditEntry {
	return { id: row.id, at: new Date(row.at), actor: row.actor, action: row.action, subject: row.subject, detail: row.detail };
}

