/**
 * The storage seam of the desk's staff accounts and audit log: what the desk needs, nothing about
 * how it is stored. `sqlite-staff-store.ts` implements it (the one file here that knows the driver).
 *
 * Accounts are staff, not members: their login names may be kept and shown. The audit log holds no
 * member data but a masked card number (see audit-log.ts).
 */

import { STAFF_ROLES, type StaffRole } from '../../kiosk/lib/api/desk-contract';

export { STAFF_ROLES, type StaffRole };

export function isStaffRole(value: unknown): value is StaffRole {
	return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export interface StaffAccount {
	id: number;
	/** The login name: lower case letters, digits, `.`, `-` and `_` (see `normaliseAccountName`). */
	name: string;
	role: StaffRole;
	/** scrypt, see staff-password.ts. Never leaves the server. */
	passwordHash: string;
	disabled: boolean;
	createdAt: Date;
	passwordChangedAt: Date;
}

export interface NewStaffAccount {
	name: string;
	role: StaffRole;
	passwordHash: string;
	at: Date;
}

export interface AuditEntry {
	id: number;
	at: Date;
	/** The account name of who did it, or `command line` for the admin command. */
	actor: string;
	action: string;
	/** What it was done to: a masked card number, an account name, a route; never a full card number. */
	subject: string;
	detail: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** A loan or a return, as the dashboard counts it: a kind, nothing about who or what. */
export type CirculationKind = 'loan' | 'return';

/**
 * The loans and returns of one local hour: counts only, no card, no item (see circulation-hours.ts).
 * `offlineLoans` and `offlineReturns` are the part of them queued while the library system was unreachable.
 */
export interface CirculationHour {
	/** Local time, `YYYY-MM-DDTHH`: sorts as it reads. */
	hour: string;
	loans: number;
	returns: number;
	offlineLoans: number;
	offlineReturns: number;
}

export interface StaffStore {
	/** Throws AccountExistsError when the name is taken (also by a disabled account). */
	createAccount(account: NewStaffAccount): StaffAccount;
	account(name: string): StaffAccount | null;
	/** Every account, by name. */
	accounts(): StaffAccount[];
	/** Throws UnknownAccountError. */
	setPassword(name: string, passwordHash: string, at: Date): void;
	/** Throws UnknownAccountError. */
	setDisabled(name: string, disabled: boolean): void;
	appendAudit(entry: NewAuditEntry): number;
	/** Newest first. */
	auditEntries(limit: number): AuditEntry[];
	/** Deletes entries older than `before`; answers how many. */
	purgeAudit(before: Date): number;
	/** Adds one loan or return to the hour's counts (the row is made on first use). */
	countCirculation(hour: string, kind: CirculationKind, offline: boolean): void;
	/** The hours from `from` up to and including `to` that have counts, oldest first. */
	circulationHours(from: string, to: string): CirculationHour[];
	/** Deletes the hours before `before`; answers how many. */
	purgeCirculationHours(before: string): number;
	close(): void;
}

export class AccountExistsError extends Error {
	constructor(readonly accountName: string) {
		super(`there is already an account ${accountName}`);
		this.name = 'AccountExistsError';
	}
}

export class UnknownAccountError extends Error {
	constructor(readonly accountName: string) {
		super(`there is no account ${accountName}`);
		this.name = 'UnknownAccountError';
	}
}

export class InvalidAccountNameError extends Error {
	constructor() {
		super('an account name is 2 to 32 letters, digits, ".", "-" or "_", starting with a letter or digit');
		this.name = 'InvalidAccountNameError';
	}
}

const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Login names are compared without case: "Anna" and "anna" are one account. Throws InvalidAccountNameError. */
export function normaliseAccountName(name: string): string {
	const normal = typeof name === 'string' ? name.trim().toLowerCase() : '';
	if (!ACCOUNT_NAME.test(normal)) throw new InvalidAccountNameError();
	return normal;
}
