/**
 * The payment journal in SQLite: the one file of payments/ that knows the driver. Opened as every
 * private store is (server/private-database.ts): mode 0600, WAL with synchronous FULL, so a step is
 * on disk when the call returns and the terminal is asked only after `begin` committed.
 *
 * Dates are integers (milliseconds since the epoch, UTC).
 */
import type Database from 'better-sqlite3';
import { openPrivateDatabase } from '../private-database';
import type { FeeLineState, NewPayment, PaymentFeeLine, PaymentJournal, PaymentRecord, PaymentState, TerminalReceipt } from './payment-journal';

const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE payments (
	id TEXT PRIMARY KEY,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	place TEXT NOT NULL CHECK (place IN ('kiosk', 'desk')),
	method TEXT NOT NULL CHECK (method IN ('card', 'cash')),
	staff TEXT,
	sealed_card BLOB NOT NULL,
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	currency TEXT NOT NULL,
	state TEXT NOT NULL,
	terminal_reference TEXT,
	masked_pan TEXT,
	card_brand TEXT,
	problem TEXT
);
CREATE INDEX payments_by_state ON payments (state, created_at);

CREATE TABLE payment_fees (
	payment_id TEXT NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	fee_id TEXT,
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	state TEXT NOT NULL CHECK (state IN ('open', 'recorded', 'refused')),
	message TEXT,
	PRIMARY KEY (payment_id, position)
);
`;

/** States a payment does not leave by itself: only these are purged. */
const FINISHED: readonly PaymentState[] = ['recorded', 'declined', 'aborted', 'unavailable', 'settled'];

/** A step named a payment or fee line the journal does not hold. */
export class UnknownPaymentError extends Error {
	constructor(readonly id: string) {
		super(`no payment ${id} in the journal`);
		this.name = 'UnknownPaymentError';
	}
}

interface PaymentRow {
	id: string;
	created_at: number;
	updated_at: number;
	place: 'kiosk' | 'desk';
	method: 'card' | 'cash';
	staff: string | null;
	sealed_card: Buffer;
	amount_cents: number;
	currency: string;
	state: PaymentState;
	terminal_reference: string | null;
	masked_pan: string | null;
	card_brand: string | null;
	problem: string | null;
}

interface FeeRow {
	fee_id: string | null;
	amount_cents: number;
	state: FeeLineState;
	message: string | null;
}

export function openSqlitePaymentJournal(file: string): PaymentJournal {
	return new SqlitePaymentJournal(openPrivateDatabase(file, { migrate, foreignKeys: true }));
}

function migrate(db: Database.Database): void {
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > SCHEMA_VERSION) throw new Error(`the payment journal was written by a newer version (schema ${version})`);
	if (version === 0) {
		db.exec(SCHEMA_V1);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
	}
}

class SqlitePaymentJournal implements PaymentJournal {
	readonly #db: Database.Database;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	begin(payment: NewPayment, at: Date): void {
		const insertPayment = this.#db.prepare(
			`INSERT INTO payments (id, created_at, updated_at, place, method, staff, sealed_card, amount_cents, currency, state)
			 VALUES (@id, @at, @at, @place, @method, @staff, @sealedCard, @amountCents, @currency, 'authorising')`
		);
		const insertFee = this.#db.prepare(`INSERT INTO payment_fees (payment_id, position, fee_id, amount_cents, state) VALUES (?, ?, ?, ?, 'open')`);
		this.#db.transaction(() => {
			insertPayment.run({ ...payment, at: at.getTime() });
			payment.fees.forEach((fee, position) => insertFee.run(payment.id, position, fee.feeId, fee.amountCents));
		})();
	}

	setState(id: string, state: PaymentState, at: Date, details: { terminal?: TerminalReceipt; problem?: string } = {}): void {
		const terminal = details.terminal;
		const result = this.#db
			.prepare(
				`UPDATE payments SET state = ?, updated_at = ?,
					terminal_reference = coalesce(?, terminal_reference), masked_pan = coalesce(?, masked_pan), card_brand = coalesce(?, card_brand),
					problem = coalesce(?, problem)
				 WHERE id = ?`
			)
			.run(state, at.getTime(), terminal?.reference ?? null, terminal?.maskedPan ?? null, terminal?.cardBrand ?? null, details.problem ?? null, id);
		if (result.changes === 0) throw new UnknownPaymentError(id);
	}

	setFeeLine(id: string, index: number, state: FeeLineState, message: string | null, at: Date): void {
		this.#db.transaction(() => {
			const result = this.#db.prepare('UPDATE payment_fees SET state = ?, message = ? WHERE payment_id = ? AND position = ?').run(state, message, id, index);
			if (result.changes === 0) throw new UnknownPaymentError(id);
			this.#db.prepare('UPDATE payments SET updated_at = ? WHERE id = ?').run(at.getTime(), id);
		})();
	}

	get(id: string): PaymentRecord | null {
		const row = this.#db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as PaymentRow | undefined;
		return row ? this.#record(row) : null;
	}

	inStates(states: readonly PaymentState[]): PaymentRecord[] {
		if (states.length === 0) return [];
		const rows = this.#db
			.prepare(`SELECT * FROM payments WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY created_at, id`)
			.all(...states) as PaymentRow[];
		return rows.map((row) => this.#record(row));
	}

	purge(before: Date): number {
		const result = this.#db
			.prepare(`DELETE FROM payments WHERE updated_at < ? AND state IN (${FINISHED.map(() => '?').join(', ')})`)
			.run(before.getTime(), ...FINISHED);
		if (result.changes > 0) this.#db.pragma('wal_checkpoint(TRUNCATE)');
		return result.changes;
	}

	close(): void {
		this.#db.close();
	}

	#record(row: PaymentRow): PaymentRecord {
		const fees = this.#db.prepare('SELECT fee_id, amount_cents, state, message FROM payment_fees WHERE payment_id = ? ORDER BY position').all(row.id) as FeeRow[];
		return {
			id: row.id,
			createdAt: new Date(row.created_at),
			updatedAt: new Date(row.updated_at),
			place: row.place,
			method: row.method,
			staff: row.staff,
			sealedCard: row.sealed_card,
			amountCents: row.amount_cents,
			currency: row.currency,
			state: row.state,
			terminal: row.terminal_reference === null ? null : { reference: row.terminal_reference, maskedPan: row.masked_pan, cardBrand: row.card_brand },
			problem: row.problem,
			fees: fees.map((fee): PaymentFeeLine => ({ feeId: fee.fee_id, amountCents: fee.amount_cents, state: fee.state, message: fee.message }))
		};
	}
}
