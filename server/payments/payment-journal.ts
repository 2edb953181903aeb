/**
 * The payment journal: every payment the kiosk or desk takes, written before the terminal is
 * asked and after each step, so no payment is lost or doubled when the server dies or the library
 * system is down between the terminal's approval and the library system's "fee paid".
 *
 * Personal data kept: the member's card, sealed (AES-GCM, see offline/card-sealer.ts) because a
 * recovery must name the member in the fee paid message; the terminal's masked card number and
 * brand (never more: the terminal reports no more). No names, no fee descriptions.
 */

/**
 * - `authorising`: journaled; the terminal is being asked (or the server died while it was).
 * - `approved`: the terminal approved (or staff took cash); fee paid not yet confirmed for every fee.
 * - `recorded`: the library system confirmed every fee paid. Done.
 * - `refused`: approved, but the library system refused a fee paid: money taken, fees still open; staff act.
 * - `unknown`: the terminal's outcome is unknown (timeout, disconnect, server died mid-authorisation):
 *   never recorded as paid; staff check the terminal's journal.
 * - `declined`, `aborted`, `unavailable`: nothing was charged.
 * - `settled`: staff dealt with a `refused` or `unknown` payment (the resolution is in the audit log).
 */
export type PaymentState = 'authorising' | 'approved' | 'recorded' | 'refused' | 'unknown' | 'declined' | 'aborted' | 'unavailable' | 'settled';

export type FeeLineState = 'open' | 'recorded' | 'refused';

export interface PaymentFeeLine {
	/** The library system's fee id (CG); null: the payment covers the open fees oldest first. */
	feeId: string | null;
	amountCents: number;
	state: FeeLineState;
	/** The library system's words on a refusal. */
	message: string | null;
}

export interface TerminalReceipt {
	/** What the library system gets as the transaction id (BK): terminal id, trace number, receipt number. */
	reference: string;
	/** As the terminal reported it: first six and last four digits at most. */
	maskedPan: string | null;
	cardBrand: string | null;
}

export interface PaymentRecord {
	id: string;
	createdAt: Date;
	updatedAt: Date;
	place: 'kiosk' | 'desk';
	method: 'card' | 'cash';
	/** The desk account that took it; null at the kiosk. */
	staff: string | null;
	/** The member's card, sealed under the context `payment:<id>`. */
	sealedCard: Buffer;
	amountCents: number;
	currency: string;
	state: PaymentState;
	terminal: TerminalReceipt | null;
	/** Why it ended as it did, in the terminal's or library system's words (no personal data). */
	problem: string | null;
	fees: PaymentFeeLine[];
}

export type NewPayment = Omit<PaymentRecord, 'createdAt' | 'updatedAt' | 'state' | 'terminal' | 'problem'>;

export interface PaymentJournal {
	/** Journals a payment as `authorising`, with its fee lines open; committed before it returns. */
	begin(payment: NewPayment, at: Date): void;
	setState(id: string, state: PaymentState, at: Date, details?: { terminal?: TerminalReceipt; problem?: string }): void;
	setFeeLine(id: string, index: number, state: FeeLineState, message: string | null, at: Date): void;
	get(id: string): PaymentRecord | null;
	/** Payments in these states, oldest first. */
	inStates(states: readonly PaymentState[]): PaymentRecord[];
	/** Deletes finished payments last changed before `before`; answers how many. */
	purge(before: Date): number;
	close(): void;
}

/** The context a payment's card is sealed under: binds the blob to its row. */
export function paymentCardContext(id: string): string {
	return `payment:${id}`;
}
