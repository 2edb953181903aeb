import type { ZvtCurrency, ZvtPaymentResult, ZvtStatusEvent } from '../../drivers/payment';

/**
 * The payment terminal as the payments see it: one payment at a time, its status texts as they
 * come, and an abort. The device hub implements it over ZVT (server/devices); tests drive the same
 * hub with the ZVT simulator, which speaks the terminal's bytes.
 */
export interface CardTerminal {
	pay(amountCents: number, currency: ZvtCurrency, onStatus: (status: ZvtStatusEvent) => void): Promise<ZvtPaymentResult>;
	/** True when the terminal accepted the abort; the payment's own result still decides. */
	abort(): Promise<boolean>;
}

/** Statuses while the terminal waits for a card: until then the member may still cancel at the kiosk. */
export const BEFORE_CARD_STATUSES: ReadonlySet<string> = new Set(['confirm-amount', 'insert-card']);
