/**
 * Typed errors of the ZVT layer. Callers branch on the class (or `kind`), never on message text.
 * Messages never quote a password or a card number: at most command codes, BMP numbers and lengths.
 *
 * A payment never ends in one of these for the outcomes a kiosk must handle (declined, aborted,
 * timeout, disconnected, unavailable): those are values of `ZvtPaymentResult`.
 */
export type ZvtErrorKind = 'decode' | 'encode' | 'link' | 'command' | 'protocol';

export class ZvtError extends Error {
	constructor(
		readonly kind: ZvtErrorKind,
		message: string
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** The bytes are not a ZVT message we can read (truncated APDU, unknown BMP, bad BCD, bad TLV length...). */
export class ZvtDecodeError extends ZvtError {
	constructor(message: string) {
		super('decode', message);
	}
}

/** We were asked to send something ZVT cannot carry (negative amount, 7-digit password, text too long...). */
export class ZvtEncodeError extends ZvtError {
	constructor(message: string) {
		super('encode', message);
	}
}

/** The serial peer did not acknowledge a frame after every allowed attempt, or the link is closed. */
export class ZvtLinkError extends ZvtError {
	constructor(message: string) {
		super('link', message);
	}
}

export type ZvtCommandFailure = 'unavailable' | 'rejected' | 'aborted' | 'timeout' | 'disconnected';

/**
 * An administrative command (registration, status enquiry, end-of-day) did not complete.
 * `code` is the terminal's result code when it sent one (`84 xx 00` or `06 1E xx`).
 */
export class ZvtCommandError extends ZvtError {
	constructor(
		readonly command: string,
		readonly failure: ZvtCommandFailure,
		readonly code: number | null,
		message: string
	) {
		super('command', `${command}: ${message}`);
	}
}

/**
 * The terminal broke the protocol during a transaction (a completion without a result, a result we
 * cannot read). The link is dropped to resynchronise. For a payment the outcome is unknown: never
 * record it as paid; reconcile against the terminal journal (repeat receipt `06 20`).
 */
export class ZvtProtocolError extends ZvtError {
	readonly outcomeUnknown = true;
	constructor(message: string) {
		super('protocol', message);
	}
}
