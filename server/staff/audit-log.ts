/**
 * The desk's audit log: who looked at which member's account and when, who changed what. Admins
 * read it on the desk page; entries older than AUDIT_DAYS are purged (at start and hourly).
 *
 * A member appears only as a masked card number (last four characters, kiosk/lib/privacy/mask.ts):
 * enough to match an entry with a card in hand, useless to anyone reading the log. As a second line
 * of defence any run of 8 or more digits in the subject or detail is masked the same way, so a card
 * number passed by mistake is never stored whole. Staff account names are kept as they are: they
 * are the staff's own actions, and accountability is what the log is for.
 */
import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import { silentLogger, type Logger } from '../logging/logger';
import type { AuditEntry, StaffStore } from './staff-store';

/** The actor for what the admin command (`npm run admin`) does. */
export const COMMAND_LINE_ACTOR = 'command line';
/** The actor for a request that carried a member's session and no desk session. */
export const MEMBER_SESSION_ACTOR = 'member session';

export type AuditAction =
	| 'login'
	| 'login-refused'
	| 'unlock'
	| 'logout'
	| 'access-refused'
	| 'account-created'
	| 'password-reset'
	| 'account-disabled'
	| 'account-enabled'
	/** One per changed field of the kiosk settings, the detail `field: old → new` (a secret only `field: changed`). */
	| 'settings-changed'
	| 'settings-exported'
	| 'settings-imported'
	| 'offline-exported'
	| 'member-viewed'
	| 'resolved'
	| 'demo-library-switched'
	| 'payment-taken'
	| 'payment-settled';

/** A member by card (stored masked), anything else by a non-personal reference (an account name, a route), or nothing. */
export type AuditSubject = { card: string } | { ref: string } | null;

const LONG_DIGIT_RUN = /\d{8,}/g;

export class AuditLog {
	readonly #store: StaffStore;
	readonly #keepMs: number;
	readonly #now: () => number;
	readonly #log: Logger;

	constructor(store: StaffStore, options: { keepDays: number; now?: () => number; logger?: Logger }) {
		this.#store = store;
		this.#keepMs = options.keepDays * 86_400_000;
		this.#now = options.now ?? Date.now;
		this.#log = options.logger ?? silentLogger;
	}

	record(actor: string, action: AuditAction, subject: AuditSubject, detail = ''): void {
		const subjectText = subject === null ? '' : 'card' in subject ? maskCardNumber(subject.card) : maskDigitRuns(subject.ref);
		this.#store.appendAudit({ at: new Date(this.#now()), actor, action, subject: subjectText, detail: maskDigitRuns(detail) });
	}

	/** Newest first. */
	entries(limit: number): AuditEntry[] {
		return this.#store.auditEntries(limit);
	}

	/** Deletes entries older than AUDIT_DAYS; answers how many. */
	purge(): number {
		const purged = this.#store.purgeAudit(new Date(this.#now() - this.#keepMs));
		if (purged > 0) this.#log.info('old audit entries purged', { purged });
		return purged;
	}
}

function maskDigitRuns(text: string): string {
	return text.replace(LONG_DIGIT_RUN, maskCardNumber);
}
