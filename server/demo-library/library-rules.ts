/**
 * The rules of the bundled demo library system: who may borrow what, for how long, and what
 * happens to a returned item. The SIP2 server decodes a message, calls one method here, and
 * encodes the answer; nothing here knows the wire format.
 *
 * Every method runs in one store transaction, so a half-done checkout never reaches the store.
 * Business refusals ("item on hold for someone else") are ordinary results with a `refusal` code
 * and a short English screen message, as real library systems send them; exceptions are kept for
 * programming errors and a broken store.
 */
import type { Branch, Fee, FeeType, Hold, Item, LibraryStore, Loan, MediaType, Patron } from './library-store';
import { formatCents, parseCents } from './money';
import { pinMatches } from './pin-hash';

export interface DemoLibraryOptions {
	loanPeriodDays: number;
	renewalLimit: number;
	/** How long a waiting hold stays on the hold shelf before it may be cleared. */
	holdShelfDays: number;
	/** Code of the branch the kiosk stands in: where returns happen unless told otherwise. */
	branch: string;
	/** Injected so tests (and offline replays) control "now". */
	clock: () => Date;
	/** Loans a patron may have at once; at this number borrowing is blocked (renewing is not). */
	maxLoans: number;
}

export const DEFAULT_OPTIONS: DemoLibraryOptions = {
	loanPeriodDays: 21,
	renewalLimit: 3,
	holdShelfDays: 7,
	branch: 'CEN',
	clock: () => new Date(),
	maxLoans: 25
};

export const CURRENCY = 'EUR';

const OVERDUE_FINE_PER_DAY_CENTS = 20;
const OVERDUE_FINE_MAX_CENTS = 500;

// ---------------------------------------------------------------------------------------------
// Result types

export type BranchRef = Branch;

export interface PatronVerification {
	known: boolean;
	/** null when no PIN was given (or the patron is unknown, so there is nothing to compare). */
	pinOk: boolean | null;
}

/** Why a patron may not borrow. `excessive-fees`: open fees above the patron's fee limit. */
export type PatronBlock = 'card-lost' | 'barred' | 'excessive-fees' | 'too-many-items';

export interface PatronStatus {
	chargePrivilegesDenied: boolean;
	renewalPrivilegesDenied: boolean;
	holdPrivilegesDenied: boolean;
	cardReportedLost: boolean;
	tooManyItemsCharged: boolean;
	excessiveOutstandingFees: boolean;
}

export interface PatronLoan {
	itemBarcode: string;
	title: string;
	dueDate: Date;
	overdue: boolean;
	renewals: number;
}

export interface PatronWaitingHold {
	itemBarcode: string;
	title: string;
	pickupBranch: BranchRef;
	/** Last day on the hold shelf. */
	expiresAt: Date;
}

export interface PatronPendingHold {
	itemBarcode: string;
	title: string;
	pickupBranch: BranchRef;
	/** 1 = next in line for the item. */
	queuePosition: number;
}

export interface PatronFee {
	id: string;
	/** Still to pay, e.g. "2.40" (less than the original amount after a part payment). */
	amount: string;
	description: string;
	type: FeeType;
	itemBarcode: string | null;
	createdAt: Date;
}

export interface PatronInformation {
	cardNumber: string;
	firstName: string;
	lastName: string;
	/** "Jan de Vries". */
	fullName: string;
	email: string | null;
	phone: string | null;
	address: string | null;
	homeBranch: BranchRef;
	status: PatronStatus;
	/** Empty when the patron may borrow. */
	blocks: PatronBlock[];
	feeTotal: string;
	feeLimit: string;
	currency: string;
	loanLimit: number;
	loans: PatronLoan[];
	holdsWaiting: PatronWaitingHold[];
	holdsPending: PatronPendingHold[];
	fees: PatronFee[];
	/** Card numbers of family members who accepted that this patron sees their loans. */
	familyAccess: string[];
}

export type CheckoutRefusal =
	| 'unknown-patron'
	| 'pin-wrong'
	| 'patron-blocked'
	| 'unknown-item'
	| 'not-for-loan'
	| 'on-loan-to-other'
	| 'hold-for-other'
	| 'renewal-limit';

export interface CheckoutOptions {
	pin?: string;
	/** Offline replay: the loan already happened, so patron blocks and holds must not undo it. */
	noBlock?: boolean;
	/** The due date the offline terminal gave; used only with `noBlock`. */
	dueDate?: Date;
	/** When the terminal says the loan happened; with `noBlock` the loan dates from then. */
	transactionDate?: Date;
}

export type CheckoutResult =
	| {
			ok: true;
			/** The patron already had the item: the loan was renewed. */
			renewal: boolean;
			title: string;
			dueDate: Date;
			message: string;
	  }
	| {
			ok: false;
			renewal: false;
			/** null when the item is unknown or was not looked up (patron refused first). */
			title: string | null;
			dueDate: null;
			refusal: CheckoutRefusal;
			message: string;
	  };

export type CheckinAction = 'shelve' | 'hold-shelf' | 'transit';

export interface CheckinOptions {
	/** When the item came back (offline replays); overdue fines count up to this. */
	returnDate?: Date;
	/** Branch code where the item came back; anything else (or nothing) means the kiosk's branch. */
	location?: string;
	/** Accepted for symmetry with checkout; a return has no blocks to skip. */
	noBlock?: boolean;
}

export interface HoldPatronRef {
	cardNumber: string;
	/** "J. de Vries": for staff and the hold-shelf slip, never for the kiosk screen. */
	name: string;
}

export type CheckinResult =
	| {
			ok: true;
			title: string;
			/** Card number of the borrower whose loan this return closed. */
			wasOnLoanTo: string | null;
			action: CheckinAction;
			/** Whose hold the item now serves (hold-shelf, or transit to a pickup branch). */
			holdFor: HoldPatronRef | null;
			/** Where a 'transit' item must go. */
			destinationBranch: BranchRef | null;
			/** Name of the branch that owns the item. */
			permanentLocation: string;
			/** The overdue fine this return charged, e.g. "1.00". */
			overdueFee: string | null;
			message: string;
	  }
	| {
			ok: false;
			title: null;
			refusal: 'unknown-item';
			message: string;
	  };

export type RenewRefusal =
	| 'unknown-patron'
	| 'not-on-loan-to-patron'
	| 'renewal-limit'
	| 'hold-for-other'
	| 'patron-blocked';

export interface RenewOptions {
	noBlock?: boolean;
	dueDate?: Date;
	transactionDate?: Date;
}

export type RenewResult =
	| { ok: true; title: string; dueDate: Date; message: string }
	| {
			ok: false;
			title: string | null;
			/** The unchanged due date when there is a loan. */
			dueDate: Date | null;
			refusal: RenewRefusal;
			message: string;
	  };

export interface RenewAllResult {
	/** False only when the patron is unknown. */
	ok: boolean;
	renewed: string[];
	unrenewed: string[];
	message: string;
}

/**
 * Chosen to map onto SIP2 circulation statuses: available 03, on-loan 04 (charged),
 * on-hold-shelf 08 (waiting on hold shelf), in-transit 10, not-for-loan 01 (other).
 */
export type ItemCirculation = 'available' | 'on-loan' | 'on-hold-shelf' | 'in-transit' | 'not-for-loan';

export interface ItemInformation {
	barcode: string;
	title: string;
	author: string;
	mediaType: MediaType;
	circulation: ItemCirculation;
	dueDate: Date | null;
	/** Holds on the item, waiting and pending. */
	holdQueueLength: number;
	ownerBranch: BranchRef;
	currentLocation: BranchRef;
	/** Set while in transit. */
	destinationBranch: BranchRef | null;
	/** Pickup branch of the hold the item waits for on a hold shelf. */
	holdPickupBranch: BranchRef | null;
	holdPickupDeadline: Date | null;
	properties: string | null;
}

export interface PayFeeOptions {
	/** Pay this fee (an id from `patronInformation().fees`); without it, oldest fees first. */
	feeId?: string;
	/** The payment terminal's reference: a payment resent with the same one is not taken twice. */
	transactionId?: string;
}

export interface PayFeeResult {
	accepted: boolean;
	message: string;
	/** Open fees after the payment; null when the patron is unknown. */
	feeTotal: string | null;
}

export interface HoldResult {
	ok: boolean;
	/** 1 = next in line; null when refused or cancelled. */
	queuePosition: number | null;
	message: string;
}

// ---------------------------------------------------------------------------------------------

const CHECKOUT_MESSAGES: Record<CheckoutRefusal, string> = {
	'unknown-patron': 'Patron not found.',
	'pin-wrong': 'Invalid PIN.',
	'patron-blocked': 'Borrowing is blocked. Please contact the desk.',
	'unknown-item': 'Item not found.',
	'not-for-loan': 'This item cannot be borrowed.',
	'on-loan-to-other': 'Item is checked out to another patron.',
	'hold-for-other': 'Item is on hold for another patron.',
	'renewal-limit': 'Renewal limit reached.'
};

const RENEW_MESSAGES: Record<RenewRefusal, string> = {
	'unknown-patron': 'Patron not found.',
	'not-on-loan-to-patron': 'Item is not checked out to this patron.',
	'renewal-limit': 'Renewal limit reached.',
	'hold-for-other': 'Item is on hold for another patron.',
	'patron-blocked': 'Renewing is blocked. Please contact the desk.'
};

const BLOCK_MESSAGES: Record<PatronBlock, string> = {
	'card-lost': 'This card has been reported lost. Please contact the desk.',
	barred: 'Borrowing is blocked. Please contact the desk.',
	'excessive-fees': 'Outstanding fees exceed the limit. Please pay at the desk.',
	'too-many-items': 'Too many items on loan.'
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days, so a due time keeps its clock time across a daylight-saving change. */
function addDays(date: Date, days: number): Date {
	const result = new Date(date.getTime());
	result.setDate(result.getDate() + days);
	return result;
}

/** Whole calendar days from `from` to `to` in local time: returning later on the due day is not late. */
function calendarDaysBetween(from: Date, to: Date): number {
	const start = Date.UTC(from.getFullYear(), from.getMonth(), from.getDate());
	const end = Date.UTC(to.getFullYear(), to.getMonth(), to.getDate());
	return Math.round((end - start) / DAY_MS);
}

function laterOf(a: Date, b: Date): Date {
	return a.getTime() >= b.getTime() ? a : b;
}

function shortName(patron: Patron): string {
	const initial = patron.firstName.charAt(0);
	return initial === '' ? patron.lastName : `${initial}. ${patron.lastName}`;
}

function outstandingCents(fee: Fee): number {
	return fee.amountCents - fee.paidCents;
}

/**
 * The hold an item serves next: one already waiting on a hold shelf (it was trapped before and
 * is being scanned again), else the oldest pending hold.
 */
function nextInLine(holdsInQueueOrder: Hold[]): Hold | null {
	return holdsInQueueOrder.find((hold) => hold.status === 'waiting') ?? holdsInQueueOrder[0] ?? null;
}

type RenewalOutcome =
	| { ok: true; dueDate: Date }
	| { ok: false; refusal: 'renewal-limit' | 'hold-for-other' | 'patron-blocked'; message: string };

export class DemoLibrary {
	readonly #store: LibraryStore;
	readonly #options: DemoLibraryOptions;

	constructor(store: LibraryStore, options: Partial<DemoLibraryOptions> = {}) {
		this.#store = store;
		this.#options = { ...DEFAULT_OPTIONS, ...options };
	}

	verifyPatron(cardNumber: string, pin?: string): PatronVerification {
		return this.#store.transaction(() => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return { known: false, pinOk: null };
			return { known: true, pinOk: pin === undefined ? null : pinMatches(pin, patron.pinHash) };
		});
	}

	patronInformation(cardNumber: string): PatronInformation | null {
		return this.#store.transaction(() => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return null;
			const now = this.#now();
			const loans = this.#store.listLoansByPatron(patron.id);
			const fees = this.#store.listOpenFeesByPatron(patron.id);
			const blocks = this.#blocks(patron, loans.length, fees);
			const holds = this.#store.listHoldsByPatron(patron.id);

			const holdsWaiting: PatronWaitingHold[] = [];
			const holdsPending: PatronPendingHold[] = [];
			for (const hold of holds) {
				const item = this.#itemById(hold.itemId);
				const pickupBranch = this.#branch(hold.pickupBranch);
				if (hold.status === 'waiting') {
					holdsWaiting.push({
						itemBarcode: item.barcode,
						title: item.title,
						pickupBranch,
						expiresAt: hold.expiresAt ?? addDays(now, this.#options.holdShelfDays)
					});
				} else {
					holdsPending.push({
						itemBarcode: item.barcode,
						title: item.title,
						pickupBranch,
						queuePosition: this.#queuePosition(hold)
					});
				}
			}

			return {
				cardNumber: patron.cardNumber,
				firstName: patron.firstName,
				lastName: patron.lastName,
				fullName: `${patron.firstName} ${patron.lastName}`,
				email: patron.email,
				phone: patron.phone,
				address: patron.address,
				homeBranch: this.#branch(patron.homeBranch),
				status: this.#status(patron, blocks),
				blocks,
				feeTotal: formatCents(this.#sumOutstanding(fees)),
				feeLimit: formatCents(patron.feeLimitCents),
				currency: CURRENCY,
				loanLimit: this.#options.maxLoans,
				loans: loans.map((loan) => {
					const item = this.#itemById(loan.itemId);
					return {
						itemBarcode: item.barcode,
						title: item.title,
						dueDate: loan.dueAt,
						overdue: loan.dueAt.getTime() < now.getTime(),
						renewals: loan.renewals
					};
				}),
				holdsWaiting,
				holdsPending,
				fees: fees.map((fee) => ({
					id: String(fee.id),
					amount: formatCents(outstandingCents(fee)),
					description: fee.description,
					type: fee.type,
					itemBarcode: fee.itemId === null ? null : this.#itemById(fee.itemId).barcode,
					createdAt: fee.createdAt
				})),
				familyAccess: this.#store
					.listFamilyLinks(patron.id)
					.filter((link) => link.accepted)
					.map((link) => this.#store.findPatronById(link.memberId)?.cardNumber)
					.filter((card): card is string => card !== undefined)
			};
		});
	}

	checkout(cardNumber: string, itemBarcode: string, options: CheckoutOptions = {}): CheckoutResult {
		return this.#store.transaction((): CheckoutResult => {
			const refuse = (refusal: CheckoutRefusal, title: string | null, message?: string): CheckoutResult => ({
				ok: false,
				renewal: false,
				title,
				dueDate: null,
				refusal,
				message: message ?? CHECKOUT_MESSAGES[refusal]
			});
			const now = this.#now();
			const noBlock = options.noBlock === true;

			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return refuse('unknown-patron', null);
			if (options.pin !== undefined && !pinMatches(options.pin, patron.pinHash)) return refuse('pin-wrong', null);
			const item = this.#store.findItemByBarcode(itemBarcode);
			if (item === null) return refuse('unknown-item', null);
			if (item.notForLoan) return refuse('not-for-loan', item.title);

			const loan = this.#store.findLoanByItem(item.id);
			if (loan !== null && loan.patronId === patron.id) {
				const renewal = this.#renewLoan(patron, item, loan, { ...options, noBlock });
				if (!renewal.ok) return refuse(renewal.refusal, item.title, renewal.message);
				return { ok: true, renewal: true, title: item.title, dueDate: renewal.dueDate, message: 'Renewed.' };
			}

			// Offline replay: if the terminal lent the item after our loan began, the earlier
			// borrower must have brought it back in between, unrecorded; trust the later event.
			const lentAt = noBlock ? (options.transactionDate ?? now) : now;
			if (loan !== null) {
				const lentAfterThatLoan = options.transactionDate !== undefined && options.transactionDate > loan.checkedOutAt;
				if (!(noBlock && lentAfterThatLoan)) return refuse('on-loan-to-other', item.title);
				this.#closeLoan(loan, item, lentAt, now);
			}

			const holds = this.#store.listHoldsByItem(item.id);
			if (!noBlock) {
				const loanCount = this.#store.listLoansByPatron(patron.id).length;
				const [firstBlock] = this.#blocks(patron, loanCount, this.#store.listOpenFeesByPatron(patron.id));
				if (firstBlock !== undefined) return refuse('patron-blocked', item.title, BLOCK_MESSAGES[firstBlock]);
				// Only the one first in line counts: others queued behind this patron still wait their turn.
				const firstInLine = nextInLine(holds);
				if (firstInLine !== null && firstInLine.patronId !== patron.id) return refuse('hold-for-other', item.title);
			}

			for (const hold of holds) {
				if (hold.patronId === patron.id) {
					this.#store.deleteHold(hold.id);
				} else if (hold.status === 'waiting') {
					// The item left the hold shelf with someone else (offline), so that patron waits again.
					this.#store.updateHoldStatus(hold.id, { status: 'pending', waitingSince: null, expiresAt: null });
				}
			}

			const dueDate =
				noBlock && options.dueDate !== undefined ? options.dueDate : addDays(lentAt, this.#options.loanPeriodDays);
			this.#store.insertLoan({ itemId: item.id, patronId: patron.id, checkedOutAt: lentAt, dueAt: dueDate, renewals: 0 });
			this.#store.updateItemWhereabouts(item.id, { currentBranch: this.#homeBranch().code, inTransitTo: null });
			return { ok: true, renewal: false, title: item.title, dueDate, message: 'Checked out.' };
		});
	}

	checkin(itemBarcode: string, options: CheckinOptions = {}): CheckinResult {
		return this.#store.transaction((): CheckinResult => {
			const now = this.#now();
			const item = this.#store.findItemByBarcode(itemBarcode);
			if (item === null) return { ok: false, title: null, refusal: 'unknown-item', message: 'Item not found.' };
			const here = this.#resolveBranch(options.location);
			const returnedAt = options.returnDate ?? now;

			let wasOnLoanTo: string | null = null;
			let overdueFeeCents: number | null = null;
			const loan = this.#store.findLoanByItem(item.id);
			if (loan !== null) {
				wasOnLoanTo = this.#patronById(loan.patronId).cardNumber;
				overdueFeeCents = this.#closeLoan(loan, item, returnedAt, now);
			}

			const route = this.#routeReturnedItem(item, here, now);
			this.#store.updateItemWhereabouts(item.id, {
				currentBranch: here.code,
				inTransitTo: route.action === 'transit' ? route.destination.code : null
			});

			const destinationBranch = route.action === 'transit' ? route.destination : null;
			return {
				ok: true,
				title: item.title,
				wasOnLoanTo,
				action: route.action,
				holdFor: route.hold === null ? null : this.#holdPatronRef(route.hold),
				destinationBranch,
				permanentLocation: this.#branch(item.ownerBranch).name,
				overdueFee: overdueFeeCents === null || overdueFeeCents === 0 ? null : formatCents(overdueFeeCents),
				// No patron names here: the kiosk may show this message to whoever returned the item.
				message:
					destinationBranch !== null
						? `Item returned. Send it to ${destinationBranch.name}.`
						: route.action === 'hold-shelf'
							? 'Item returned. Place it on the hold shelf.'
							: 'Item returned.'
			};
		});
	}

	renew(cardNumber: string, itemBarcode: string, options: RenewOptions = {}): RenewResult {
		return this.#store.transaction((): RenewResult => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) {
				const refusal = 'unknown-patron';
				return { ok: false, title: null, dueDate: null, refusal, message: RENEW_MESSAGES[refusal] };
			}
			const item = this.#store.findItemByBarcode(itemBarcode);
			const loan = item === null ? null : this.#store.findLoanByItem(item.id);
			if (item === null || loan === null || loan.patronId !== patron.id) {
				return {
					ok: false,
					title: item?.title ?? null,
					dueDate: null,
					refusal: 'not-on-loan-to-patron',
					message: RENEW_MESSAGES['not-on-loan-to-patron']
				};
			}
			const renewal = this.#renewLoan(patron, item, loan, options);
			if (!renewal.ok) {
				return { ok: false, title: item.title, dueDate: loan.dueAt, refusal: renewal.refusal, message: renewal.message };
			}
			return { ok: true, title: item.title, dueDate: renewal.dueDate, message: 'Renewed.' };
		});
	}

	renewAll(cardNumber: string): RenewAllResult {
		return this.#store.transaction((): RenewAllResult => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return { ok: false, renewed: [], unrenewed: [], message: 'Patron not found.' };
			const renewed: string[] = [];
			const unrenewed: string[] = [];
			for (const loan of this.#store.listLoansByPatron(patron.id)) {
				const item = this.#itemById(loan.itemId);
				const renewal = this.#renewLoan(patron, item, loan, {});
				(renewal.ok ? renewed : unrenewed).push(item.barcode);
			}
			const message =
				unrenewed.length === 0
					? `${renewed.length} renewed.`
					: `${renewed.length} renewed, ${unrenewed.length} not renewed.`;
			return { ok: true, renewed, unrenewed, message };
		});
	}

	itemInformation(itemBarcode: string): ItemInformation | null {
		return this.#store.transaction((): ItemInformation | null => {
			const item = this.#store.findItemByBarcode(itemBarcode);
			if (item === null) return null;
			const loan = this.#store.findLoanByItem(item.id);
			const holds = this.#store.listHoldsByItem(item.id);
			const waitingHold = holds.find((hold) => hold.status === 'waiting') ?? null;

			let circulation: ItemCirculation;
			if (loan !== null) circulation = 'on-loan';
			else if (item.inTransitTo !== null) circulation = 'in-transit';
			else if (waitingHold !== null) circulation = 'on-hold-shelf';
			else if (item.notForLoan) circulation = 'not-for-loan';
			else circulation = 'available';

			const onHoldShelf = circulation === 'on-hold-shelf' && waitingHold !== null;
			return {
				barcode: item.barcode,
				title: item.title,
				author: item.author,
				mediaType: item.mediaType,
				circulation,
				dueDate: loan?.dueAt ?? null,
				holdQueueLength: holds.length,
				ownerBranch: this.#branch(item.ownerBranch),
				currentLocation: this.#branch(item.currentBranch),
				destinationBranch: item.inTransitTo === null ? null : this.#branch(item.inTransitTo),
				holdPickupBranch: onHoldShelf ? this.#branch(waitingHold.pickupBranch) : null,
				holdPickupDeadline: onHoldShelf ? waitingHold.expiresAt : null,
				properties: item.properties
			};
		});
	}

	payFee(cardNumber: string, amount: string, options: PayFeeOptions = {}): PayFeeResult {
		return this.#store.transaction((): PayFeeResult => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return { accepted: false, message: 'Patron not found.', feeTotal: null };
			const openFees = this.#store.listOpenFeesByPatron(patron.id);
			const refuse = (message: string): PayFeeResult => ({
				accepted: false,
				message,
				feeTotal: formatCents(this.#sumOutstanding(openFees))
			});

			const amountCents = parseCents(amount);
			if (amountCents === null || amountCents === 0) return refuse('Invalid amount.');
			// A terminal that timed out waiting for our answer sends the payment again; it was taken once.
			if (options.transactionId !== undefined) {
				const earlier = this.#store.findPaymentByTransactionId(patron.id, options.transactionId);
				if (earlier !== null && earlier.amountCents !== amountCents) {
					return refuse('Transaction ID already used for another amount.');
				}
				if (earlier !== null) {
					const feeTotal = formatCents(this.#sumOutstanding(openFees));
					return { accepted: true, message: 'Payment already recorded.', feeTotal };
				}
			}

			const feesToPay =
				options.feeId === undefined ? openFees : openFees.filter((fee) => String(fee.id) === options.feeId);
			if (feesToPay.length === 0) return refuse(options.feeId === undefined ? 'No fees to pay.' : 'Fee not found.');
			// Taking more than is owed would leave money the library has to hand back.
			if (amountCents > this.#sumOutstanding(feesToPay)) return refuse('Amount exceeds the amount owed.');

			let left = amountCents;
			for (const fee of feesToPay) {
				if (left === 0) break;
				const part = Math.min(left, outstandingCents(fee));
				this.#store.updateFeePaid(fee.id, fee.paidCents + part);
				left -= part;
			}
			this.#store.insertPayment({
				patronId: patron.id,
				amountCents,
				transactionId: options.transactionId ?? null,
				paidAt: this.#now()
			});
			const feeTotal = formatCents(this.#sumOutstanding(this.#store.listOpenFeesByPatron(patron.id)));
			return { accepted: true, message: 'Payment accepted.', feeTotal };
		});
	}

	/** Without `pickupBranch` the hold is for the patron's home branch. */
	placeHold(cardNumber: string, itemBarcode: string, pickupBranch?: string): HoldResult {
		return this.#store.transaction((): HoldResult => {
			const refuse = (message: string): HoldResult => ({ ok: false, queuePosition: null, message });
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			if (patron === null) return refuse('Patron not found.');
			const item = this.#store.findItemByBarcode(itemBarcode);
			if (item === null) return refuse('Item not found.');
			const pickup = this.#store.findBranch(pickupBranch ?? patron.homeBranch);
			if (pickup === null) return refuse('Unknown pickup location.');
			const [firstBlock] = this.#accountBlocks(patron, this.#store.listOpenFeesByPatron(patron.id));
			if (firstBlock !== undefined) return refuse(BLOCK_MESSAGES[firstBlock]);
			if (item.notForLoan) return refuse('This item cannot be borrowed.');
			if (this.#store.findLoanByItem(item.id)?.patronId === patron.id) return refuse('You already have this item.');
			const holds = this.#store.listHoldsByItem(item.id);
			if (holds.some((hold) => hold.patronId === patron.id)) return refuse('You already have a hold on this item.');

			this.#store.insertHold({
				itemId: item.id,
				patronId: patron.id,
				pickupBranch: pickup.code,
				status: 'pending',
				createdAt: this.#now(),
				waitingSince: null,
				expiresAt: null
			});
			return { ok: true, queuePosition: holds.length + 1, message: 'Hold placed.' };
		});
	}

	cancelHold(cardNumber: string, itemBarcode: string): HoldResult {
		return this.#store.transaction((): HoldResult => {
			const patron = this.#store.findPatronByCardNumber(cardNumber);
			const item = this.#store.findItemByBarcode(itemBarcode);
			const hold =
				patron === null || item === null
					? undefined
					: this.#store.listHoldsByItem(item.id).find((candidate) => candidate.patronId === patron.id);
			if (hold === undefined) return { ok: false, queuePosition: null, message: 'No such hold.' };
			// A cancelled waiting hold leaves the item on the hold shelf; its next check-in routes it.
			this.#store.deleteHold(hold.id);
			return { ok: true, queuePosition: null, message: 'Hold cancelled.' };
		});
	}

	updateItemProperties(itemBarcode: string, properties: string): { ok: boolean } {
		return this.#store.transaction(() => {
			const item = this.#store.findItemByBarcode(itemBarcode);
			if (item === null) return { ok: false };
			this.#store.updateItemProperties(item.id, properties);
			return { ok: true };
		});
	}

	// -----------------------------------------------------------------------------------------

	#now(): Date {
		return this.#options.clock();
	}

	/** Everything that stops a new loan. */
	#blocks(patron: Patron, loanCount: number, openFees: Fee[]): PatronBlock[] {
		const blocks = this.#accountBlocks(patron, openFees);
		if (loanCount >= this.#options.maxLoans) blocks.push('too-many-items');
		return blocks;
	}

	/** The blocks that also stop renewing and holds: all but too many items. */
	#accountBlocks(patron: Patron, openFees: Fee[]): PatronBlock[] {
		const blocks: PatronBlock[] = [];
		if (patron.cardLost) blocks.push('card-lost');
		if (patron.barred) blocks.push('barred');
		// Over, not at: a limit of 10.00 lets a patron owe exactly 10.00 and still borrow.
		if (this.#sumOutstanding(openFees) > patron.feeLimitCents) blocks.push('excessive-fees');
		return blocks;
	}

	#status(patron: Patron, blocks: PatronBlock[]): PatronStatus {
		// Too many items stops new loans only; the other blocks stop renewing and holds too.
		const blocksAll = blocks.some((block) => block !== 'too-many-items');
		return {
			chargePrivilegesDenied: blocks.length > 0,
			renewalPrivilegesDenied: blocksAll,
			holdPrivilegesDenied: blocksAll,
			cardReportedLost: patron.cardLost,
			tooManyItemsCharged: blocks.includes('too-many-items'),
			excessiveOutstandingFees: blocks.includes('excessive-fees')
		};
	}

	#sumOutstanding(fees: Fee[]): number {
		return fees.reduce((total, fee) => total + outstandingCents(fee), 0);
	}

	#renewLoan(patron: Patron, item: Item, loan: Loan, options: RenewOptions): RenewalOutcome {
		const now = this.#now();
		const noBlock = options.noBlock === true;
		if (!noBlock) {
			// Too many items does not stop a renewal: renewing adds no item.
			const [firstBlock] = this.#accountBlocks(patron, this.#store.listOpenFeesByPatron(patron.id));
			if (firstBlock !== undefined) return { ok: false, refusal: 'patron-blocked', message: BLOCK_MESSAGES[firstBlock] };
			const holdForOther = this.#store.listHoldsByItem(item.id).some((hold) => hold.patronId !== patron.id);
			if (holdForOther) return { ok: false, refusal: 'hold-for-other', message: RENEW_MESSAGES['hold-for-other'] };
		}
		if (loan.renewals >= this.#options.renewalLimit) {
			return { ok: false, refusal: 'renewal-limit', message: RENEW_MESSAGES['renewal-limit'] };
		}

		const renewedAt = noBlock ? (options.transactionDate ?? now) : now;
		// The days it was already late end here; the new due date would otherwise wipe them out.
		this.#chargeOverdueFine(patron.id, item, loan.dueAt, renewedAt, now);
		const dueDate =
			noBlock && options.dueDate !== undefined
				? options.dueDate
				: addDays(laterOf(renewedAt, loan.dueAt), this.#options.loanPeriodDays);
		this.#store.updateLoanDue(loan.id, dueDate, loan.renewals + 1);
		return { ok: true, dueDate };
	}

	/** Ends a loan; returns the overdue fine it charged in cents (0 when on time). */
	#closeLoan(loan: Loan, item: Item, returnedAt: Date, now: Date): number {
		this.#store.deleteLoan(loan.id);
		return this.#chargeOverdueFine(loan.patronId, item, loan.dueAt, returnedAt, now);
	}

	#chargeOverdueFine(patronId: number, item: Item, dueAt: Date, endedAt: Date, now: Date): number {
		if (endedAt.getTime() <= dueAt.getTime()) return 0;
		const daysLate = calendarDaysBetween(dueAt, endedAt);
		const amountCents = Math.min(daysLate * OVERDUE_FINE_PER_DAY_CENTS, OVERDUE_FINE_MAX_CENTS);
		if (amountCents <= 0) return 0;
		this.#store.insertFee({
			patronId,
			amountCents,
			description: `Te laat: ${item.title}`,
			type: 'overdue',
			itemId: item.id,
			createdAt: now
		});
		return amountCents;
	}

	/**
	 * Where a returned item goes: to the first hold in line (on the hold shelf here, or in transit to
	 * its pickup branch), else home to its owning branch, else back on the shelf.
	 */
	#routeReturnedItem(
		item: Item,
		here: Branch,
		now: Date
	):
		| { action: 'shelve'; hold: null }
		| { action: 'hold-shelf'; hold: Hold }
		| { action: 'transit'; destination: Branch; hold: Hold | null } {
		const nextHold = nextInLine(this.#store.listHoldsByItem(item.id));
		if (nextHold !== null) {
			if (nextHold.pickupBranch === here.code) {
				if (nextHold.status === 'pending') {
					this.#store.updateHoldStatus(nextHold.id, {
						status: 'waiting',
						waitingSince: now,
						expiresAt: addDays(now, this.#options.holdShelfDays)
					});
				}
				return { action: 'hold-shelf', hold: nextHold };
			}
			if (nextHold.status === 'waiting') {
				this.#store.updateHoldStatus(nextHold.id, { status: 'pending', waitingSince: null, expiresAt: null });
			}
			return { action: 'transit', destination: this.#branch(nextHold.pickupBranch), hold: nextHold };
		}
		if (item.ownerBranch !== here.code) {
			return { action: 'transit', destination: this.#branch(item.ownerBranch), hold: null };
		}
		return { action: 'shelve', hold: null };
	}

	#holdPatronRef(hold: Hold): HoldPatronRef {
		const patron = this.#patronById(hold.patronId);
		return { cardNumber: patron.cardNumber, name: shortName(patron) };
	}

	#queuePosition(hold: Hold): number {
		return this.#store.listHoldsByItem(hold.itemId).findIndex((candidate) => candidate.id === hold.id) + 1;
	}

	#resolveBranch(location: string | undefined): Branch {
		const named = location === undefined ? null : this.#store.findBranch(location);
		return named ?? this.#homeBranch();
	}

	#homeBranch(): Branch {
		return this.#branch(this.#options.branch);
	}

	// The lookups below follow foreign keys, so a miss means a broken store, not a refusal.

	#branch(code: string): Branch {
		const branch = this.#store.findBranch(code);
		if (branch === null) throw new Error(`Branch ${code} is not in the library store`);
		return branch;
	}

	#itemById(id: number): Item {
		const item = this.#store.findItemById(id);
		if (item === null) throw new Error(`Item #${id} is not in the library store`);
		return item;
	}

	#patronById(id: number): Patron {
		const patron = this.#store.findPatronById(id);
		if (patron === null) throw new Error(`Patron #${id} is not in the library store`);
		return patron;
	}
}
