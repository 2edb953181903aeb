import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CirculationHours, KEEP_DAYS, localHourKey } from './circulation-hours';
import { openSqliteStaffStore } from './sqlite-staff-store';
import type { StaffStore } from './staff-store';

/** The dashboard's counts against a real SQLite file: per local hour and kind, nothing else, purged after KEEP_DAYS. */
let directory: string;
let file: string;
let store: StaffStore;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'circulation-hours-'));
	file = join(directory, 'kiosk-staff.db');
	store = openSqliteStaffStore(file);
});
afterEach(() => {
	store.close();
	rmSync(directory, { recursive: true, force: true });
});

/** A local time: the hours are the kiosk's own, whatever the time zone of the machine running the tests. */
const local = (year: number, month: number, day: number, hour: number, minute = 0) => new Date(year, month - 1, day, hour, minute);

describe('localHourKey', () => {
	it('is the local date and hour, zero-padded, so the keys sort as time goes', () => {
		expect(localHourKey(local(2026, 3, 5, 7, 59))).toBe('2026-03-05T07');
		expect(localHourKey(local(2026, 11, 23, 14, 0))).toBe('2026-11-23T14');
		expect(localHourKey(local(2026, 12, 31, 23, 30)) < localHourKey(local(2027, 1, 1, 0, 0))).toBe(true);
	});
});

describe('the staff store counts', () => {
	it('adds up loans and returns per hour, the offline ones also apart, and lists a range of hours', () => {
		store.countCirculation('2026-11-23T09', 'loan', false);
		store.countCirculation('2026-11-23T09', 'loan', true);
		store.countCirculation('2026-11-23T09', 'return', false);
		store.countCirculation('2026-11-23T10', 'return', true);
		store.countCirculation('2026-11-24T09', 'loan', false);
		expect(store.circulationHours('2026-11-23T00', '2026-11-23T23')).toEqual([
			{ hour: '2026-11-23T09', loans: 2, returns: 1, offlineLoans: 1, offlineReturns: 0 },
			{ hour: '2026-11-23T10', loans: 0, returns: 1, offlineLoans: 0, offlineReturns: 1 }
		]);
		expect(() => store.countCirculation('20001000000012', 'loan', false)).toThrow(RangeError);
	});

	it('keeps nothing but the hour and the counts', () => {
		store.countCirculation('2026-11-23T09', 'loan', false);
		store.close();
		const db = new Database(file, { readonly: true });
		const columns = (db.pragma('table_info(circulation_hours)') as { name: string }[]).map((column) => column.name);
		expect(columns).toEqual(['hour', 'loans', 'returns', 'offline_loans', 'offline_returns']);
		db.close();
		store = openSqliteStaffStore(file);
		expect(store.circulationHours('2026-11-23T00', '2026-11-23T23')).toHaveLength(1);
	});

	it('purges the hours before a given one', () => {
		for (const hour of ['2026-10-01T08', '2026-10-24T23', '2026-10-25T00', '2026-11-23T09']) store.countCirculation(hour, 'loan', false);
		expect(store.purgeCirculationHours('2026-10-25T00')).toBe(2);
		expect(store.circulationHours('2026-01-01T00', '2026-12-31T23').map((row) => row.hour)).toEqual(['2026-10-25T00', '2026-11-23T09']);
	});

	it('adds the table to a version 1 file and keeps its accounts', () => {
		store.createAccount({ name: 'anna', role: 'admin', passwordHash: 'scrypt$hash', at: new Date() });
		store.close();
		const db = new Database(file);
		db.exec('DROP TABLE circulation_hours');
		db.pragma('user_version = 1');
		db.close();
		store = openSqliteStaffStore(file);
		expect(store.account('anna')?.role).toBe('admin');
		store.countCirculation('2026-11-23T09', 'return', false);
		expect(store.circulationHours('2026-11-23T09', '2026-11-23T09')).toEqual([{ hour: '2026-11-23T09', loans: 0, returns: 1, offlineLoans: 0, offlineReturns: 0 }]);
	});
});

describe('CirculationHours', () => {
	it('counts in the hour of its clock and answers the 24 hours of the local today', () => {
		let now = local(2026, 11, 23, 9, 5);
		const hours = new CirculationHours(store, { now: () => now });
		hours.record('loan', false);
		hours.record('loan', true);
		now = local(2026, 11, 23, 9, 59);
		hours.record('return', false);
		now = local(2026, 11, 23, 14, 0);
		hours.record('return', true);
		now = local(2026, 11, 22, 23, 59);
		hours.record('loan', false);

		now = local(2026, 11, 23, 18, 0);
		const today = hours.today();
		expect(today).toHaveLength(24);
		expect(today.map((hour) => hour.hour)).toEqual([...Array(24).keys()]);
		expect(today[9]).toEqual({ hour: 9, loans: 2, returns: 1, queued: 1 });
		expect(today[14]).toEqual({ hour: 14, loans: 0, returns: 1, queued: 1 });
		expect(today.filter((hour) => hour.loans + hour.returns > 0).map((hour) => hour.hour)).toEqual([9, 14]);

		now = local(2026, 11, 22, 12, 0);
		expect(hours.today()[23]).toEqual({ hour: 23, loans: 1, returns: 0, queued: 0 });
	});

	it(`purges what is older than ${KEEP_DAYS} days`, () => {
		let now = local(2026, 10, 1, 8);
		const hours = new CirculationHours(store, { now: () => now });
		hours.record('loan', false);
		now = local(2026, 10, 20, 8);
		hours.record('loan', false);
		// 30 days after the hour began, it is still kept; an hour later it is gone.
		now = local(2026, 10, 31, 8, 30);
		expect(hours.purge()).toBe(0);
		now = local(2026, 10, 31, 9, 30);
		expect(hours.purge()).toBe(1);
		expect(store.circulationHours('2026-01-01T00', '2026-12-31T23').map((row) => row.hour)).toEqual(['2026-10-20T08']);
	});

	it('never throws at the loan that is being counted', () => {
		const broken = { countCirculation: () => { throw new Error('disk full'); } } as unknown as StaffStore;
		expect(() => new CirculationHours(broken).record('loan', false)).not.toThrow();
	});
});
