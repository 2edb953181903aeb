/**
 * The contract between the kiosk screens (browser) and the kiosk server (`/api/...`).
 *
 * Shared by the SvelteKit routes and the browser services so both sides agree at compile time.
 * It carries no SIP2 details: the server maps the library system's answers to these plain outcomes,
 * and the screens map each outcome's `reason` to words from the message catalogs.
 *
 * Dates are ISO calendar dates (`2026-12-14`) in the library's local time, or `null` when the
 * library system sent a date the server could not read; then `dueDateText` carries its raw text.
 */

/**
 * Server-Sent Events `library` on GET /api/devices/events (once on connect, then on change):
 * whether the library system is reachable, and the offline policy the screens explain.
 */
export interface LibraryStatus {
	online: boolean;
	offlineBorrowing: boolean;
	offlineMaxItems: number;
}

/** GET /api/config: what the screens need before anyone logs in. Nothing personal. */
export interface KioskConfig {
	libraryName: string;
	/** Seconds without input before the idle warning appears. */
	idleTimeoutS: number;
	/** Seconds the warning counts down before the session is wiped. */
	idleWarningS: number;
	/** The language every member session starts in. */
	language: 'nl' | 'en';
	/** Whether the header offers the other language. */
	languageToggle: boolean;
}

/** POST /api/session  body: { card, pin } */
export interface LoginRequest {
	card: string;
	pin: string;
}

export type LoginRefusal =
	/** The card number is not known to the library system. */
	| 'card-unknown'
	/** The PIN does not match. */
	| 'pin-wrong'
	/** The card is blocked (lost, expired, barred): go to the desk. */
	| 'card-blocked'
	/** What was scanned or typed is not a card number. */
	| 'card-invalid'
	/** Sent without a PIN because the library system was unreachable, but it is back: ask for the PIN. */
	| 'pin-needed'
	/** Locked at this kiosk for a while after too many wrong PINs (also the answer to the wrong PIN that locks it): go to the desk. */
	| 'card-locked'
	/** The kiosk pauses logins for a moment (too many attempts in the last minute): try again in a minute, or go to the desk. */
	| 'too-many-attempts';

export type LoginResponse =
	| { ok: true; member: MemberSummary }
	| {
			ok: false;
			reason: LoginRefusal;
			/** With `pin-wrong`, when the kiosk limits wrong PINs: the tries left before the card is locked here. */
			attemptsLeft?: number;
	  };

/** Why a member may not borrow right now (they may still return and look at their account). */
export type BorrowBlock =
	/** Fees over the library's limit. */
	| 'fees'
	/** Any other block the library system reports (too many items, overdue items...). */
	| 'other';

export interface Money {
	/** Decimal string as the library system sent it, e.g. "12.50". */
	amount: string;
	/** ISO 4217 code, e.g. "EUR". */
	currency: string;
}

/** What the screens may show about the member who is logged in: the minimum. */
export interface MemberSummary {
	/** First name only, for the greeting. */
	firstName: string;
	/** Set when the member may not borrow; returns and the account still work. */
	borrowBlock: BorrowBlock | null;
	/** Fees owed, when there are any. */
	feesOwed: Money | null;
	/**
	 * Logged in while the library system was unreachable: only the card's form was checked (no
	 * PIN, no name, no account). Loans and returns are queued and passed on later.
	 */
	offline: boolean;
}

/** POST /api/borrow  body: { itemId } */
export interface ItemRequest {
	itemId: string;
}

export type BorrowRefusal =
	/** Reserved for another member. */
	| 'hold-for-other'
	/** Still on loan to someone else. */
	| 'on-loan-to-other'
	/** The library system does not know this barcode. */
	| 'unknown-item'
	/** The member is blocked from borrowing (see MemberSummary.borrowBlock). */
	| 'member-blocked'
	/** Refused for another reason; `message` has the library system's own words if it sent any. */
	| 'refused'
	/** Part of a multi-part set is not on the RFID pad; see `parts`. Nothing was lent. */
	| 'parts-missing'
	/** Offline, the library lends at most `LibraryStatus.offlineMaxItems` items per member. */
	| 'offline-limit'
	/** Offline, this library does not lend (returns still work). */
	| 'offline-not-lending';

/**
 * What happened to the item's RFID security (AFI/EAS) after the library system confirmed:
 * `done` = written and read back; `failed` = the write did not take (leave the item, staff are
 * alerted); `unchanged` = offline: the library system has not confirmed, so the tag was left as
 * it was (a borrowed item stays secured); null = no tag of this item was on the pad.
 */
export type SecurityOutcome = 'done' | 'failed' | 'unchanged' | null;

/** For a multi-part set on the pad: which parts (1-based) are missing, out of how many. */
export interface MissingParts {
	missing: number[];
	of: number;
}

export type BorrowOutcome =
	| {
			itemId: string;
			ok: true;
			title: string;
			dueDate: string | null;
			dueDateText: string;
			/** The member already had it: this was a renewal. */
			renewed: boolean;
			security: SecurityOutcome;
			/** Queued while the library system was unreachable; the due date is the offline one. */
			offline: boolean;
	  }
	| {
			itemId: string;
			ok: false;
			reason: BorrowRefusal;
			title: string | null;
			/** The library system's screen message, shown below our own words. */
			message: string | null;
			/** Set with reason 'parts-missing'. */
			parts?: MissingParts;
	  };

/** POST /api/return  body: { itemId }. No login needed. */
export type ReturnAction =
	/** Nothing special: put it in the returns trolley. */
	| 'shelve'
	/** Someone is waiting for it here: put it on the hold shelf. */
	| 'hold-shelf'
	/** It goes to another branch: put it in the transit box. */
	| 'transit'
	/** The library system raised an alert without saying why: give it to staff. */
	| 'staff'
	/** Taken while the library system was unreachable: queued, put it in the returns trolley. */
	| 'queued';

export type ReturnRefusal = 'unknown-item' | 'refused' | 'parts-missing';

export type ReturnOutcome =
	| {
			itemId: string;
			ok: true;
			title: string | null;
			action: ReturnAction;
			/** Branch name for 'transit', when the library system says it. Never a person's name. */
			destination: string | null;
			security: SecurityOutcome;
	  }
	| {
			itemId: string;
			ok: false;
			reason: ReturnRefusal;
			title: string | null;
			message: string | null;
			/** Set with reason 'parts-missing'. */
			parts?: MissingParts;
	  };

export interface Loan {
	itemId: string;
	title: string;
	dueDate: string | null;
	dueDateText: string;
	overdue: boolean;
}

export interface Hold {
	itemId: string;
	title: string;
	/** Where to pick it up, when known. */
	pickupLocation: string | null;
}

export interface Fee {
	/** The library system's fee id; null when it names none (then only "pay everything" is possible). */
	id: string | null;
	/** Null when the library system's line carries no readable amount. */
	amount: Money | null;
	/** The library system's description, e.g. "Te laat: De avonden". */
	description: string;
}

/** GET /api/payment: the member's open fees, and whether this kiosk has a payment terminal. */
export interface PayableFees {
	fees: Fee[];
	/** False: no terminal here, the member pays at the desk. */
	terminal: boolean;
	/** Fees without an id can only be paid all together. */
	pickable: boolean;
}

/** POST /api/payment: which fees to pay; null for all of them. */
export interface PaymentRequest {
	feeIds: string[] | null;
}

export type PaymentRefusal =
	/** Nothing (left) to pay, or a fee that is not (or no longer) open. */
	| 'no-fees'
	| 'fee-unknown'
	/** The terminal is busy with another payment, or there is none. */
	| 'terminal-busy'
	| 'no-terminal'
	| 'library-unavailable';

export type PaymentStart = { ok: true; id: string; amount: Money } | { ok: false; reason: PaymentRefusal };

/**
 * How a payment ended, for the member:
 * - `paid`: approved and the library system recorded it: the fees are gone.
 * - `paid-pending`: approved, but the library system could not be told yet: it will be, automatically.
 * - `paid-refused`: approved, but the library system refused to record it: staff put it right.
 * - `declined`, `aborted`: nothing was charged.
 * - `timeout`, `disconnected`: the terminal stopped answering: the fee is not recorded as paid.
 * - `unavailable`: the terminal could not start a payment: nothing was charged.
 */
export type PaymentOutcome = 'paid' | 'paid-pending' | 'paid-refused' | 'declined' | 'aborted' | 'timeout' | 'disconnected' | 'unavailable';

/**
 * A payment as it goes (SSE event `payment` and GET /api/payment/[id]). No personal data: the
 * terminal's status id (`insert-card`, `watch-pin-pad`...), whether the member may still cancel.
 */
export interface PaymentProgress {
	id: string;
	phase: 'authorising' | 'recording' | 'done';
	/** The terminal's latest status id, for the kiosk's own words; null before the first. */
	status: string | null;
	/** Until the terminal has the card. */
	canCancel: boolean;
	outcome: PaymentOutcome | null;
}

/** GET /api/desk/payments: a payment that needs staff (see the payment journal's states). */
export interface PaymentAttention {
	id: string;
	/** ISO date-time it was started. */
	at: string;
	/** `refused`: taken, the library system refused it; `approved`: taken, not yet passed on; `unknown`: the terminal never said. */
	state: 'refused' | 'approved' | 'unknown';
	/** Masked. */
	card: string;
	amount: Money;
	reference: string | null;
	problem: string | null;
}

/** GET /api/payment/[id]: the progress and, once done, the member as the library system now sees them. */
export interface PaymentView {
	progress: PaymentProgress;
	amount: Money;
	/** The terminal's transaction reference, once approved. */
	reference: string | null;
	member: MemberSummary | null;
}

/** GET /api/account */
export interface Account {
	member: MemberSummary;
	loans: Loan[];
	/** On the hold shelf, ready to pick up. */
	holdsWaiting: Hold[];
	/** Not yet available. */
	holdsPending: Hold[];
	fees: Fee[];
	/** "My details", masked (`s***@example.nl`, `06 *** **87`); null where the library system has none. */
	details: MemberDetails;
	/** Family members who accepted that this member sees their loans (empty when the library system does not say). */
	family: FamilyMember[];
}

export interface MemberDetails {
	email: string | null;
	phone: string | null;
	address: string | null;
}

export type DetailField = keyof MemberDetails;

/**
 * POST /api/account/reveal  body: { field }. One contact field unmasked, for the member who taps
 * "show"; the screen hides it again by itself. `value` null when the library system has none.
 */
export interface RevealResponse {
	value: string | null;
}

/** A linked family member: first name only, and their loans. Never their card number. */
export interface FamilyMember {
	firstName: string;
	loans: Loan[];
}

/** POST /api/renew  body: { itemId } for one loan, or { all: true } for every loan. */
export type RenewRequest = { itemId: string } | { all: true };

export type RenewRefusal =
	| 'hold-for-other'
	/** Renewed as often as the library allows. */
	| 'renewal-limit'
	| 'member-blocked'
	| 'refused';

export type RenewOutcome =
	| { itemId: string; ok: true; title: string; dueDate: string | null; dueDateText: string }
	| { itemId: string; ok: false; reason: RenewRefusal; title: string | null; message: string | null };

export interface RenewResponse {
	outcomes: RenewOutcome[];
}

/**
 * GET /api/receipt: what the member may choose for a receipt of their session so far (loans,
 * renewals, payments). Offered at "Klaar" and after a payment.
 */
export interface ReceiptOptions {
	/** The session lent, renewed or took a payment: there is something to put on a receipt. */
	hasContent: boolean;
	/** The kiosk has a receipt printer. */
	print: boolean;
	/**
	 * The library system's e-mail address for the member, masked (`s***@example.nl`), when the kiosk
	 * sends e-mail and the library system has one; otherwise null (no e-mail option). The receipt
	 * only ever goes to that address: the browser never sends one.
	 */
	email: string | null;
}

export type ReceiptChannel = 'print' | 'email';

/** POST /api/receipt  body: { channel, language }: the whole session so far, in the member's language. */
export interface ReceiptRequest {
	channel: ReceiptChannel;
	language: 'nl' | 'en';
}

/** Nothing was printed or sent; the member may choose another way. */
export type ReceiptFailure =
	/** The printer is out of paper. */
	| 'paper-out'
	/** No printer, or it is offline, unplugged or its cover is open. */
	| 'printer-unavailable'
	/** The mail server refused or could not be reached. */
	| 'email-failed'
	/** No mail server configured, no address at the library system, or the library system unreachable. */
	| 'email-unavailable'
	/** The session has nothing to put on a receipt. */
	| 'nothing-to-send';

export type ReceiptResult = { ok: true; channel: ReceiptChannel } | { ok: false; reason: ReceiptFailure };

/**
 * Every non-2xx answer from /api has this body. The screens show words for `error`, never the raw
 * body, a status code or a stack trace.
 */
export interface ApiError {
	error:
		/** The library system cannot be reached or did not answer in time. */
		| 'library-unavailable'
		/** No member session (it ended, timed out, or never began). */
		| 'no-session'
		/** The request was malformed. */
		| 'bad-request'
		/** Anything else went wrong on the server. */
		| 'internal';
}

/** DELETE /api/session ends the member's session everywhere. Idempotent; answers 204. */

/**
 * GET /api/devices/events: Server-Sent Events. Event `pad` carries a PadSnapshot whenever the
 * RFID pad's contents or state change (and once on connect). The screens borrow or return each
 * item tag that appears, and log in with a member card laid on the pad on the welcome screen.
 */
export interface PadSnapshot {
	/** `none`: this kiosk has no RFID reader configured; scanning barcodes is the way. */
	status: 'none' | 'disconnected' | 'connecting' | 'ready';
	tags: PadTag[];
}

export interface PadTag {
	uid: string;
	/** `unreadable`: a tag whose data could not be read or decoded (show "ask staff"). */
	kind: 'item' | 'member-card' | 'unreadable';
	/** The item barcode, or the card number for a member card; null when unreadable. */
	id: string | null;
	/** Part n of m for multi-part sets; 1 of 1 otherwise. */
	part: number;
	of: number;
}

/**
 * GET /api/devices/events also carries event `scan` when a barcode scanner the server reads
 * (serial or USB HID, not the keyboard wedge) reads a code. The browser hands it to the same
 * path as a code typed by a keyboard-wedge scanner.
 */
export interface ScanEvent {
	code: string;
}

/** The technician page (GET /api/technician/devices): every device the kiosk has, live. */
export type DeviceKind = 'rfid-pad' | 'scanner' | 'printer' | 'payment';

/**
 * `not-configured`: the kiosk has none. `keyboard`: a keyboard-wedge scanner, which only the
 * browser sees (scan something into the test field to check it). `busy`: a payment runs.
 */
export type DeviceState = 'ready' | 'connecting' | 'disconnected' | 'busy' | 'not-configured' | 'keyboard';

export interface DeviceInfo {
	kind: DeviceKind;
	/** Technical name, e.g. `ZVT payment terminal`; the page shows its own words for the kind. */
	name: string;
	/** Where it is: `serial:/dev/ttyUSB0@38400`, `tcp:10.0.0.5:20007`, `simulated printer`. */
	port: string;
	protocol: string;
	state: DeviceState;
	/** The device's own words for its state (why it is disconnected), technical English. */
	reason: string | null;
	simulated: boolean;
}

export interface TechnicianDevices {
	devices: DeviceInfo[];
	/** What is on the RFID pad now, decoded; a member card's number masked (maskCardNumber). */
	padTags: TechnicianTag[];
	offline: OfflineOverview;
}

/** Store and forward, for the technician (and later the desk): the state, the queue, the refusals. */
export interface OfflineOverview {
	/** False: loans and returns are being queued. */
	online: boolean;
	/** Transactions waiting to be replayed. */
	waiting: number;
	/** Replays the library system refused, oldest first; purged after OFFLINE_EXCEPTION_DAYS. */
	exceptions: OfflineExceptionView[];
}

export interface OfflineExceptionView {
	id: number;
	kind: 'checkout' | 'checkin';
	itemId: string;
	/** ISO date-time of the loan or return at the kiosk. */
	transactedAt: string;
	/** unknown-item, unknown-card, unreadable-card, on-loan-to-other or refused. */
	reason: string;
	/** The library system's own words. */
	message: string | null;
	/** The member's card number masked; null for a return; `?` when it could not be opened. */
	card: string | null;
}

/** A tag as the technician page shows it: the decoded fields and the security value. */
export interface TechnicianTag {
	uid: string;
	kind: string;
	id: string | null;
	part: number;
	of: number;
	afi: number;
}

/** POST /api/technician/test {test: 'print'}. */
export interface PrintTestResult {
	ok: boolean;
	/** What the printer said when asked afterwards (ok, paper-out, no-answer...); null when it could not be asked. */
	condition: string | null;
	/** The receipt as the simulated printer printed it; null with a real printer. */
	receipt: string | null;
	/** Why printing failed, in the driver's words. */
	problem: string | null;
}

/** POST /api/technician/test {test: 'payment'}: EUR 0.01. */
export interface PaymentTestResult {
	/** Each status text the terminal sent, in order. */
	statuses: string[];
	/** approved, declined, aborted, timeout, disconnected, unavailable, or error (outcome unknown). */
	outcome: string;
	detail: string;
}

/**
 * POST /api/technician/test {test: 'library'}: one SIP2 status request (99) to the library system
 * over the kiosk's own connection, and what its answer (98) says.
 */
export type LibraryTestResult =
	| {
			ok: true;
			/** Round trip of the 99/98 exchange. */
			ms: number;
			online: boolean;
			checkoutOk: boolean;
			checkinOk: boolean;
			offlineOk: boolean;
			institutionId: string;
			libraryName: string | null;
			protocolVersion: string;
	  }
	/** `problem`: the SIP2 layer's words (unavailable, timeout...), for the technician. */
	| { ok: false; state: string; problem: string };

/** POST /api/technician/test {test: 'pad'}: a demo item laid on the simulated pad, as the pad decoded it. */
export interface PadTestResult {
	tags: TechnicianTag[];
}

/**
 * The devices section of the kiosk settings (`settings-contract.ts`, /api/technician/config), as
 * text in the same syntax as the environment variables (README).
 */
export interface DeviceSettings {
	/** none, simulator, simulator:3m, feig or 3m. */
	rfidReader: string;
	/** For feig and 3m: a serial port (/dev/ttyUSB0) or tcp:HOST:PORT; empty otherwise. */
	rfidPort: string;
	/** Empty: the protocol's usual baud rate. */
	rfidBaudRate: string;
	rfidDataModel: string;
	/** Hex byte, e.g. 07. */
	rfidAfiInLibrary: string;
	/** Hex byte, e.g. C2. */
	rfidAfiOnLoan: string;
	rfidSecurity: string;
	scanner: string;
	printer: string;
	payment: string;
}

/**
 * The staff desk (POST /api/desk/member {card}): a member as staff see them. More than the
 * member's own screen (the full name, every block the library system reports) and less than
 * everything: the card number masked, contact data masked as on "my details". Every lookup is
 * written to the audit log.
 */
export interface DeskMemberView {
	/** Masked, e.g. `**********0012`. */
	card: string;
	/** As the library system has it, for staff to greet and check the member. */
	name: string;
	/** Each block in SIP2's terms (e.g. `cardReportedLost`, `excessiveOutstandingFees`); empty when none. */
	blocks: string[];
	account: Account;
}

/** POST /api/desk/checkin {itemId}: the return, and the slip printed for the hold shelf or transit box. */
export interface DeskCheckinResult {
	outcome: ReturnOutcome;
	/** The slip's lines (also printed when a printer is there); null when the item needs none. */
	slip: string[] | null;
}
