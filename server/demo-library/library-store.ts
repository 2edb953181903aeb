/**
 * The storage seam of the demo library system: the reads and writes its rules need, and nothing
 * about how they are stored. `sqlite-library-store.ts` implements it; tests or another backend
 * could implement it too, which is why no database driver is imported here.
 *
 * Money is integer cents, dates are `Date`s. Loans hold only current loans: returning an item
 * deletes its loan, so "at most one loan per item" can be a constraint rather than a rule.
 */

export interface Branch {
	/** Short code, as the library system and SIP2 "location" fields use it, e.g. `CEN`. */
	code: string;
	name: string;
}

export interface Patron {
	id: number;
	cardNumber: string;
	/** scrypt hash (see pin-hash.ts); the PIN itself is never stored. */
	pinHash: string;
	firstName: string;
	lastName: string;
	email: string | null;
	phone: string | null;
	/** One line, as a SIP2 home address field carries it. */
	address: string | null;
	homeBranch: string;
	/** Above this many outstanding cents the patron may not borrow. */
	feeLimitCents: number;
	cardLost: boolean;
	/** Blocked by staff, for reasons the kiosk does not need to know. */
	barred: boolean;
}

export type NewPatron = Omit<Patron, 'id'>;

/** Kinds that map one-to-one onto SIP2 media types (DVD has no SIP2 code; it goes out as "other"). */
export type MediaType = 'book' | 'magazine' | 'cd' | 'dvd' | 'book-with-cd' | 'other';

export const MEDIA_TYPES: readonly MediaType[] = ['book', 'magazine', 'cd', 'dvd', 'book-with-cd', 'other'];

export interface Item {
	id: number;
	barcode: string;
	title: string;
	author: string;
	mediaType: MediaType;
	ownerBranch: string;
	/** Where the item was last seen (checked in or out). */
	currentBranch: string;
	/** Set while the item travels to another branch; cleared when it is checked in there. */
	inTransitTo: string | null;
	notForLoan: boolean;
	/** Free text a SIP2 "item status update" left on the item. */
	properties: string | null;
}

export type NewItem = Omit<Item, 'id'>;

export interface Loan {
	id: number;
	itemId: number;
	patronId: number;
	checkedOutAt: Date;
	dueAt: Date;
	renewals: number;
}

export type NewLoan = Omit<Loan, 'id'>;

/**
 * `pending`: the patron waits for the item. `waiting`: the item is on the hold shelf at the pickup
 * branch and the patron has until `expiresAt` to fetch it.
 */
export type HoldStatus = 'waiting' | 'pending';

export interface Hold {
	id: number;
	itemId: number;
	patronId: number;
	pickupBranch: string;
	status: HoldStatus;
	createdAt: Date;
	waitingSince: Date | null;
	expiresAt: Date | null;
}

export type NewHold = Omit<Hold, 'id'>;

/** Kinds that map one-to-one onto SIP2 fee types. */
export type FeeType =
	| 'other'
	| 'administrative'
	| 'damage'
	| 'overdue'
	| 'processing'
	| 'rental'
	| 'replacement'
	| 'computer-access'
	| 'hold';

export const FEE_TYPES: readonly FeeType[] = [
	'other',
	'administrative',
	'damage',
	'overdue',
	'processing',
	'rental',
	'replacement',
	'computer-access',
	'hold'
];

export interface Fee {
	id: number;
	patronId: number;
	amountCents: number;
	/** Paid so far; fees can be paid in parts. */
	paidCents: number;
	/** Fully paid. Kept separately so "open fees" is a plain query. */
	paid: boolean;
	description: string;
	type: FeeType;
	itemId: number | null;
	createdAt: Date;
}

export type NewFee = Omit<Fee, 'id' | 'paidCents' | 'paid'>;

export interface Payment {
	id: number;
	patronId: number;
	amountCents: number;
	/** The payment terminal's reference; lets a resent payment be recognised. */
	transactionId: string | null;
	paidAt: Date;
}

export type NewPayment = Omit<Payment, 'id'>;

export interface LibraryStore {
	/** Runs `work` atomically: every write in it happens, or none does (also when it throws). */
	transaction<T>(work: () => T): T;
	close(): void;

	insertBranch(branch: Branch): void;
	findBranch(code: string): Branch | null;
	listBranches(): Branch[];

	insertPatron(patron: NewPatron): Patron;
	findPatronByCardNumber(cardNumber: string): Patron | null;
	findPatronById(id: number): Patron | null;

	insertItem(item: NewItem): Item;
	findItemByBarcode(barcode: string): Item | null;
	findItemById(id: number): Item | null;
	updateItemWhereabouts(itemId: number, whereabouts: { currentBranch: string; inTransitTo: string | null }): void;
	updateItemProperties(itemId: number, properties: string): void;

	insertLoan(loan: NewLoan): Loan;
	findLoanByItem(itemId: number): Loan | null;
	/** Oldest first. */
	listLoansByPatron(patronId: number): Loan[];
	updateLoanDue(loanId: number, dueAt: Date, renewals: number): void;
	deleteLoan(loanId: number): void;

	insertHold(hold: NewHold): Hold;
	/** In queue order: oldest first. */
	listHoldsByItem(itemId: number): Hold[];
	/** Oldest first. */
	listHoldsByPatron(patronId: number): Hold[];
	updateHoldStatus(
		holdId: number,
		status: { status: HoldStatus; waitingSince: Date | null; expiresAt: Date | null }
	): void;
	deleteHold(holdId: number): void;

	insertFee(fee: NewFee): Fee;
	/** Fees not fully paid, oldest first. */
	listOpenFeesByPatron(patronId: number): Fee[];
	/** Sets how much of the fee is paid; it counts as paid once that reaches its amount. */
	updateFeePaid(feeId: number, paidCents: number): void;

	insertPayment(payment: NewPayment): Payment;
	findPaymentByTransactionId(patronId: number, transactionId: string): Payment | null;

	/**
	 * Family access: `patronId` may see `memberId`'s loans once `memberId` has accepted. The link
	 * is one-way; a link not (yet) accepted shows nothing.
	 */
	insertFamilyLink(link: FamilyLink): void;
	listFamilyLinks(patronId: number): FamilyLink[];
}

export interface FamilyLink {
	patronId: number;
	memberId: number;
	accepted: boolean;
}
