/**
 * Turns the contract's outcomes into words from the catalog. Every refusal reason and error code
 * has its own sentence (the Records below make the compiler check that none is missing).
 */
import type {
	BorrowOutcome,
	BorrowRefusal,
	LoginRefusal,
	RenewOutcome,
	RenewRefusal,
	ReturnAction,
	ReturnOutcome,
	ReturnRefusal
} from '$lib/api/contract';
import type { ApiErrorCode } from '$lib/services/kiosk-api';
import type { ItemOutcome, ScanLine } from '$lib/state/scan-queue.svelte';
import type { I18n, MessageKey } from './i18n.svelte';

export const LOGIN_REFUSAL_KEYS = {
	'card-unknown': 'login.refusal.card-unknown',
	'pin-wrong': 'login.refusal.pin-wrong',
	'card-blocked': 'login.refusal.card-blocked',
	'card-invalid': 'login.refusal.card-invalid'
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
	refused: 'borrow.refusal.refused'
} as const satisfies Record<BorrowRefusal, MessageKey>;

export const RETURN_REFUSAL_KEYS = {
	'unknown-item': 'return.refusal.unknown-item',
	refused: 'return.refusal.refused'
} as const satisfies Record<ReturnRefusal, MessageKey>;

export const RETURN_ACTION_KEYS = {
	shelve: 'return.action.shelve',
	'hold-shelf': 'return.action.hold-shelf',
	transit: 'return.action.transit',
	staff: 'return.action.staff'
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
	itemId: string;
	outcome: 'ok' | 'refused';
	/** The refusal reason or error code, for tests and styling; never shown. */
	reason: string | null;
	title: string;
	/** "Geleend", "Niet geleend", "Ingeleverd"... */
	status: string;
	/** The due date or instruction (ok), or why not (refused). */
	detail: string | null;
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

/** A scan whose request failed (library system unreachable...): nothing happened to the item. */
function failedRequestView(
	i18n: I18n,
	line: Extract<ScanLine<ItemOutcome>, { status: 'error' }>,
	statusKey: 'borrow.notBorrowed' | 'return.notReturned',
	announceKey: 'borrow.announce.refused' | 'return.announce.refused'
): LineView {
	const title = itemTitle(i18n, null, line.itemId);
	const detail = errorText(i18n, line.code);
	return {
		seq: line.seq,
		itemId: line.itemId,
		outcome: 'refused',
		reason: line.code,
		title,
		status: i18n.t(statusKey),
		detail,
		systemMessage: null,
		announcement: i18n.t(announceKey, { title, reason: detail })
	};
}

export function borrowLineView(i18n: I18n, line: ScanLine<BorrowOutcome>): LineView {
	if (line.status === 'error') return failedRequestView(i18n, line, 'borrow.notBorrowed', 'borrow.announce.refused');
	const outcome = line.outcome;
	const title = itemTitle(i18n, outcome.title, outcome.itemId);
	if (outcome.ok) {
		const due = dueText(i18n, 'borrow.due', outcome.dueDate, outcome.dueDateText);
		const date = i18n.date(outcome.dueDate, outcome.dueDateText.trim());
		return {
			seq: line.seq,
			itemId: outcome.itemId,
			outcome: 'ok',
			reason: null,
			title,
			status: i18n.t(outcome.renewed ? 'borrow.renewed' : 'borrow.ok'),
			detail: due,
			systemMessage: null,
			announcement: date ? i18n.t('borrow.announce.ok', { title, date }) : i18n.t('borrow.announce.okNoDate', { title })
		};
	}
	const detail = i18n.t(BORROW_REFUSAL_KEYS[outcome.reason]);
	return {
		seq: line.seq,
		itemId: outcome.itemId,
		outcome: 'refused',
		reason: outcome.reason,
		title,
		status: i18n.t('borrow.notBorrowed'),
		detail,
		systemMessage: systemMessage(i18n, outcome.message),
		announcement: i18n.t('borrow.announce.refused', { title, reason: detail })
	};
}

/** The instruction for a returned item. */
export function returnActionText(i18n: I18n, action: ReturnAction, destination: string | null): string {
	const place = destination?.trim();
	if (action === 'transit' && place) return i18n.t('return.action.transitTo', { destination: place });
	return i18n.t(RETURN_ACTION_KEYS[action]);
}

export function returnLineView(i18n: I18n, line: ScanLine<ReturnOutcome>): LineView {
	if (line.status === 'error') return failedRequestView(i18n, line, 'return.notReturned', 'return.announce.refused');
	const outcome = line.outcome;
	const title = itemTitle(i18n, outcome.title, outcome.itemId);
	if (outcome.ok) {
		const action = returnActionText(i18n, outcome.action, outcome.destination);
		return {
			seq: line.seq,
			itemId: outcome.itemId,
			outcome: 'ok',
			reason: null,
			title,
			status: i18n.t('return.ok'),
			detail: action,
			systemMessage: null,
			announcement: i18n.t('return.announce.ok', { title, action })
		};
	}
	const detail = i18n.t(RETURN_REFUSAL_KEYS[outcome.reason]);
	return {
		seq: line.seq,
		itemId: outcome.itemId,
		outcome: 'refused',
		reason: outcome.reason,
		title,
		status: i18n.t('return.notReturned'),
		detail,
		systemMessage: systemMessage(i18n, outcome.message),
		announcement: i18n.t('return.announce.refused', { title, reason: detail })
	};
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
