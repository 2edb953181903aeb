import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoLibrary } from './library-rules';
import { isLibraryEmpty, seedDemoLibrary } from './seed-demo-library';
import { openSqliteLibraryStore } from './sqlite-library-store';

const NOW = new Date('2026-11-23T10:00:00.000Z');

describe('SQLite library store on a file', () => {
	let directory: string;

	beforeEach(() => {
		directory = mkdtempSync(join(tmpdir(), 'demo-library-'));
	});

	afterEach(() => {
		rmSync(directory, { recursive: true, force: true });
	});

	it('keeps the library across reopening', () => {
		const file = join(directory, 'library.db');
		const first = openSqliteLibraryStore(file);
		expect(isLibraryEmpty(first)).toBe(true);
		seedDemoLibrary(first, NOW);
		const checkout = new DemoLibrary(first, { clock: () => NOW }).checkout('20001000000012', '30001000000010');
		expect(checkout.ok).toBe(true);
		first.close();

		// Opening again must neither fail on the existing schema nor wipe the data.
		const second = openSqliteLibraryStore(file);
		try {
			expect(isLibraryEmpty(second)).toBe(false);
			const library = new DemoLibrary(second, { clock: () => NOW });
			expect(library.itemInformation('30001000000010')).toMatchObject({ circulation: 'on-loan' });
			expect(library.verifyPatron('20001000000012', '1234')).toEqual({ known: true, pinOk: true });
			expect(library.patronInformation('20001000000020')?.feeTotal).toBe('12.50');
		} finally {
			second.close();
		}
	});

	it('writes no PIN in plain text and uses WAL and foreign keys', () => {
		const file = join(directory, 'library.db');
		const store = openSqliteLibraryStore(file);
		seedDemoLibrary(store, NOW);
		store.close();

		const raw = new Database(file, { readonly: true });
		try {
			const pins = raw.prepare<[], { pin_hash: string }>('SELECT pin_hash FROM patrons').all();
			expect(pins).toHaveLength(6);
			for (const { pin_hash } of pins) {
				expect(pin_hash).not.toContain('1234');
				expect(pin_hash).toMatch(/^scrypt\$/);
			}
			expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
		} finally {
			raw.close();
		}
	});

	it('enforces foreign keys', () => {
		const store = openSqliteLibraryStore();
		try {
			seedDemoLibrary(store, NOW);
			expect(() =>
				store.insertLoan({ itemId: 9999, patronId: 1, checkedOutAt: NOW, dueAt: NOW, renewals: 0 })
			).toThrow(/FOREIGN KEY/);
		} finally {
			store.close();
		}
	});
});
