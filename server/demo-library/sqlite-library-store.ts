/**
 * The demo library's storage in SQLite. The only file of the demo library that knows the driver:
 * the rules talk to the `LibraryStore` interface.
 *
 * Dates are stored as ISO 8601 UTC text (`2026-11-23T09:00:00.000Z`): readable in the sqlite3
 * shell, and because every value has the same shape, text order is time order.
 */
import Database from 'better-sqlite3';
import {
	FEE_TYPES,
	MEDIA_TYPES,
	type Branch,
	type FamilyLink,
	type Fee,
	type FeeType,
	type Hold,
	type HoldStatus,
	type Item,
	type LibraryStore,
	type Loan,
	type MediaType,
	type NewFee,
	type NewHold,
	type NewItem,
	type NewLoan,
	type NewPatron,
	type NewPayment,
	type Patron,
	type Payment
} from './library-store';

const SCHEMA_VERSION = 1;

function sqlList(values: readonly string[]): string {
	return values.map((value) => `'${value}'`).join(', ');
}

// Every statement is idempotent so opening an existing file never fails or loses data.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS branches (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS patrons (
	id INTEGER PRIMARY KEY,
	card_number TEXT NOT NULL UNIQUE,
	pin_hash TEXT NOT NULL,
	first_name TEXT NOT NULL,
	last_name TEXT NOT NULL,
	email TEXT,
	phone TEXT,
	address TEXT,
	home_branch TEXT NOT NULL REFERENCES branches (code),
	fee_limit_cents INTEGER NOT NULL CHECK (fee_limit_cents >= 0),
	card_lost INTEGER NOT NULL DEFAULT 0 CHECK (card_lost IN (0, 1)),
	barred INTEGER NOT NULL DEFAULT 0 CHECK (barred IN (0, 1))
);

CREATE TABLE IF NOT EXISTS items (
	id INTEGER PRIMARY KEY,
	barcode TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	author TEXT NOT NULL,
	media_type TEXT NOT NULL CHECK (media_type IN (${sqlList(MEDIA_TYPES)})),
	owner_branch TEXT NOT NULL REFERENCES branches (code),
	current_branch TEXT NOT NULL REFERENCES branches (code),
	in_transit_to TEXT REFERENCES branches (code),
	not_for_loan INTEGER NOT NULL DEFAULT 0 CHECK (not_for_loan IN (0, 1)),
	properties TEXT
);

CREATE TABLE IF NOT EXISTS loans (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL UNIQUE REFERENCES items (id),
	patron_id INTEGER NOT NULL REFERENCES patrons (id),
	checked_out_at TEXT NOT NULL,
	due_at TEXT NOT NULL,
	renewals INTEGER NOT NULL DEFAULT 0 CHECK (renewals >= 0)
);
CREATE INDEX IF NOT EXISTS loans_by_patron ON loans (patron_id);

CREATE TABLE IF NOT EXISTS holds (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES items (id),
	patron_id INTEGER NOT NULL REFERENCES patrons (id),
	pickup_branch TEXT NOT NULL REFERENCES branches (code),
	status TEXT NOT NULL CHECK (status IN ('waiting', 'pending')),
	created_at TEXT NOT NULL,
	waiting_since TEXT,
	expires_at TEXT,
	UNIQUE (item_id, patron_id)
);
CREATE INDEX IF NOT EXISTS holds_by_patron ON holds (patron_id);

CREATE TABLE IF NOT EXISTS fees (
	id INTEGER PRIMARY KEY,
	patron_id INTEGER NOT NULL REFERENCES patrons (id),
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	paid_cents INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents BETWEEN 0 AND amount_cents),
	paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
	description TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN (${sqlList(FEE_TYPES)})),
	item_id INTEGER REFERENCES items (id),
	created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fees_by_patron ON fees (patron_id, paid);

CREATE TABLE IF NOT EXISTS family_links (
	patron_id INTEGER NOT NULL REFERENCES patrons (id),
	member_id INTEGER NOT NULL REFERENCES patrons (id),
	accepted INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
	PRIMARY KEY (patron_id, member_id),
	CHECK (patron_id <> member_id)
);

CREATE TABLE IF NOT EXISTS payments (
	id INTEGER PRIMARY KEY,
	patron_id INTEGER NOT NULL REFERENCES patrons (id),
	amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
	transaction_id TEXT,
	paid_at TEXT NOT NULL,
	UNIQUE (patron_id, transaction_id)
);
`;

interface PatronRow {
	id: number;
	card_number: string;
	pin_hash: string;
	first_name: string;
	last_name: string;
	email: string | null;
	phone: string | null;
	address: string | null;
	home_branch: string;
	fee_limit_cents: number;
	card_lost: number;
	barred: number;
}

interface ItemRow {
	id: number;
	barcode: string;
	title: string;
	author: string;
	media_type: string;
	owner_branch: string;
	current_branch: string;
	in_transit_to: string | null;
	not_for_loan: number;
	properties: string | null;
}

interface LoanRow {
	id: number;
	item_id: number;
	patron_id: number;
	checked_out_at: string;
	due_at: string;
	renewals: number;
}

interface HoldRow {
	id: number;
	item_id: number;
	patron_id: number;
	pickup_branch: string;
	status: string;
	created_at: string;
	waiting_since: string | null;
	expires_at: string | null;
}

interface FeeRow {
	id: number;
	patron_id: number;
	amount_cents: number;
	paid_cents: number;
	paid: number;
	description: string;
	type: string;
	item_id: number | null;
	created_at: string;
}

interface PaymentRow {
	id: number;
	patron_id: number;
	amount_cents: number;
	transaction_id: string | null;
	paid_at: string;
}

function toText(date: Date): string {
	return date.toISOString();
}

function toTextOrNull(date: Date | null): string | null {
	return date === null ? null : date.toISOString();
}

function toDateOrNull(text: string | null): Date | null {
	return text === null ? null : new Date(text);
}

// The CHECK constraints keep these from failing; the guards make TypeScript know it too.
function toMediaType(value: string): MediaType {
	const mediaType = MEDIA_TYPES.find((known) => known === value);
	if (mediaType === undefined) throw new Error(`Unknown media type in the store: ${value}`);
	return mediaType;
}

function toFeeType(value: string): FeeType {
	const feeType = FEE_TYPES.find((known) => known === value);
	if (feeType === undefined) throw new Error(`Unknown fee type in the store: ${value}`);
	return feeType;
}

function toHoldStatus(value: string): HoldStatus {
	if (value === 'waiting' || value === 'pending') return value;
	throw new Error(`Unknown hold status in the store: ${value}`);
}

function toPatron(row: PatronRow): Patron {
	return {
		id: row.id,
		cardNumber: row.card_number,
		pinHash: row.pin_hash,
		firstName: row.first_name,
		lastName: row.last_name,
		email: row.email,
		phone: row.phone,
		address: row.address,
		homeBranch: row.home_branch,
		feeLimitCents: row.fee_limit_cents,
		cardLost: row.card_lost === 1,
		barred: row.barred === 1
	};
}

function toItem(row: ItemRow): Item {
	return {
		id: row.id,
		barcode: row.barcode,
		title: row.title,
		author: row.author,
		mediaType: toMediaType(row.media_type),
		ownerBranch: row.owner_branch,
		currentBranch: row.current_branch,
		inTransitTo: row.in_transit_to,
		notForLoan: row.not_for_loan === 1,
		properties: row.properties
	};
}

function toLoan(row: LoanRow): Loan {
	return {
		id: row.id,
		itemId: row.item_id,
		patronId: row.patron_id,
		checkedOutAt: new Date(row.checked_out_at),
		dueAt: new Date(row.due_at),
		renewals: row.renewals
	};
}

function toHold(row: HoldRow): Hold {
	return {
		id: row.id,
		itemId: row.item_id,
		patronId: row.patron_id,
		pickupBranch: row.pickup_branch,
		status: toHoldStatus(row.status),
		createdAt: new Date(row.created_at),
		waitingSince: toDateOrNull(row.waiting_since),
		expiresAt: toDateOrNull(row.expires_at)
	};
}

function toFee(row: FeeRow): Fee {
	return {
		id: row.id,
		patronId: row.patron_id,
		amountCents: row.amount_cents,
		paidCents: row.paid_cents,
		paid: row.paid === 1,
		description: row.description,
		type: toFeeType(row.type),
		itemId: row.item_id,
		createdAt: new Date(row.created_at)
	};
}

function toPayment(row: PaymentRow): Payment {
	return {
		id: row.id,
		patronId: row.patron_id,
		amountCents: row.amount_cents,
		transactionId: row.transaction_id,
		paidAt: new Date(row.paid_at)
	};
}

function insertedId(result: Database.RunResult): number {
	return Number(result.lastInsertRowid);
}

function prepareStatements(db: Database.Database) {
	return {
		insertBranch: db.prepare<[string, string]>('INSERT INTO branches (code, name) VALUES (?, ?)'),
		findBranch: db.prepare<[string], Branch>('SELECT code, name FROM branches WHERE code = ?'),
		listBranches: db.prepare<[], Branch>('SELECT code, name FROM branches ORDER BY code'),

		insertPatron: db.prepare<
			[string, string, string, string, string | null, string | null, string | null, string, number, number, number]
		>(
			`INSERT INTO patrons (card_number, pin_hash, first_name, last_name, email, phone, address,
				home_branch, fee_limit_cents, card_lost, barred)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		findPatronByCardNumber: db.prepare<[string], PatronRow>('SELECT * FROM patrons WHERE card_number = ?'),
		findPatronById: db.prepare<[number], PatronRow>('SELECT * FROM patrons WHERE id = ?'),

		insertItem: db.prepare<
			[string, string, string, string, string, string, string | null, number, string | null]
		>(
			`INSERT INTO items (barcode, title, author, media_type, owner_branch, current_branch,
				in_transit_to, not_for_loan, properties)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		findItemByBarcode: db.prepare<[string], ItemRow>('SELECT * FROM items WHERE barcode = ?'),
		findItemById: db.prepare<[number], ItemRow>('SELECT * FROM items WHERE id = ?'),
		updateItemWhereabouts: db.prepare<[string, string | null, number]>(
			'UPDATE items SET current_branch = ?, in_transit_to = ? WHERE id = ?'
		),
		updateItemProperties: db.prepare<[string, number]>('UPDATE items SET properties = ? WHERE id = ?'),

		insertLoan: db.prepare<[number, number, string, string, number]>(
			'INSERT INTO loans (item_id, patron_id, checked_out_at, due_at, renewals) VALUES (?, ?, ?, ?, ?)'
		),
		findLoanByItem: db.prepare<[number], LoanRow>('SELECT * FROM loans WHERE item_id = ?'),
		listLoansByPatron: db.prepare<[number], LoanRow>(
			'SELECT * FROM loans WHERE patron_id = ? ORDER BY checked_out_at, id'
		),
		updateLoanDue: db.prepare<[string, number, number]>('UPDATE loans SET due_at = ?, renewals = ? WHERE id = ?'),
		deleteLoan: db.prepare<[number]>('DELETE FROM loans WHERE id = ?'),

		insertFamilyLink: db.prepare<[number, number, number]>('INSERT INTO family_links (patron_id, member_id, accepted) VALUES (?, ?, ?)'),
		listFamilyLinks: db.prepare<[number], { patron_id: number; member_id: number; accepted: number }>(
			'SELECT * FROM family_links WHERE patron_id = ? ORDER BY member_id'
		),

		insertHold: db.prepare<[number, number, string, string, string, string | null, string | null]>(
			`INSERT INTO holds (item_id, patron_id, pickup_branch, status, created_at, waiting_since, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`
		),
		listHoldsByItem: db.prepare<[number], HoldRow>('SELECT * FROM holds WHERE item_id = ? ORDER BY created_at, id'),
		listHoldsByPatron: db.prepare<[number], HoldRow>(
			'SELECT * FROM holds WHERE patron_id = ? ORDER BY created_at, id'
		),
		updateHoldStatus: db.prepare<[string, string | null, string | null, number]>(
			'UPDATE holds SET status = ?, waiting_since = ?, expires_at = ? WHERE id = ?'
		),
		deleteHold: db.prepare<[number]>('DELETE FROM holds WHERE id = ?'),

		insertFee: db.prepare<[number, number, string, string, number | null, string]>(
			`INSERT INTO fees (patron_id, amount_cents, description, type, item_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`
		),
		findFeeById: db.prepare<[number], FeeRow>('SELECT * FROM fees WHERE id = ?'),
		listOpenFeesByPatron: db.prepare<[number], FeeRow>(
			'SELECT * FROM fees WHERE patron_id = ? AND paid = 0 ORDER BY created_at, id'
		),
		updateFeePaid: db.prepare<[number, number, number]>(
			'UPDATE fees SET paid_cents = ?, paid = (? >= amount_cents) WHERE id = ?'
		),

		insertPayment: db.prepare<[number, number, string | null, string]>(
			'INSERT INTO payments (patron_id, amount_cents, transaction_id, paid_at) VALUES (?, ?, ?, ?)'
		),
		findPaymentById: db.prepare<[number], PaymentRow>('SELECT * FROM payments WHERE id = ?'),
		findPaymentByTransactionId: db.prepare<[number, string], PaymentRow>(
			'SELECT * FROM payments WHERE patron_id = ? AND transaction_id = ?'
		)
	};
}

class SqliteLibraryStore implements LibraryStore {
	readonly #db: Database.Database;
	readonly #statements: ReturnType<typeof prepareStatements>;

	constructor(db: Database.Database) {
		this.#db = db;
		this.#statements = prepareStatements(db);
	}

	transaction<T>(work: () => T): T {
		return this.#db.transaction(work)();
	}

	close(): void {
		this.#db.close();
	}

	insertBranch(branch: Branch): void {
		this.#statements.insertBranch.run(branch.code, branch.name);
	}

	findBranch(code: string): Branch | null {
		return this.#statements.findBranch.get(code) ?? null;
	}

	listBranches(): Branch[] {
		return this.#statements.listBranches.all();
	}

	insertPatron(patron: NewPatron): Patron {
		const result = this.#statements.insertPatron.run(
			patron.cardNumber,
			patron.pinHash,
			patron.firstName,
			patron.lastName,
			patron.email,
			patron.phone,
			patron.address,
			patron.homeBranch,
			patron.feeLimitCents,
			patron.cardLost ? 1 : 0,
			patron.barred ? 1 : 0
		);
		return { ...patron, id: insertedId(result) };
	}

	findPatronByCardNumber(cardNumber: string): Patron | null {
		const row = this.#statements.findPatronByCardNumber.get(cardNumber);
		return row === undefined ? null : toPatron(row);
	}

	findPatronById(id: number): Patron | null {
		const row = this.#statements.findPatronById.get(id);
		return row === undefined ? null : toPatron(row);
	}

	insertItem(item: NewItem): Item {
		const result = this.#statements.insertItem.run(
			item.barcode,
			item.title,
			item.author,
			item.mediaType,
			item.ownerBranch,
			item.currentBranch,
			item.inTransitTo,
			item.notForLoan ? 1 : 0,
			item.properties
		);
		return { ...item, id: insertedId(result) };
	}

	findItemByBarcode(barcode: string): Item | null {
		const row = this.#statements.findItemByBarcode.get(barcode);
		return row === undefined ? null : toItem(row);
	}

	findItemById(id: number): Item | null {
		const row = this.#statements.findItemById.get(id);
		return row === undefined ? null : toItem(row);
	}

	updateItemWhereabouts(itemId: number, whereabouts: { currentBranch: string; inTransitTo: string | null }): void {
		this.#statements.updateItemWhereabouts.run(whereabouts.currentBranch, whereabouts.inTransitTo, itemId);
	}

	updateItemProperties(itemId: number, properties: string): void {
		this.#statements.updateItemProperties.run(properties, itemId);
	}

	insertLoan(loan: NewLoan): Loan {
		const result = this.#statements.insertLoan.run(
			loan.itemId,
			loan.patronId,
			toText(loan.checkedOutAt),
			toText(loan.dueAt),
			loan.renewals
		);
		return { ...loan, id: insertedId(result) };
	}

	findLoanByItem(itemId: number): Loan | null {
		const row = this.#statements.findLoanByItem.get(itemId);
		return row === undefined ? null : toLoan(row);
	}

	listLoansByPatron(patronId: number): Loan[] {
		return this.#statements.listLoansByPatron.all(patronId).map(toLoan);
	}

	updateLoanDue(loanId: number, dueAt: Date, renewals: number): void {
		this.#statements.updateLoanDue.run(toText(dueAt), renewals, loanId);
	}

	deleteLoan(loanId: number): void {
		this.#statements.deleteLoan.run(loanId);
	}

	insertHold(hold: NewHold): Hold {
		const result = this.#statements.insertHold.run(
			hold.itemId,
			hold.patronId,
			hold.pickupBranch,
			hold.status,
			toText(hold.createdAt),
			toTextOrNull(hold.waitingSince),
			toTextOrNull(hold.expiresAt)
		);
		return { ...hold, id: insertedId(result) };
	}

	listHoldsByItem(itemId: number): Hold[] {
		return this.#statements.listHoldsByItem.all(itemId).map(toHold);
	}

	listHoldsByPatron(patronId: number): Hold[] {
		return this.#statements.listHoldsByPatron.all(patronId).map(toHold);
	}

	updateHoldStatus(
		holdId: number,
		status: { status: HoldStatus; waitingSince: Date | null; expiresAt: Date | null }
	): void {
		this.#statements.updateHoldStatus.run(
			status.status,
			toTextOrNull(status.waitingSince),
			toTextOrNull(status.expiresAt),
			holdId
		);
	}

	deleteHold(holdId: number): void {
		this.#statements.deleteHold.run(holdId);
	}

	insertFee(fee: NewFee): Fee {
		const result = this.#statements.insertFee.run(
			fee.patronId,
			fee.amountCents,
			fee.description,
			fee.type,
			fee.itemId,
			toText(fee.createdAt)
		);
		const row = this.#statements.findFeeById.get(insertedId(result));
		if (row === undefined) throw new Error('The fee just inserted cannot be read back');
		return toFee(row);
	}

	listOpenFeesByPatron(patronId: number): Fee[] {
		return this.#statements.listOpenFeesByPatron.all(patronId).map(toFee);
	}

	updateFeePaid(feeId: number, paidCents: number): void {
		this.#statements.updateFeePaid.run(paidCents, paidCents, feeId);
	}

	insertPayment(payment: NewPayment): Payment {
		const result = this.#statements.insertPayment.run(
			payment.patronId,
			payment.amountCents,
			payment.transactionId,
			toText(payment.paidAt)
		);
		const row = this.#statements.findPaymentById.get(insertedId(result));
		if (row === undefined) throw new Error('The payment just inserted cannot be read back');
		return toPayment(row);
	}

	findPaymentByTransactionId(patronId: number, transactionId: string): Payment | null {
		const row = this.#statements.findPaymentByTransactionId.get(patronId, transactionId);
		return row === undefined ? null : toPayment(row);
	}

	insertFamilyLink(link: FamilyLink): void {
		this.#statements.insertFamilyLink.run(link.patronId, link.memberId, link.accepted ? 1 : 0);
	}

	listFamilyLinks(patronId: number): FamilyLink[] {
		return this.#statements.listFamilyLinks.all(patronId).map((row) => ({ patronId: row.patron_id, memberId: row.member_id, accepted: row.accepted === 1 }));
	}
}

/**
 * Opens (and if needed creates) the demo library's database. Without `file` the database lives in
 * memory and vanishes on close, which is what tests and a throwaway demo want.
 */
export function openSqliteLibraryStore(file?: string): LibraryStore {
	const db = new Database(file ?? ':memory:');
	try {
		db.pragma('foreign_keys = ON');
		// WAL lets the SIP2 server read while a write is under way; memory databases cannot use it.
		if (file !== undefined) db.pragma('journal_mode = WAL');
		db.exec(SCHEMA);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
		return new SqliteLibraryStore(db);
	} catch (error) {
		db.close();
		throw error;
	}
}
