/**
 * Turns the contract's outcomes into words from the catalog. Every refusal reason and error code
 * has its own sentence (the Records below make the compiler check that none is missing).
 */
import type {
	BorrowOutcome,
	BorrowRefusal,
	LoginRefusal,
	MissingParts,
	RenewOutcome,
	RenewRefusal,
	ReturnAction,
	ReturnOutcome,
	ReturnRefusal,
	SecurityOutcome
} from '$lib/api/contract';
import type { ApiErrorCode } from '$lib/services/kiosk-api';
import type { ItemOutcome, ScanLine } from '$lib/state/scan-queue.svelte';
import type { I18n, MessageKey } from './i18n.svelte';

export const LOGIN_REFUSAL_KEYS = {
	'card-unknown': 'login.refusal.card-unknown',
	'pin-wrong': 'login.refusal.pin-wrong',
	'card-blocked': 'login.refusal.card-blocked',
	'card-invalid': 'login.refusal.card-invalid',
	'pin-needed': 'login.refusal.pin-needed',
	'card-locked': 'login.refusal.card-locked',
	'too-many-attempts': 'login.refusal.too-many-attempts'
} as const satisfies Record<LoginRefusal, MessageKey>;

export const ERROR_KEYS = {
	'library-unavailable': 'error.library-unavailable',
	'no-session': 'error.no-session',
	'bad-request': 'error.bad-request',
	internal: 'error.internal'
} as const satisfies Record<ApiErrorCode, MessageKey>;

export const BORROW_REFUSAL_KEYS = {
	'hold-for-other': 'borrow.refusal.hold-for-other',
	'on-loan-to-other': 'borrow.refusal.on-loan-to-other',
	'unknown-item': 'borrow.refusal.unknown-item',
	'member-blocked': 'borrow.refusal.member-blocked',
	refused: 'borrow.refusal.refused',
	'parts-missing': 'borrow.refusal.parts-missing',
	'offline-limit': 'borrow.refusal.offline-limit',
	'offline-not-lending': 'borrow.refusal.offline-not-lending'
} as const satisfies Record<BorrowRefusal, MessageKey>;

export const RETURN_REFUSAL_KEYS = {
	'unknown-item': 'return.refusal.unknown-item',
	refused: 'return.refusal.refused',
	'parts-missing': 'return.refusal.parts-missing'
} as const satisfies Record<ReturnRefusal, MessageKey>;

export const RETURN_ACTION_KEYS = {
	shelve: 'return.action.shelve',
	'hold-shelf': 'return.action.hold-shelf',
	transit: 'return.action.transit',
	staff: 'return.action.staff',
	queued: 'return.action.queued'
} as const satisfies Record<ReturnAction, MessageKey>;

export const RENEW_REFUSAL_KEYS = {
	'hold-for-other': 'account.renewal.hold-for-other',
	'renewal-limit': 'account.renewal.renewal-limit',
	'member-blocked': 'account.renewal.member-blocked',
	refused: 'account.renewal.refused'
} as const satisfies Record<RenewRefusal, MessageKey>;

/** Words for an api error code. */
export function errorText(i18n: I18n, code: ApiErrorCode): string {
	return i18n.t(ERROR_KEYS[code]);
}

/** What a result line shows, already in words. */
export interface LineView {
	seq: number;
	/** Tells the lines apart: the item id, or the tag's uid for a tag that could not be read. */
	key: string;
	/** null for a pad tag that could not be read. */
	itemId: string | null;
	outcome: 'ok' | 'refused';
	/** The refusal reason or error code (`unreadable` for an unreadable tag), for tests and styling; never shown. */
	reason: string | null;
	/** What became of the item's RFID security after it went through; null without a tag. For tests and styling. */
	security: SecurityOutcome;
	title: string;
	/** "Geleend", "Niet geleend", "Ingeleverd"... */
	status: string;
	/** The due date or instruction (ok), or why not (refused). */
	detail: string | null;
	/** What the member must do although the item went through (its security could not be switched). */
	warning: string | null;
	/** The library system's own words, shown smaller below ours. */
	systemMessage: string | null;
	/** One sentence for the live region. */
	announcement: string;
}

function itemTitle(i18n: I18n, title: string | null | undefined, itemId: string): string {
	return title?.trim() || i18n.t('scan.itemFallback', { item: itemId });
}

function systemMessage(i18n: I18n, message: string | null | undefined): string | null {
	const text = message?.trim();
	return text ? i18n.t('scan.systemMessage', { message: text }) : null;
}

/** "Terug op 14 december 2026", or null when the library sent no date at all. */
export function dueText(i18n: I18n, key: 'borrow.due' | 'account.due', dueDate: string | null, dueDateText: string): string | null {
	const date = i18n.date(dueDate, dueDateText.trim());
	return date ? i18n.t(key, { date }) : null;
}

type StatusKeys = {
	status: 'borrow.notBorrowed' | 'return.notReturned';
	announce: 'borrow.announce.refused' | 'return.announce.refused';
};

const BORROW_REFUSED: StatusKeys = { status: 'borrow.notBorrowed', announce: 'borrow.announce.refused' };
const RETURN_REFUSED: StatusKeys = { status: 'return.notReturned', announce: 'return.announce.refused' };

/** A scan whose request failed (library system unreachable...): nothing happened to the item. */
function failedRequestView(i18n: I18n, line: Extract<ScanLine<ItemOutcome>, { status: 'error' }>, keys: StatusKeys): LineView {
	const title = itemTitle(i18n, null, line.itemId);
	const detail = errorText(i18n, line.code);
	return {
		seq: line.seq,
		key: line.itemId,
		itemId: line.itemId,
		outcome: 'refused',
		reason: line.code,
		security: null,
		title,
		status: i18n.t(keys.status),
		detail,
		warning: null,
		systemMessage: null,
		announcement: i18n.t(keys.announce, { title, reason: detail })
	};
}

/** A tag on the RFID pad that could not be read: the member hands the item to staff. */
function unreadableView(i18n: I18n, line: Extract<ScanLine<ItemOutcome>, { status: 'unreadable' }>, keys: StatusKeys): LineView {
	const title = i18n.t('scan.unreadable.title');
	const detail = i18n.t('scan.unreadable');
	return {
		seq: line.seq,
		key: `tag:${line.uid}`,
		itemId: null,
		outcome: 'refused',
		reason: 'unreadable',
		security: null,
		title,
		status: i18n.t(keys.status),
		detail,
		warning: null,
		systemMessage: null,
		announcement: i18n.t(keys.announce, { title, reason: detail })
	};
}

/**
 * "Deel 2 van 3 ontbreekt. …", "Deel 2 en 3 van 3 ontbreken. …"; null when the server did not
 * say which parts (the refusal's general sentence applies then).
 */
export function partsMissingText(i18n: I18n, parts: MissingParts | undefined): string | null {
	if (!parts) return null;
	const missing = [...new Set(parts.missing)].filter((part) => Number.isInteger(part) && part >= 1).sort((a, b) => a - b);
	const [first] = missing;
	if (first === undefined || !Number.isInteger(parts.of) || parts.of < 1) return null;
	if (missing.length === 1) return i18n.t('scan.partsMissing.one', { part: first, of: parts.of });
	return i18n.t('scan.partsMissing.other', { parts: i18n.list(missing.map(String)), of: parts.of });
}

/** A sentence of the live announcement, and the next one. */
function thenSay(announcement: string, warning: string | null): string {
	if (!warning) return announcement;
	return /[.!?]$/.test(announcement) ? `${announcement} ${warning}` : `${announcement}. ${warning}`;
}

export function borrowLineView(i18n: I18n, line: ScanLine<BorrowOutcome>): LineView {
	if (line.status === 'error') return failedRequestView(i18n, line, BORROW_REFUSED);
	if (line.status === 'unreadable') return unreadableView(i18n, line, BORROW_REFUSED);
	const outcome = line.outcome;
	const title = itemTitle(i18n, outcome.title, outcome.itemId);
	if (outcome.ok) {
		const due = dueText(i18n, 'borrow.due', outcome.dueDate, outcome.dueDateText);
		const date = i18n.date(outcome.dueDate, outcome.dueDateText.trim());
		// Lent all the same (the library system says so), but the gate would alarm: staff come.
		// Offline the tag stays secured until the library system confirms: the member shows it at the exit.
		const warning = outcome.security === 'failed' ? i18n.t('borrow.securityFailed') : outcome.security === 'unchanged' ? i18n.t('borrow.securityUnchanged') : null;
		const announcement = date ? i18n.t('borrow.announce.ok', { title, date }) : i18n.t('borrow.announce.okNoDate', { title });
		return {
			seq: line.seq,
			key: outcome.itemId,
			itemId: outcome.itemId,
			outcome: 'ok',
			reason: null,
			security: outcome.security ?? null,
			title,
			status: i18n.t(outcome.offline ? 'borrow.okOffline' : outcome.renewed ? 'borrow.renewed' : 'borrow.ok'),
			detail: due,
			warning,
			systemMessage: null,
			announcement: thenSay(announcement, warning)
		};
	}
	return refusedView(i18n, line.seq, outcome, title, i18n.t(BORROW_REFUSAL_KEYS[outcome.reason]), 'borrow.notBorrowed', 'borrow.announce.refused');
}

/** A borrow or return the library system (or the pad) refused: our words, then the library's. */
function refusedView(
	i18n: I18n,
	seq: number,
	outcome: Extract<BorrowOutcome | ReturnOutcome, { ok: false }>,
	title: string,
	refusalText: string,
	statusKey: 'borrow.notBorrowed' | 'return.notReturned',
	announceKey: 'borrow.announce.refused' | 'return.announce.refused'
): LineView {
	const detail = (outcome.reason === 'parts-missing' ? partsMissingText(i18n, outcome.parts) : null) ?? refusalText;
	return {
		seq,
		key: outcome.itemId,
		itemId: outcome.itemId,
		outcome: 'refused',
		reason: outcome.reason,
		security: null,
		title,
		status: i18n.t(statusKey),
		detail,
		warning: null,
		systemMessage: systemMessage(i18n, outcome.message),
		announcement: i18n.t(announceKey, { title, reason: detail })
	};
}

/** The instruction for a returned item. */
export function returnActionText(i18n: I18n, action: ReturnAction, destination: string | null): string {
	const place = destination?.trim();
	if (action === 'transit' && place) return i18n.t('return.action.transitTo', { destination: place });
	return i18n.t(RETURN_ACTION_KEYS[action]);
}

export function returnLineView(i18n: I18n, line: ScanLine<ReturnOutcome>): LineView {
	if (line.status === 'error') return failedRequestView(i18n, line, RETURN_REFUSED);
	if (line.status === 'unreadable') return unreadableView(i18n, line, RETURN_REFUSED);
	const outcome = line.outcome;
	const title = itemTitle(i18n, outcome.title, outcome.itemId);
	if (outcome.ok) {
		// Returned all the same, but it must stay here for staff: "put it in the trolley" would
		// contradict "leave it here", so the warning takes the instruction's place.
		const warning = outcome.security === 'failed' ? i18n.t('return.securityFailed') : null;
		const action = warning ?? returnActionText(i18n, outcome.action, outcome.destination);
		return {
			seq: line.seq,
			key: outcome.itemId,
			itemId: outcome.itemId,
			outcome: 'ok',
			reason: null,
			security: outcome.security ?? null,
			title,
			status: i18n.t('return.ok'),
			detail: warning ? null : action,
			warning,
			systemMessage: null,
			announcement: i18n.t('return.announce.ok', { title, action })
		};
	}
	return refusedView(i18n, line.seq, outcome, title, i18n.t(RETURN_REFUSAL_KEYS[outcome.reason]), 'return.notReturned', 'return.announce.refused');
}

/** What a loan line shows after a renewal attempt. */
export interface RenewView {
	outcome: 'ok' | 'refused';
	reason: string | null;
	text: string;
	systemMessage: string | null;
}

export function renewView(i18n: I18n, outcome: RenewOutcome): RenewView {
	if (outcome.ok) {
		const date = i18n.date(outcome.dueDate, outcome.dueDateText.trim());
		return {
			outcome: 'ok',
			reason: null,
			text: date ? i18n.t('account.renewed', { date }) : i18n.t('account.renewedNoDate'),
			systemMessage: null
		};
	}
	return {
		outcome: 'refused',
		reason: outcome.reason,
		text: `${i18n.t('account.notRenewed')}. ${i18n.t(RENEW_REFUSAL_KEYS[outcome.reason])}`,
		systemMessage: systemMessage(i18n, outcome.message)
	};
}

/** The payment terminal's statuses the kiosk has its own words for; any other says "follow the terminal". */
const PAYMENT_STATUSES = ['insert-card', 'confirm-amount', 'watch-pin-pad', 'please-wait', 'waiting-for-host', 'remove-card'] as const;
type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What to tell the member (or staff) the terminal is doing; null: it has not said yet. */
export function paymentStatusText(i18n: I18n, status: string | null): string {
	if (status === null) return i18n.t('pay.starting');
	return (PAYMENT_STATUSES as readonly string[]).includes(status) ? i18n.t(`pay.status.${status as PaymentStatus}`) : i18n.t('pay.status.other');
}
