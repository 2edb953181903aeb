/**
 * The demo library a fresh kiosk runs against. Every card and item exists to show one situation on
 * the kiosk; the tests in library-rules.spec.ts rely on these identifiers and states. Card numbers
 * and barcodes end in a mod-10 (Luhn) check digit. Institution `DEMO`; every PIN is `1234`.
 * Dates are relative to the `now` given to `seedDemoLibrary`; "d" = days.
 *
 * Branches: CEN Centrale Bibliotheek (the kiosk's branch), NRD Filiaal Noord.
 *
 * | Card           | Patron        | Situation                                                              |
 * |----------------|---------------|------------------------------------------------------------------------|
 * | 20001000000012 | Sanne Jansen  | Good standing. Loan 30001000000101 (due +14d). Hold waiting on the     |
 * |                |               | CEN hold shelf: 30001000000168 (until +5d). Hold pending:              |
 * |                |               | 30001000000176 (on loan to 20001000000053). No fees.                   |
 * | 20001000000020 | Pieter Bakker | Blocked by fees: EUR 7.50 + EUR 5.00 = 12.50 over a limit of 10.00.    |
 * | 20001000000038 | Jan de Vries  | Loans 30001000000119 (due +7d) and 30001000000127 (overdue, due -5d).  |
 * |                |               | Fee EUR 2.40. Hold pending on 30001000000135 (on the shelf at CEN).    |
 * | 20001000000046 | Fleur Visser  | Card reported lost: blocked.                                           |
 * | 20001000000053 | Daan Smit     | Good standing, home NRD. Loan 30001000000176 (due +11d).               |
 * | 20001000000061 | Lotte Mulder  | Good standing, nothing on loan. The e2e test of the PIN limit locks    |
 * |                |               | this card; no other test uses it.                                      |
 *
 * Family access: Daan accepted that Sanne sees his loans; Jan asked to see Pieter's, and Pieter
 * has not accepted (so Jan sees nothing of Pieter's).
 *
 * | Barcode                         | Item state                                                 |
 * |---------------------------------|------------------------------------------------------------|
 * | 30001000000010 … 30001000000093 | Nine items (…010, …028, …036, …044, …051, …069, …077, …085, |
 * |                                 | …093), available at CEN.                                   |
 * | 30001000000101                  | On loan to 20001000000012.                                 |
 * | 30001000000119, 30001000000127  | On loan to 20001000000038 (…127 overdue).                  |
 * | 30001000000135                  | On the shelf at CEN, pending hold for 20001000000038:      |
 * |                                 | refused to others; a check-in puts it on the hold shelf.   |
 * | 30001000000143                  | Owned by NRD, available there: a return at CEN is transit. |
 * | 30001000000150                  | Not for loan (reference).                                  |
 * | 30001000000168                  | On the CEN hold shelf for 20001000000012.                  |
 * | 30001000000176                  | On loan to 20001000000053; pending hold 20001000000012.    |
 * | 30001000000184, …192, …200      | Available at CEN: a DVD, a CD and a magazine.              |
 */
import type { LibraryStore, MediaType, NewPatron } from './library-store';
import { hashPin } from './pin-hash';

export const DEMO_INSTITUTION = 'DEMO';
export const DEMO_PIN = '1234';

const FEE_LIMIT_CENTS = 1000;

function daysFrom(now: Date, days: number): Date {
	const date = new Date(now.getTime());
	date.setDate(date.getDate() + days);
	return date;
}

/** A demo member: also what the e2e log scan looks for (test/e2e/global-teardown.ts). */
export interface DemoPatron {
	cardNumber: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	address: string;
	homeBranch: string;
	cardLost?: boolean;
}

export const DEMO_PATRONS: readonly DemoPatron[] = [
	{
		cardNumber: '20001000000012',
		firstName: 'Sanne',
		lastName: 'Jansen',
		email: 'sanne.jansen@example.nl',
		phone: '06-21436587',
		address: 'Oudegracht 88, 3511 AV Utrecht',
		homeBranch: 'CEN'
	},
	{
		cardNumber: '20001000000020',
		firstName: 'Pieter',
		lastName: 'Bakker',
		email: 'p.bakker@example.nl',
		phone: '030-2718281',
		address: 'Lange Nieuwstraat 5, 3512 PA Utrecht',
		homeBranch: 'CEN'
	},
	{
		cardNumber: '20001000000038',
		firstName: 'Jan',
		lastName: 'de Vries',
		email: 'jan.devries@example.nl',
		phone: '06-98765432',
		address: 'Biltstraat 140, 3572 BL Utrecht',
		homeBranch: 'CEN'
	},
	{
		cardNumber: '20001000000046',
		firstName: 'Fleur',
		lastName: 'Visser',
		email: 'fleur.visser@example.nl',
		phone: '06-55501987',
		address: 'Amsterdamsestraatweg 301, 3551 CH Utrecht',
		homeBranch: 'NRD',
		cardLost: true
	},
	{
		cardNumber: '20001000000053',
		firstName: 'Daan',
		lastName: 'Smit',
		email: 'daan.smit@example.nl',
		phone: '030-2440167',
		address: 'Zwaanstraat 17, 3551 CN Utrecht',
		homeBranch: 'NRD'
	},
	{
		cardNumber: '20001000000061',
		firstName: 'Lotte',
		lastName: 'Mulder',
		email: 'lotte.mulder@example.nl',
		phone: '06-31415926',
		address: 'Twijnstraat 42, 3511 ZL Utrecht',
		homeBranch: 'CEN'
	}
];

interface DemoItem {
	barcode: string;
	title: string;
	author: string;
	mediaType: MediaType;
	ownerBranch?: string;
	notForLoan?: boolean;
}

const ITEMS: DemoItem[] = [
	{ barcode: '30001000000010', title: 'De avonden', author: 'Gerard Reve', mediaType: 'book' },
	{ barcode: '30001000000028', title: 'Max Havelaar', author: 'Multatuli', mediaType: 'book' },
	{ barcode: '30001000000036', title: 'Het diner', author: 'Herman Koch', mediaType: 'book' },
	{ barcode: '30001000000044', title: 'Tirza', author: 'Arnon Grunberg', mediaType: 'book' },
	{ barcode: '30001000000051', title: 'De aanslag', author: 'Harry Mulisch', mediaType: 'book' },
	{ barcode: '30001000000069', title: 'Turks fruit', author: 'Jan Wolkers', mediaType: 'book' },
	{ barcode: '30001000000077', title: 'Het Achterhuis', author: 'Anne Frank', mediaType: 'book' },
	{ barcode: '30001000000085', title: 'Nooit meer slapen', author: 'Willem Frederik Hermans', mediaType: 'book' },
	{ barcode: '30001000000093', title: 'The Remains of the Day', author: 'Kazuo Ishiguro', mediaType: 'book' },
	{ barcode: '30001000000101', title: 'Het smelt', author: 'Lize Spit', mediaType: 'book' },
	{ barcode: '30001000000119', title: 'Stoner', author: 'John Williams', mediaType: 'book' },
	{ barcode: '30001000000127', title: 'De helaasheid der dingen', author: 'Dimitri Verhulst', mediaType: 'book' },
	{ barcode: '30001000000135', title: 'Het gouden ei', author: 'Tim Krabbé', mediaType: 'book' },
	{ barcode: '30001000000143', title: 'Karakter', author: 'Ferdinand Bordewijk', mediaType: 'book', ownerBranch: 'NRD' },
	{
		barcode: '30001000000150',
		title: 'Van Dale Groot woordenboek van de Nederlandse taal',
		author: 'Van Dale',
		mediaType: 'book',
		notForLoan: true
	},
	{ barcode: '30001000000168', title: 'Lijmen / Het been', author: 'Willem Elsschot', mediaType: 'book' },
	{ barcode: '30001000000176', title: 'Oorlog en terpentijn', author: 'Stefan Hertmans', mediaType: 'book' },
	{ barcode: '30001000000184', title: 'Zwartboek', author: 'Paul Verhoeven', mediaType: 'dvd' },
	{ barcode: '30001000000192', title: 'Kind of Blue', author: 'Miles Davis', mediaType: 'cd' },
	{
		barcode: '30001000000200',
		title: 'National Geographic Nederland-België, november',
		author: 'National Geographic',
		mediaType: 'magazine'
	}
];

/** True when the store holds no library yet, so a first start knows to seed it. */
export function isLibraryEmpty(store: LibraryStore): boolean {
	return store.listBranches().length === 0;
}

export function seedDemoLibrary(store: LibraryStore, now: Date): void {
	store.transaction(() => {
		if (!isLibraryEmpty(store)) throw new Error('seedDemoLibrary needs an empty store; this one already has a library');

		store.insertBranch({ code: 'CEN', name: 'Centrale Bibliotheek' });
		store.insertBranch({ code: 'NRD', name: 'Filiaal Noord' });

		const patronIds = new Map<string, number>();
		for (const demo of DEMO_PATRONS) {
			const patron: NewPatron = {
				cardNumber: demo.cardNumber,
				pinHash: hashPin(DEMO_PIN),
				firstName: demo.firstName,
				lastName: demo.lastName,
				email: demo.email,
				phone: demo.phone,
				address: demo.address,
				homeBranch: demo.homeBranch,
				feeLimitCents: FEE_LIMIT_CENTS,
				cardLost: demo.cardLost ?? false,
				barred: false
			};
			patronIds.set(demo.cardNumber, store.insertPatron(patron).id);
		}

		const itemIds = new Map<string, number>();
		for (const demo of ITEMS) {
			const ownerBranch = demo.ownerBranch ?? 'CEN';
			const item = store.insertItem({
				barcode: demo.barcode,
				title: demo.title,
				author: demo.author,
				mediaType: demo.mediaType,
				ownerBranch,
				currentBranch: ownerBranch,
				inTransitTo: null,
				notForLoan: demo.notForLoan ?? false,
				properties: null
			});
			itemIds.set(demo.barcode, item.id);
		}

		const patronId = (cardNumber: string): number => {
			const id = patronIds.get(cardNumber);
			if (id === undefined) throw new Error(`Seed refers to unknown patron ${cardNumber}`);
			return id;
		};
		const itemId = (barcode: string): number => {
			const id = itemIds.get(barcode);
			if (id === undefined) throw new Error(`Seed refers to unknown item ${barcode}`);
			return id;
		};
		const lend = (barcode: string, cardNumber: string, lentDaysAgo: number, dueInDays: number): void => {
			store.insertLoan({
				itemId: itemId(barcode),
				patronId: patronId(cardNumber),
				checkedOutAt: daysFrom(now, -lentDaysAgo),
				dueAt: daysFrom(now, dueInDays),
				renewals: 0
			});
		};

		lend('30001000000101', '20001000000012', 7, 14);
		lend('30001000000119', '20001000000038', 14, 7);
		lend('30001000000127', '20001000000038', 26, -5);
		lend('30001000000176', '20001000000053', 10, 11);

		store.insertHold({
			itemId: itemId('30001000000168'),
			patronId: patronId('20001000000012'),
			pickupBranch: 'CEN',
			status: 'waiting',
			createdAt: daysFrom(now, -9),
			waitingSince: daysFrom(now, -2),
			expiresAt: daysFrom(now, 5)
		});
		store.insertHold({
			itemId: itemId('30001000000176'),
			patronId: patronId('20001000000012'),
			pickupBranch: 'CEN',
			status: 'pending',
			createdAt: daysFrom(now, -3),
			waitingSince: null,
			expiresAt: null
		});
		store.insertHold({
			itemId: itemId('30001000000135'),
			patronId: patronId('20001000000038'),
			pickupBranch: 'CEN',
			status: 'pending',
			createdAt: daysFrom(now, -1),
			waitingSince: null,
			expiresAt: null
		});

		store.insertFamilyLink({ patronId: patronId('20001000000012'), memberId: patronId('20001000000053'), accepted: true });
		store.insertFamilyLink({ patronId: patronId('20001000000038'), memberId: patronId('20001000000020'), accepted: false });

		store.insertFee({
			patronId: patronId('20001000000020'),
			amountCents: 750,
			description: 'Administratiekosten aanmaning',
			type: 'administrative',
			itemId: null,
			createdAt: daysFrom(now, -40)
		});
		store.insertFee({
			patronId: patronId('20001000000020'),
			amountCents: 500,
			description: 'Te laat: Turks fruit',
			type: 'overdue',
			itemId: itemId('30001000000069'),
			createdAt: daysFrom(now, -30)
		});
		store.insertFee({
			patronId: patronId('20001000000038'),
			amountCents: 240,
			description: 'Te laat: Het diner',
			type: 'overdue',
			itemId: itemId('30001000000036'),
			createdAt: daysFrom(now, -20)
		});
	});
}
