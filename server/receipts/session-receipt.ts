/**
 * What one member session did that belongs on a receipt: loans, renewals and card payments. Held in
 * server memory on the member session only (never stored, never logged), so it is gone when the
 * session ends: "Klaar", the idle wipe, or the sweep of an abandoned session.
 *
 * No name, no contact data, no card number: the card goes onto the receipt masked, from the session.
 */

export interface ReceiptLoan {
	itemId: string;
	title: string;
	/** ISO calendar date, or null when the library system sent one the server could not read. */
	dueDate: string | null;
	/** The library system's raw due date text, for when `dueDate` is null. */
	dueDateText: string;
	/** Queued while the library system was unreachable: the due date is the one promised offline. */
	offline: boolean;
}

export interface ReceiptRenewal {
	itemId: string;
	title: string;
	dueDate: string | null;
	dueDateText: string;
}

/** A card payment as the payment terminal reported it; what `addPayment` takes. */
export interface ReceiptPaymentInput {
	amountCents: number;
	/** ISO 4217, e.g. EUR. */
	currency: string;
	/** The terminal's reference for the payment (receipt or trace number), for the library's books. */
	terminalReference: string;
	/** E.g. `Maestro`, `V PAY`, as the terminal named it. */
	cardBrand: string;
	/** The bank card's number as the terminal masked it; never a full number. */
	maskedPan: string;
	/** How many fees the payment settled. */
	fees: number;
}

export interface ReceiptPayment extends ReceiptPaymentInput {
	at: Date;
}

export class SessionReceipt {
	readonly #loans: ReceiptLoan[] = [];
	readonly #renewals: ReceiptRenewal[] = [];
	readonly #payments: ReceiptPayment[] = [];

	constructor(private readonly now: () => Date = () => new Date()) {}

	get loans(): readonly ReceiptLoan[] {
		return this.#loans;
	}

	get renewals(): readonly ReceiptRenewal[] {
		return this.#renewals;
	}

	get payments(): readonly ReceiptPayment[] {
		return this.#payments;
	}

	/** Nothing the member could want a receipt of. */
	get isEmpty(): boolean {
		return this.#loans.length === 0 && this.#renewals.length === 0 && this.#payments.length === 0;
	}

	/** A loan; a second scan of the same item replaces the first line rather than listing it twice. */
	addLoan(loan: ReceiptLoan): void {
		const index = this.#loans.findIndex((existing) => existing.itemId === loan.itemId);
		if (index >= 0) this.#loans[index] = { ...loan };
		else this.#loans.push({ ...loan });
	}

	/**
	 * A renewal. An item lent earlier in this session keeps its one loan line with the new due date;
	 * renewing the same item twice keeps the last due date.
	 */
	addRenewal(renewal: ReceiptRenewal): void {
		const loan = this.#loans.find((existing) => existing.itemId === renewal.itemId);
		if (loan) {
			loan.dueDate = renewal.dueDate;
			loan.dueDateText = renewal.dueDateText;
			return;
		}
		const index = this.#renewals.findIndex((existing) => existing.itemId === renewal.itemId);
		if (index >= 0) this.#renewals[index] = { ...renewal };
		else this.#renewals.push({ ...renewal });
	}

	/** A card payment the terminal approved (called by the payments use case). */
	addPayment({ amountCents, currency, terminalReference, cardBrand, maskedPan, fees }: ReceiptPaymentInput): void {
		if (!Number.isInteger(amountCents) || amountCents < 0) throw new RangeError('amountCents must be a whole, non-negative number of cents');
		this.#payments.push({ amountCents, currency, terminalReference, cardBrand, maskedPan, fees, at: this.now() });
	}
}
