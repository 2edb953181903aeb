import type {
	Account,
	BorrowOutcome,
	BorrowRefusal,
	DetailField,
	FamilyMember,
	Hold,
	Loan,
	LoginResponse,
	MemberSummary,
	RenewOutcome,
	ReturnAction,
	ReturnOutcome
} from '../../kiosk/lib/api/contract';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import {
	formatSipDate,
	NO_SIP_DATE,
	parseSipDate,
	toIsoCalendarDate,
	type ResponseTo,
	type SipMessageByCommand,
	type SipRequest,
	type SummaryItems
} from '../sip2';
import type { ItemSecurity } from '../devices/library-pad';
import { maskAddress, maskEmail, maskPhone } from '../../kiosk/lib/privacy/mask';
import type { OfflineLedger } from '../../offline/offline-ledger';
import { Sip2UnavailableError } from '../sip2/errors';
import { feeOfFineItem, parseFineItem, type FineItem } from '../payments/fine-item';
import type { LoginGuard } from './login-guard';
import type { MemberSession } from './member-sessions';
import { SessionReceipt } from '../receipts/session-receipt';

/** What the circulation service needs of the library system: one SIP2 request at a time. Sip2Client is one. */
export interface LibrarySystem {
	request<R extends SipRequest>(message: R): Promise<ResponseTo<R>>;
}

export interface CirculationSettings {
	institutionId: string;
	/** AP at check-in: where the kiosk stands. */
	location: string;
	terminalPassword: string;
	/** SIP2 language code sent in patron requests (005 Dutch). */
	language?: string;
	/**
	 * Send the PIN (AD) with every transaction, for library systems that insist. By default it
	 * goes only with the login's patron information request and is not kept afterwards.
	 */
	pinOnEveryRequest?: boolean;
}

/** The patron as the session needs it after a successful login. */
export interface AuthenticatedMember {
	patronId: string;
	/** The PIN, only when the library system wants it on every request. */
	pin: string | null;
	member: MemberSummary;
}

const CARD_PATTERN = /^[A-Za-z0-9:-]{4,40}$/;
const ITEM_PATTERN = /^[\x21-\x7e]{1,64}$/;
/** Items listed per patron-information request: far more than a member has on loan. */
const LIST_PAGE = 200;

export class InvalidInputError extends Error {}

/**
 * Told of each loan and return the library system confirmed or the offline queue took: the kind
 * and whether it was queued, nothing about who or what (the desk dashboard counts these).
 */
export type TransactionListener = (kind: 'loan' | 'return', offline: boolean) => void;

/** Store and forward: the ledger that queues, and whether transactions go to the library system now. */
export interface OfflineSwitch {
	readonly ledger: OfflineLedger;
	/** False while the library system is unreachable or queued transactions still wait to be replayed. */
	readonly online: boolean;
}

/**
 * The member's use cases (log in, borrow, return, account, renew, end session) over SIP2. It turns
 * the library system's answers into the plain outcomes of the kiosk contract. SIP2 has no reason
 * codes for refusals, so a refusal is explained by asking about the item (17) and reading the
 * patron's status; the library system's own message is passed along for the screen.
 *
 * Errors from the library system (unreachable, timeout) propagate as Sip2Error for the route to
 * turn into "library-unavailable".
 *
 * While the library system is unreachable (with an `offline` switch), loans and returns go to the
 * store-and-forward ledger instead; a member logged in then stays offline for the whole session,
 * because their PIN was never checked. Account, renewals and ending the patron session need the
 * library system and say so at once (library-unavailable) rather than waiting for a timeout.
 */
export class CirculationService {
	private readonly log: Logger;

	constructor(
		private readonly librarySystem: LibrarySystem,
		private readonly settings: CirculationSettings,
		logger: Logger = silentLogger,
		private readonly now: () => Date = () => new Date(),
		/** The RFID pad, when the kiosk has one: multi-part checks and the security bit. */
		private readonly security: ItemSecurity | null = null,
		private readonly offline: OfflineSwitch | null = null,
		/** Wrong-PIN lock per card and the kiosk-wide limit on logins; null: no limits (tests that log in a lot). */
		private readonly loginGuard: LoginGuard | null = null,
		/** Counts for the desk dashboard; null: nobody counts (tests). */
		private readonly onTransaction: TransactionListener | null = null
	) {
		this.log = logger.child({ component: 'circulation' });
	}

	async login(card: string, pin: string): Promise<{ response: LoginResponse; member: AuthenticatedMember | null }> {
		const patronId = card.trim();
		if (!CARD_PATTERN.test(patronId)) return { response: { ok: false, reason: 'card-invalid' }, member: null };
		if (this.offline && !this.offline.online) return this.offlineLogin(patronId);
		if (pin.length === 0) return { response: { ok: false, reason: 'pin-needed' }, member: null };
		if (pin.length === 0 || pin.length > 32 || /[|\r\n\0]/.test(pin)) return { response: { ok: false, reason: 'pin-wrong' }, member: null };
		// Before the library system hears of it: a locked card, or too many logins at this kiosk.
		const held = this.loginGuard?.admit(patronId);
		if (held) return { response: { ok: false, reason: held }, member: null };

		const info = await this.patronInformation(patronId, pin, null);
		if (info.validPatron === 'N' || (info.validPatron === undefined && !info.personalName)) {
			return { response: { ok: false, reason: 'card-unknown' }, member: null };
		}
		if (info.validPatronPassword !== 'Y') {
			const wrong = this.loginGuard?.pinWrong(patronId);
			if (!wrong) return { response: { ok: false, reason: 'pin-wrong' }, member: null };
			// The wrong PIN that locks the card already says so: no sixth try that cannot succeed.
			if (wrong.locked) return { response: { ok: false, reason: 'card-locked' }, member: null };
			return { response: { ok: false, reason: 'pin-wrong', attemptsLeft: wrong.attemptsLeft }, member: null };
		}
		this.loginGuard?.pinRight(patronId);
		if (info.patronStatus.cardReportedLost) return { response: { ok: false, reason: 'card-blocked' }, member: null };

		const member = memberSummary(info);
		this.log.info('member logged in');
		return { response: { ok: true, member }, member: { patronId, pin: this.settings.pinOnEveryRequest ? pin : null, member } };
	}

	/** Offline only the card's form can be checked; the PIN is not asked (the screen says why). */
	private offlineLogin(patronId: string): { response: LoginResponse; member: AuthenticatedMember | null } {
		if (!this.offline!.ledger.cardIsWellFormed(patronId)) return { response: { ok: false, reason: 'card-invalid' }, member: null };
		// No PIN to guess offline, but made-up card numbers would get around the per-member offline
		// limit, and a card locked here online stays locked when the connection drops.
		const held = this.loginGuard?.admit(patronId);
		if (held) return { response: { ok: false, reason: held }, member: null };
		const member: MemberSummary = { firstName: '', borrowBlock: null, feesOwed: null, offline: true };
		this.log.info('member logged in offline');
		return { response: { ok: true, member }, member: { patronId, pin: null, member } };
	}

	/** Offline sessions, or the library system unreachable: these cannot be answered now. */
	private requireLibrarySystem(session: MemberSession): void {
		if (session.member.offline || (this.offline && !this.offline.online)) throw new Sip2UnavailableError();
	}

	private worksOffline(session: MemberSession | null): boolean {
		return this.offline !== null && ((session?.member.offline ?? false) || !this.offline.online);
	}

	async account(session: MemberSession): Promise<Account> {
		this.requireLibrarySystem(session);
		const charged = await this.patronInformation(session.patronId, session.pin, 'charged');
		const overdue = new Set((await this.patronInformation(session.patronId, session.pin, 'overdue')).overdueItems ?? []);
		const waiting = (await this.patronInformation(session.patronId, session.pin, 'hold')).holdItems ?? [];
		const pending = (await this.patronInformation(session.patronId, session.pin, 'unavailable-hold')).unavailableHoldItems ?? [];
		const fines = (await this.patronInformation(session.patronId, session.pin, 'fine')).fineItems ?? [];
		session.member = memberSummary(charged);

		const loans = await this.loansOf(charged.chargedItems ?? [], overdue);
		// Family access only as the library system grants it: a link the other member accepted.
		const family: FamilyMember[] = [];
		for (const card of charged.familyCards ?? []) {
			const relative = await this.patronInformation(card, null, 'charged');
			if (relative.validPatron === 'N') continue;
			const relativeOverdue = new Set((await this.patronInformation(card, null, 'overdue')).overdueItems ?? []);
			family.push({ firstName: firstNameOf(relative.personalName ?? ''), loans: await this.loansOf(relative.chargedItems ?? [], relativeOverdue) });
		}
		const holds = async (entries: string[]): Promise<Hold[]> => {
			const result: Hold[] = [];
			for (const entry of entries) {
				const itemId = itemIdOf(entry);
				const item = await this.itemInformation(itemId);
				result.push({ itemId, title: item.titleId || itemId, pickupLocation: item.pickupLocation || null });
			}
			return result;
		};
		return {
			member: session.member,
			loans,
			holdsWaiting: await holds(waiting),
			holdsPending: await holds(pending),
			fees: fines.map((field) => feeOfFineItem(field, charged.currencyType || 'EUR')),
			details: {
				email: charged.emailAddress ? maskEmail(charged.emailAddress) : null,
				phone: charged.homePhoneNumber ? maskPhone(charged.homePhoneNumber) : null,
				address: charged.homeAddress ? maskAddress(charged.homeAddress) : null
			},
			family
		};
	}

	/** The member's open fees as the library system lists them (the payments pick from these). */
	async openFees(session: MemberSession): Promise<{ fees: FineItem[]; unreadable: number }> {
		this.requireLibrarySystem(session);
		const info = await this.patronInformation(session.patronId, session.pin, 'fine');
		const parsed = (info.fineItems ?? []).map((field) => parseFineItem(field, info.currencyType || 'EUR'));
		const fees = parsed.filter((fee): fee is FineItem => fee !== null);
		return { fees, unreadable: parsed.length - fees.length };
	}

	/** Asks the library system about the member again (after a payment: the block may be gone). */
	async refreshMember(session: MemberSession): Promise<MemberSummary> {
		this.requireLibrarySystem(session);
		session.member = memberSummary(await this.patronInformation(session.patronId, session.pin, null));
		return session.member;
	}

	private async loansOf(entries: string[], overdue: Set<string>): Promise<Loan[]> {
		const loans: Loan[] = [];
		for (const entry of entries) {
			const itemId = itemIdOf(entry);
			const item = await this.itemInformation(itemId);
			const due = readDueDate(item.dueDate ?? '');
			loans.push({ itemId, title: item.titleId || itemId, ...due, overdue: overdue.has(entry) || overdue.has(itemId) || isPast(due.dueDate, this.now()) });
		}
		return loans;
	}

	/**
	 * A member as the staff desk sees them, looked up by card without a PIN (staff vouch for the
	 * member in front of them). Null when the library system does not know the card.
	 */
	async memberForStaff(card: string): Promise<{ session: MemberSession; name: string; blocks: string[] } | null> {
		const patronId = card.trim();
		if (!CARD_PATTERN.test(patronId)) throw new InvalidInputError('not a card number');
		const info = await this.patronInformation(patronId, null, null);
		if (info.validPatron === 'N' || (info.validPatron === undefined && !info.personalName)) return null;
		const blocks = Object.entries(info.patronStatus)
			.filter(([, set]) => set)
			.map(([flag]) => flag);
		// Not a member's own session: it is never stored, and lives as long as the desk request.
		const session: MemberSession = { id: 'desk', patronId, pin: null, member: memberSummary(info), lastSeen: Date.now(), receipt: new SessionReceipt() };
		return { session, name: info.personalName?.trim() ?? '', blocks };
	}

	/**
	 * The member's e-mail address as the library system has it (64, BE), for sending their receipt
	 * there because they chose it. Null when it has none. Not logged, not kept: used once.
	 */
	async receiptEmailAddress(session: MemberSession): Promise<string | null> {
		this.requireLibrarySystem(session);
		const info = await this.patronInformation(session.patronId, session.pin, null);
		return info.emailAddress?.trim() || null;
	}

	/** One of the member's own contact fields, unmasked, because they asked to see it. */
	async revealDetail(session: MemberSession, field: DetailField): Promise<string | null> {
		this.requireLibrarySystem(session);
		const info = await this.patronInformation(session.patronId, session.pin, null);
		this.log.info('member looked at their own contact field', { field });
		const value = field === 'email' ? info.emailAddress : field === 'phone' ? info.homePhoneNumber : info.homeAddress;
		return value?.trim() || null;
	}

	async borrow(session: MemberSession, rawItemId: string): Promise<BorrowOutcome> {
		const itemId = validItemId(rawItemId);
		const parts = this.security?.partsOnPad(itemId);
		if (parts && parts.missing.length > 0) {
			return { itemId, ok: false, reason: 'parts-missing', title: null, message: null, parts };
		}
		if (this.worksOffline(session)) return this.offlineBorrow(session, itemId, parts !== undefined && parts !== null);
		const answer = await this.librarySystem.request({
			command: '11',
			scRenewalPolicy: true,
			noBlock: false,
			transactionDate: this.transactionDate(),
			nbDueDate: NO_SIP_DATE,
			institutionId: this.settings.institutionId,
			patronId: session.patronId,
			itemId,
			terminalPassword: this.settings.terminalPassword,
			...pinField(session),
			feeAcknowledged: 'N',
			cancel: 'N'
		});
		if (answer.ok) {
			this.log.info('checkout', { item: itemId, renewal: answer.renewalOk });
			// The security rule: the tag is unsecured only now that the library system has confirmed the loan.
			const security = (await this.security?.setOnLoan(itemId)) ?? null;
			// A checkout of an item the member already has is a renewal at the library system, not a loan.
			if (!answer.renewalOk) this.counted('loan', false);
			const title = answer.titleId || (await this.itemInformation(itemId)).titleId || itemId;
			const due = readDueDate(answer.dueDate ?? '');
			if (answer.renewalOk) session.receipt.addRenewal({ itemId, title, ...due });
			else session.receipt.addLoan({ itemId, title, ...due, offline: false });
			return { itemId, ok: true, title, ...due, renewed: answer.renewalOk, security, offline: false };
		}
		const explained = await this.explainItemRefusal(itemId, session);
		this.log.info('checkout refused', { item: itemId, reason: explained.reason });
		return { itemId, ok: false, reason: explained.reason, title: answer.titleId || explained.title, message: screenMessage(answer.screenMessage) };
	}

	/**
	 * Queued for the library system, durably, before the member hears "borrowed". The tag's
	 * security is left as it is: only the library system's confirmation may switch it.
	 */
	private offlineBorrow(session: MemberSession, itemId: string, tagOnPad: boolean): BorrowOutcome {
		const result = this.offline!.ledger.checkout(session.patronId, itemId);
		if (!result.ok) {
			this.log.info('offline checkout refused', { item: itemId, reason: result.reason });
			return { itemId, ok: false, reason: result.reason === 'offline-limit' ? 'offline-limit' : 'offline-not-lending', title: null, message: null };
		}
		this.log.info('offline checkout queued', { item: itemId, repeated: result.repeated });
		// A repeated scan of an item already queued for this member queued nothing new.
		if (!result.repeated) this.counted('loan', true);
		const dueDate = toIsoCalendarDate(result.dueAt);
		session.receipt.addLoan({ itemId, title: itemId, dueDate, dueDateText: dueDate, offline: true });
		return { itemId, ok: true, title: itemId, dueDate, dueDateText: dueDate, renewed: false, security: tagOnPad ? 'unchanged' : null, offline: true };
	}

	async returnItem(rawItemId: string): Promise<ReturnOutcome> {
		return (await this.checkin(rawItemId)).outcome;
	}

	/**
	 * A return at the staff desk: the same, plus who a held item is for (CY/DA), which only the
	 * desk's hold-shelf slip may show, and never the public return screen.
	 */
	async returnItemAtDesk(rawItemId: string): Promise<{ outcome: ReturnOutcome; holdFor: { card: string; name: string } | null }> {
		return this.checkin(rawItemId);
	}

	private async checkin(rawItemId: string): Promise<{ outcome: ReturnOutcome; holdFor: { card: string; name: string } | null }> {
		const itemId = validItemId(rawItemId);
		const parts = this.security?.partsOnPad(itemId);
		if (parts && parts.missing.length > 0) {
			return { outcome: { itemId, ok: false, reason: 'parts-missing', title: null, message: null, parts }, holdFor: null };
		}
		if (this.worksOffline(null)) {
			this.offline!.ledger.checkin(itemId);
			this.log.info('offline checkin queued', { item: itemId });
			this.counted('return', true);
			return { outcome: { itemId, ok: true, title: null, action: 'queued', destination: null, security: parts ? 'unchanged' : null }, holdFor: null };
		}
		const now = this.transactionDate();
		const answer = await this.librarySystem.request({
			command: '09',
			noBlock: false,
			transactionDate: now,
			returnDate: now,
			currentLocation: this.settings.location,
			institutionId: this.settings.institutionId,
			itemId,
			terminalPassword: this.settings.terminalPassword,
			cancel: 'N'
		});
		if (!answer.ok) {
			const item = await this.itemInformation(itemId);
			const reason = item.titleId ? 'refused' : 'unknown-item';
			this.log.info('checkin refused', { item: itemId, reason });
			return { outcome: { itemId, ok: false, reason, title: item.titleId || null, message: screenMessage(answer.screenMessage) }, holdFor: null };
		}
		const { action, destination } = returnAction(answer);
		this.log.info('checkin', { item: itemId, action });
		// The security rule: the tag is secured again only now that the library system has confirmed the return.
		const security = (await this.security?.setInLibrary(itemId)) ?? null;
		this.counted('return', false);
		// Who the hold is for (CY/DA) stays on the server: the return screen is public.
		const holdFor = action === 'hold-shelf' && answer.holdPatronId ? { card: answer.holdPatronId, name: answer.holdPatronName ?? '' } : null;
		return { outcome: { itemId, ok: true, title: answer.titleId || null, action, destination, security }, holdFor };
	}

	async renew(session: MemberSession, rawItemId: string): Promise<RenewOutcome> {
		const itemId = validItemId(rawItemId);
		this.requireLibrarySystem(session);
		const answer = await this.librarySystem.request({
			command: '29',
			thirdPartyAllowed: false,
			noBlock: false,
			transactionDate: this.transactionDate(),
			nbDueDate: NO_SIP_DATE,
			institutionId: this.settings.institutionId,
			patronId: session.patronId,
			...pinField(session),
			itemId,
			terminalPassword: this.settings.terminalPassword
		});
		if (answer.ok) {
			this.log.info('renewal', { item: itemId });
			const renewal = { itemId, title: answer.titleId || itemId, ...readDueDate(answer.dueDate ?? '') };
			session.receipt.addRenewal(renewal);
			return { ...renewal, ok: true };
		}
		const message = screenMessage(answer.screenMessage);
		const explained = await this.explainItemRefusal(itemId, session);
		// SIP2 has no code for "renewed too often"; ILSs say it in words. The words are shown as well.
		const reason =
			explained.reason === 'hold-for-other' || explained.reason === 'member-blocked'
				? explained.reason
				: message && /renew/i.test(message) && /(limit|max|too many|no more)/i.test(message)
					? 'renewal-limit'
					: 'refused';
		this.log.info('renewal refused', { item: itemId, reason });
		return { itemId, ok: false, reason, title: answer.titleId || explained.title, message };
	}

	/** Renews every loan, one 29 each, so every line gets its own outcome and reason. */
	async renewAll(session: MemberSession): Promise<RenewOutcome[]> {
		this.requireLibrarySystem(session);
		const charged = await this.patronInformation(session.patronId, session.pin, 'charged');
		const outcomes: RenewOutcome[] = [];
		for (const entry of charged.chargedItems ?? []) outcomes.push(await this.renew(session, itemIdOf(entry)));
		return outcomes;
	}

	/** Ends the patron session at the library system (35). Never throws: the kiosk wipes regardless. */
	async endSession(session: MemberSession): Promise<void> {
		// An offline session never began at the library system; and an unreachable one cannot hear the 35.
		if (this.worksOffline(session)) return;
		try {
			await this.librarySystem.request({
				command: '35',
				transactionDate: this.transactionDate(),
				institutionId: this.settings.institutionId,
				patronId: session.patronId,
				terminalPassword: this.settings.terminalPassword,
				...pinField(session)
			});
		} catch (error) {
			this.log.warn('could not end the patron session at the library system', { problem: error instanceof Error ? error.message : String(error) });
		}
	}

	private async explainItemRefusal(itemId: string, session: MemberSession): Promise<{ reason: BorrowRefusal; title: string | null }> {
		if (session.member.borrowBlock) return { reason: 'member-blocked', title: null };
		const item = await this.itemInformation(itemId);
		if (!item.titleId) return { reason: 'unknown-item', title: null };
		const title = item.titleId;
		if (item.circulationStatus === '08' || Number(item.holdQueueLength ?? 0) > 0) return { reason: 'hold-for-other', title };
		if (item.circulationStatus === '04' || item.circulationStatus === '05') return { reason: 'on-loan-to-other', title };
		return { reason: 'refused', title };
	}

	/** Patron information (63). `pin` null leaves AD out: the session was authenticated at login. */
	private patronInformation(patronId: string, pin: string | null, summary: SummaryItems | null): Promise<SipMessageByCommand<'64'>> {
		return this.librarySystem.request({
			command: '63',
			language: this.settings.language ?? '005',
			transactionDate: this.transactionDate(),
			summary,
			institutionId: this.settings.institutionId,
			patronId,
			terminalPassword: this.settings.terminalPassword,
			...(pin === null ? {} : { patronPassword: pin }),
			...(summary ? { startItem: '1', endItem: String(LIST_PAGE) } : {})
		});
	}

	private itemInformation(itemId: string): Promise<SipMessageByCommand<'18'>> {
		return this.librarySystem.request({
			command: '17',
			transactionDate: this.transactionDate(),
			institutionId: this.settings.institutionId,
			itemId,
			terminalPassword: this.settings.terminalPassword
		});
	}

	private transactionDate(): string {
		return formatSipDate(this.now());
	}

	/** The transaction is done whatever a listener does: its failure is logged, never the member's problem. */
	private counted(kind: 'loan' | 'return', offline: boolean): void {
		try {
			this.onTransaction?.(kind, offline);
		} catch (error) {
			this.log.warn('transaction listener failed', { kind, problem: error instanceof Error ? error.message : String(error) });
		}
	}
}

function pinField(session: MemberSession): { patronPassword?: string } {
	return session.pin === null ? {} : { patronPassword: session.pin };
}

function validItemId(raw: string): string {
	// Look-ups trim (as edge-sip2 does); what the scanner read is otherwise sent as it is.
	const itemId = raw.trim();
	if (!ITEM_PATTERN.test(itemId)) throw new InvalidInputError('not an item barcode');
	return itemId;
}

/** Item lists may carry more than the barcode (FBS packs `barcode%due%title`): the barcode comes first. */
function itemIdOf(entry: string): string {
	return entry.split('%')[0]!.trim();
}

/** The library system's screen messages (AF) as one text, or null. */
export function screenMessage(messages: string[] | undefined): string | null {
	const text = (messages ?? []).map((message) => message.trim()).filter(Boolean).join(' ');
	return text.length > 0 ? text : null;
}

function readDueDate(raw: string): { dueDate: string | null; dueDateText: string } {
	const parsed = parseSipDate(raw);
	return { dueDate: parsed ? toIsoCalendarDate(parsed) : null, dueDateText: raw.trim() };
}

function isPast(isoDate: string | null, now: Date): boolean {
	return isoDate !== null && isoDate < toIsoCalendarDate(now);
}

/** First name only, for the greeting. "Jansen, Sanne" and "Sanne Jansen" give "Sanne"; "S. Jansen" gives "". */
export function firstNameOf(personalName: string): string {
	const name = personalName.includes(',') ? personalName.split(',')[1]!.trim() : personalName.trim();
	const first = name.split(/\s+/)[0] ?? '';
	return /^[\p{L}'-]{2,}$/u.test(first) ? first : '';
}

function memberSummary(info: SipMessageByCommand<'64'>): MemberSummary {
	const status = info.patronStatus;
	const feesOwed = info.feeAmount && Number(info.feeAmount) > 0 ? { amount: info.feeAmount, currency: info.currencyType || 'EUR' } : null;
	const feesOverLimit = status.excessiveOutstandingFees || status.excessiveOutstandingFines || (info.feeLimit !== undefined && feesOwed !== null && Number(feesOwed.amount) > Number(info.feeLimit));
	return {
		firstName: firstNameOf(info.personalName ?? ''),
		borrowBlock: status.chargePrivilegesDenied || feesOverLimit ? (feesOverLimit ? 'fees' : 'other') : null,
		feesOwed,
		offline: false
	};
}

/** What to do with a returned item, from the alert flag and Koha's alert-type extension. */
function returnAction(answer: SipMessageByCommand<'10'>): { action: ReturnAction; destination: string | null } {
	const destination = answer.destinationLocation?.trim() || null;
	switch (answer.alertType) {
		case '01':
			return { action: 'hold-shelf', destination: null };
		case '02':
		case '04':
			return { action: 'transit', destination };
	}
	if (!answer.alert) return { action: 'shelve', destination: null };
	return destination ? { action: 'transit', destination } : { action: 'staff', destination: null };
}
