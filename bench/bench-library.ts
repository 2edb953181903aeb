/**
 * The benchmarks' library: the demo library plus as many available items and patrons (under their
 * loan limit, PIN 1234) as a run needs, in a SQLite file the demo library system then serves.
 */
import { hashPin } from '../server/demo-library/pin-hash';
import { seedDemoLibrary } from '../server/demo-library/seed-demo-library';
import { openSqliteLibraryStore } from '../server/demo-library/sqlite-library-store';

/** Loans per bench patron before the next patron takes over (the demo allows 25). */
export const LOANS_PER_PATRON = 20;

export const benchItem = (index: number) => `BENCH${String(index).padStart(9, '0')}`;
// Digits only, like a real card: the card screen takes digits.
export const benchPatron = (index: number) => `2999${String(index).padStart(10, '0')}`;

/** The demo library plus enough available items and patrons (under their loan limit) for every run. */
export function prepareLibrary(dbFile: string, checkouts: number): void {
	const store = openSqliteLibraryStore(dbFile);
	try {
		seedDemoLibrary(store, new Date());
		const pinHash = hashPin('1234'); // one hash for all: the bench measures lending, not scrypt
		store.transaction(() => {
			for (let i = 0; i < checkouts; i++) {
				store.insertItem({ barcode: benchItem(i), title: `Benchmark title ${i}`, author: 'Bench', mediaType: 'book', ownerBranch: 'CEN', currentBranch: 'CEN', inTransitTo: null, notForLoan: false, properties: null });
			}
			// Twice what the checkouts need at 20 each: with 32 clients each starts its own patrons.
			for (let i = 0; i < Math.ceil(checkouts / LOANS_PER_PATRON) * 2 + 8; i++) {
				store.insertPatron({ cardNumber: benchPatron(i), pinHash, firstName: 'Bench', lastName: `Patron ${i}`, email: null, phone: null, address: null, homeBranch: 'CEN', feeLimitCents: 1000, cardLost: false, barred: false });
			}
		});
	} finally {
		store.close();
	}
}

