import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStaffStore, StaffStoreError } from './sqlite-staff-store';
import { AccountExistsError, UnknownAccountError } from './staff-store';

let directory: string;
let file: string;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'staff-store-'));
	file = join(directory, 'kiosk-staff.db');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const AT = new Date('2026-11-23T09:00:00.000Z');

describe('the SQLite staff store', () => {
	it('creates its files mode 0600, in WAL with synchronous FULL, and keeps accounts across opens', () => {
		const store = openSqliteStaffStore(file);
		store.createAccount({ name: 'anna', role: 'admin', passwordHash: 'scrypt$hash', at: AT });
		store.close();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const reopened = openSqliteStaffStore(file);
		expect(reopened.account('anna')).toEqual({ id: 1, name: 'anna', role: 'admin', passwordHash: 'scrypt$hash', disabled: false, createdAt: AT, passwordChangedAt: AT });
		reopened.close();
		const db = new Database(file, { readonly: true });
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('user_version', { simple: true })).toBe(2);
		db.close();
	});

	it('tightens a file others can read', () => {
		writeFileSync(file, '', { mode: 0o644 });
		openSqliteStaffStore(file).close();
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('refuses a second account of the same name, and changes of an unknown one', () => {
		const store = openSqliteStaffStore(file);
		store.createAccount({ name: 'anna', role: 'staff', passwordHash: 'h1', at: AT });
		expect(() => store.createAccount({ name: 'anna', role: 'admin', passwordHash: 'h2', at: AT })).toThrow(AccountExistsError);
		expect(() => store.setPassword('bert', 'h', AT)).toThrow(UnknownAccountError);
		expect(() => store.setDisabled('bert', true)).toThrow(UnknownAccountError);
		const later = new Date(AT.getTime() + 60_000);
		store.setPassword('anna', 'h3', later);
		store.setDisabled('anna', true);
		expect(store.account('anna')).toMatchObject({ passwordHash: 'h3', passwordChangedAt: later, disabled: true });
		expect(store.accounts().map((account) => account.name)).toEqual(['anna']);
		store.close();
	});

	it('lists the audit newest first and purges what is older than asked, leaving nothing in the WAL', () => {
		const store = openSqliteStaffStore(file);
		for (let day = 0; day < 5; day++) store.appendAudit({ at: new Date(AT.getTime() + day * 86_400_000), actor: 'anna', action: 'login', subject: `day-${day}`, detail: '' });
		expect(store.auditEntries(2).map((entry) => entry.subject)).toEqual(['day-4', 'day-3']);
		expect(store.purgeAudit(new Date(AT.getTime() + 2 * 86_400_000))).toBe(2);
		expect(store.auditEntries(10).map((entry) => entry.subject)).toEqual(['day-4', 'day-3', 'day-2']);
		expect(statSync(`${file}-wal`).size).toBe(0);
		store.close();
	});

	it('refuses a file from a newer kiosk', () => {
		const db = new Database(file);
		db.pragma('user_version = 99');
		db.close();
		expect(() => openSqliteStaffStore(file)).toThrow(StaffStoreError);
	});
});
