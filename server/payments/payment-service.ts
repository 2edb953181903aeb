import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ZvtApprovedPayment, ZvtPaymentResult } from '../../drivers/payment';
import type { MemberSummary, Money, PaymentOutcome, PaymentProgress, PaymentStart } from '../../kiosk/lib/api/contract';
import type { CardSealer } from '../../offline/card-sealer';
import type { CirculationService, LibrarySystem } from '../circulation/circulation-service';
import type { MemberSession } from '../circulation/member-sessions';
import type { Logger } from '../logging/logger';
import { formatSipDate } from '../sip2';
import { Sip2Error } from '../sip2/errors';
import { BEFORE_CARD_STATUSES, type CardTerminal } from './card-terminal';
import { formatAmount, type FineItem } from './fine-item';
import { paymentCardContext, type NewPayment, type PaymentJournal, type PaymentRecord, type TerminalReceipt } from './payment-journal';

/**
 * Paying fees: at the kiosk by card, at the desk by card or cash. The order of things is the point:
 *
 * 1. The payment is journaled (`authorising`) before the terminal is asked.
 * 2. The terminal decides. Only an approval is money taken; it is journaled with the terminal's
 *    reference before the library system hears of it.
 * 3. The library system is told, one fee paid (37) per fee, with the terminal's reference as the
 *    transaction id (BK), so a repeat after a crash is recognised as the same payment. Each
 *    confirmation is journaled.
 *
 * If the server dies or the library system is down after 2, `recover()` (at start and whenever the
 * library system is back) finishes 3. A refusal then, or an outcome the terminal never gave, is
 * listed for staff (`attention()`); nothing is recorded as paid that the terminal did not approve.
 */
export interface PaymentSettings {
	institutionId: string;
	terminalPassword: string;
	/** Finished payments are deleted from the journal after this many days. */
	keepDays: number;
}

export interface PaymentServiceEvents {
	progress: [progress: PaymentProgress];
}

/** Where a payment is taken: the kiosk, or a desk account (and, at the desk, how). */
export type PaymentPlace = { place: 'kiosk' } | { place: 'desk'; staff: string; method: 'card' | 'cash' };

/** A payment that needs staff: money taken but not recorded, or an outcome nobody knows. */
export interface PaymentForStaff {
	id: string;
	at: Date;
	state: 'refused' | 'unknown' | 'approved';
	/** The member's card; the route masks it. */
	card: string;
	amount: Money;
	reference: string | null;
	problem: string | null;
}

interface Running {
	progress: PaymentProgress;
	session: MemberSession;
	method: 'card' | 'cash';
	amount: Money;
	reference: string | null;
	done: Promise<void>;
}

/** SIP2 payment types (37): 00 cash, 02 credit card (the terminal takes debit and credit; 02 is the nearest). */
const PAYMENT_TYPE = { cash: '00', card: '02' } as const;
/** SIP2 fee type 01: other/unknown; the fee id (CG) says which fee. */
const FEE_TYPE_UNKNOWN = '01';

export class PaymentService extends EventEmitter<PaymentServiceEvents> {
	readonly #journal: PaymentJournal;
	readonly #terminal: CardTerminal;
	readonly #library: LibrarySystem;
	readonly #circulation: CirculationService;
	readonly #sealer: CardSealer;
	readonly #settings: PaymentSettings;
	readonly #log: Logger;
	readonly #now: () => Date;
	/** Payments of this server's life, by id; the journal is the truth, this is for the screens. */
	readonly #running = new Map<string, Running>();
	#recovering: Promise<void> | null = null;
	readonly #forgetTimers = new Set<NodeJS.Timeout>();

	constructor(deps: {
		journal: PaymentJournal;
		terminal: CardTerminal;
		library: LibrarySystem;
		circulation: CirculationService;
		sealer: CardSealer;
		settings: PaymentSettings;
		logger: Logger;
		now?: () => Date;
	}) {
		super();
		this.#journal = deps.journal;
		this.#terminal = deps.terminal;
		this.#library = deps.library;
		this.#circulation = deps.circulation;
		this.#sealer = deps.sealer;
		this.#settings = deps.settings;
		this.#log = deps.logger.child({ component: 'payments' });
		this.#now = deps.now ?? (() => new Date());
	}

	/**
	 * Starts paying the member's open fees (`feeIds`, or all of them when null). Answers at once;
	 * the payment goes on in the background and reports through `progress` events.
	 */
	async start(session: MemberSession, feeIds: string[] | null, where: PaymentPlace = { place: 'kiosk' }): Promise<PaymentStart> {
		const method = where.place === 'desk' ? where.method : 'card';
		if (method === 'card' && this.#busy()) return { ok: false, reason: 'terminal-busy' };
		let open: FineItem[];
		try {
			open = (await this.#circulation.openFees(session)).fees;
		} catch (error) {
			if (error instanceof Sip2Error) return { ok: false, reason: 'library-unavailable' };
			throw error;
		}
		const picked = pick(open, feeIds);
		if (picked === 'unknown') return { ok: false, reason: 'fee-unknown' };
		if (picked.length === 0) return { ok: false, reason: 'no-fees' };
		const currency = picked[0]!.currency;
		if (picked.some((fee) => fee.currency !== currency)) return { ok: false, reason: 'fee-unknown' };
		const amountCents = picked.reduce((sum, fee) => sum + fee.amountCents, 0);
		// A fee without an id can only be paid as "the open fees, oldest first": one line for the total.
		const lines = picked.every((fee) => fee.id !== null) ? picked.map((fee) => ({ feeId: fee.id, amountCents: fee.amountCents })) : [{ feeId: null, amountCents }];

		const id = randomUUID();
		const payment: NewPayment = {
			id,
			place: where.place,
			method,
			staff: where.place === 'desk' ? where.staff : null,
			sealedCard: this.#sealer.seal(session.patronId, paymentCardContext(id)),
			amountCents,
			currency,
			fees: lines.map((line) => ({ ...line, state: 'open', message: null }))
		};
		// Journaled (and on disk) before the terminal hears of it.
		this.#journal.begin(payment, this.#now());
		const amount = { amount: formatAmount(amountCents), currency };
		const running: Running = {
			progress: { id, phase: 'authorising', status: null, canCancel: method === 'card', outcome: null },
			session,
			method,
			amount,
			reference: null,
			done: Promise.resolve()
		};
		this.#running.set(id, running);
		this.#log.info('payment started', { payment: id, place: where.place, method, fees: lines.length });
		running.done = (method === 'cash' ? this.#takeCash(running) : this.#takeCard(running, amountCents, currency)).catch((error: unknown) => {
			// The journal holds whatever was reached; recovery takes it from there.
			this.#log.error('payment step failed', { payment: id, problem: messageOf(error) });
			this.#update(running, { phase: 'done', outcome: running.reference ? 'paid-pending' : 'timeout', canCancel: false });
		});
		return { ok: true, id, amount };
	}

	/**
	 * The member (or staff: `owner` 'staff') cancels: only until the terminal has the card. True
	 * when the terminal took the abort. A member reaches only their own payment.
	 */
	async cancel(id: string, owner: MemberSession | 'staff'): Promise<boolean> {
		const running = this.#ownedBy(id, owner);
		if (!running || !running.progress.canCancel) return false;
		return this.#terminal.abort();
	}

	/** A payment of this member (or any, for staff); null for another member's or an unknown id. */
	view(id: string, owner: MemberSession | 'staff'): { progress: PaymentProgress; amount: Money; reference: string | null; member: MemberSummary | null } | null {
		const running = this.#ownedBy(id, owner);
		if (!running) return null;
		return { progress: running.progress, amount: running.amount, reference: running.reference, member: running.progress.phase === 'done' ? running.session.member : null };
	}

	#ownedBy(id: string, owner: MemberSession | 'staff'): Running | null {
		const running = this.#running.get(id);
		if (!running || (owner !== 'staff' && running.session.patronId !== owner.patronId)) return null;
		return running;
	}

	/** Resolves when the payment has ended (tests, and the session end waits for nothing else). */
	async settled(id: string): Promise<void> {
		await this.#running.get(id)?.done;
	}

	/**
	 * The member walked away (idle wipe, finish): a payment still waiting for the card is aborted.
	 * One the terminal already has goes on: if approved it is recorded, so no money is lost.
	 */
	async sessionEnded(session: MemberSession): Promise<void> {
		for (const running of this.#running.values()) {
			if (running.session.id === session.id && running.progress.canCancel) await this.#terminal.abort();
		}
	}

	/**
	 * Finishes what a crash or an unreachable library system left: a payment that was authorising
	 * when the server died has an unknown outcome (staff check the terminal); an approved one gets
	 * its fee paid messages now. Safe to call at any time; calls while one runs share it.
	 */
	recover(): Promise<void> {
		this.#recovering ??= this.#recover().finally(() => (this.#recovering = null));
		return this.#recovering;
	}

	async #recover(): Promise<void> {
		for (const payment of this.#journal.inStates(['authorising'])) {
			if (this.#running.has(payment.id)) continue;
			this.#journal.setState(payment.id, 'unknown', this.#now(), { problem: 'the server stopped while the terminal was authorising' });
			this.#log.warn('payment outcome unknown after a restart', { payment: payment.id });
		}
		for (const payment of this.#journal.inStates(['approved'])) {
			const running = this.#running.get(payment.id);
			if (running && running.progress.phase !== 'done') continue;
			let card: string;
			try {
				card = this.#sealer.open(payment.sealedCard, paymentCardContext(payment.id));
			} catch {
				this.#journal.setState(payment.id, 'refused', this.#now(), { problem: 'the member card in the journal cannot be opened with this key' });
				continue;
			}
			const outcome = await this.#recordFees(payment, card);
			if (outcome === 'paid-pending') return; // still unreachable: the next recovery goes on
			this.#log.info('payment recovered', { payment: payment.id, outcome });
		}
		this.#journal.purge(new Date(this.#now().getTime() - this.#settings.keepDays * 86_400_000));
	}

	/** Payments staff must look at, oldest first. */
	attention(): PaymentForStaff[] {
		return this.#journal.inStates(['refused', 'unknown', 'approved']).flatMap((payment) => {
			if (this.#running.has(payment.id) && this.#running.get(payment.id)!.progress.phase !== 'done') return [];
			let card: string;
			try {
				card = this.#sealer.open(payment.sealedCard, paymentCardContext(payment.id));
			} catch {
				card = '';
			}
			return [
				{
					id: payment.id,
					at: payment.createdAt,
					state: payment.state as PaymentForStaff['state'],
					card,
					amount: { amount: formatAmount(payment.amountCents), currency: payment.currency },
					reference: payment.terminal?.reference ?? null,
					problem: payment.problem
				}
			];
		});
	}

	/** Staff put a payment that needed them right (by hand, in the library system or at the terminal). */
	settle(id: string): boolean {
		const payment = this.#journal.get(id);
		if (!payment || !['refused', 'unknown', 'approved'].includes(payment.state)) return false;
		this.#journal.setState(id, 'settled', this.#now());
		return true;
	}

	/** The terminal takes one payment at a time. */
	close(): void {
		for (const timer of this.#forgetTimers) clearTimeout(timer);
		this.#journal.close();
	}

	#busy(): boolean {
		return [...this.#running.values()].some((running) => running.method === 'card' && running.progress.phase === 'authorising');
	}

	async #takeCard(running: Running, amountCents: number, currency: string): Promise<void> {
		const id = running.progress.id;
		const result = await this.#terminal.pay(amountCents, currency as 'EUR', (status) => {
			this.#update(running, { status: status.id, canCancel: running.progress.canCancel && BEFORE_CARD_STATUSES.has(status.id) });
		});
		this.#update(running, { canCancel: false });
		if (result.outcome !== 'approved') {
			const { state, outcome, problem } = failureOf(result);
			this.#journal.setState(id, state, this.#now(), { problem });
			this.#log.info('payment not taken', { payment: id, outcome });
			this.#update(running, { phase: 'done', outcome });
			return;
		}
		const terminal = receiptOf(result);
		running.reference = terminal.reference;
		// Money is taken: on disk before anything else happens.
		this.#journal.setState(id, 'approved', this.#now(), { terminal });
		this.#log.info('payment approved', { payment: id });
		// On the member's receipt, whatever the library system says next: the money was taken.
		running.session.receipt.addPayment({
			amountCents,
			currency,
			terminalReference: terminal.reference,
			cardBrand: terminal.cardBrand ?? '',
			maskedPan: terminal.maskedPan ?? '',
			fees: this.#journal.get(id)?.fees.length ?? 1
		});
		await this.#finish(running);
	}

	async #takeCash(running: Running): Promise<void> {
		const id = running.progress.id;
		// Staff counted the cash: that is the approval. The reference names the journal entry.
		running.reference = `cash-${id.slice(0, 8)}`;
		this.#journal.setState(id, 'approved', this.#now(), { terminal: { reference: running.reference, maskedPan: null, cardBrand: null } });
		this.#log.info('cash payment taken at the desk', { payment: id });
		await this.#finish(running);
	}

	async #finish(running: Running): Promise<void> {
		this.#update(running, { phase: 'recording' });
		const payment = this.#journal.get(running.progress.id)!;
		const outcome = await this.#recordFees(payment, running.session.patronId);
		if (outcome === 'paid') {
			try {
				await this.#circulation.refreshMember(running.session);
			} catch (error) {
				this.#log.warn('member not refreshed after a payment', { problem: messageOf(error) });
			}
		}
		this.#update(running, { phase: 'done', outcome });
	}

	/** Sends a fee paid for each fee line still open; journals each answer. */
	async #recordFees(payment: PaymentRecord, card: string): Promise<'paid' | 'paid-pending' | 'paid-refused'> {
		const reference = payment.terminal?.reference ?? payment.id;
		for (const [index, line] of payment.fees.entries()) {
			if (line.state !== 'open') continue;
			let answer;
			try {
				answer = await this.#library.request({
					command: '37',
					transactionDate: formatSipDate(this.#now()),
					feeType: FEE_TYPE_UNKNOWN,
					paymentType: PAYMENT_TYPE[payment.method],
					currencyType: payment.currency,
					feeAmount: formatAmount(line.amountCents),
					institutionId: this.#settings.institutionId,
					patronId: card,
					terminalPassword: this.#settings.terminalPassword,
					...(line.feeId === null ? {} : { feeIdentifier: line.feeId }),
					// One id per fee line, the same on every try: a repeat is recognised, not paid twice.
					transactionId: payment.fees.length === 1 ? reference : `${reference}/${index + 1}`
				});
			} catch (error) {
				if (!(error instanceof Sip2Error)) throw error;
				this.#log.warn('fee paid not delivered; it is sent when the library system is back', { payment: payment.id, problem: error.name });
				return 'paid-pending';
			}
			if (answer.paymentAccepted) {
				this.#journal.setFeeLine(payment.id, index, 'recorded', null, this.#now());
			} else {
				const message = answer.screenMessage?.join(' ').trim() || 'refused without a message';
				this.#journal.setFeeLine(payment.id, index, 'refused', message, this.#now());
				this.#journal.setState(payment.id, 'refused', this.#now(), { problem: message });
				this.#log.warn('library system refused a fee paid: staff must look at it', { payment: payment.id });
				return 'paid-refused';
			}
		}
		this.#journal.setState(payment.id, 'recorded', this.#now());
		return 'paid';
	}

	#update(running: Running, change: Partial<PaymentProgress>): void {
		running.progress = { ...running.progress, ...change };
		this.emit('progress', running.progress);
		if (running.progress.phase === 'done') this.#forgetLater(running.progress.id);
	}

	/** The screen may still ask a while after the end; then the entry goes (the journal keeps the record). */
	#forgetLater(id: string): void {
		const timer = setTimeout(() => {
			this.#forgetTimers.delete(timer);
			this.#running.delete(id);
		}, 10 * 60_000);
		timer.unref();
		this.#forgetTimers.add(timer);
	}
}

function pick(open: FineItem[], feeIds: string[] | null): FineItem[] | 'unknown' {
	if (feeIds === null) return open;
	const wanted = new Set(feeIds);
	const picked = open.filter((fee) => fee.id !== null && wanted.has(fee.id));
	return picked.length === wanted.size ? picked : 'unknown';
}

function receiptOf(result: ZvtApprovedPayment): TerminalReceipt {
	const reference = [result.terminalId, result.traceNumber, result.receiptNumber].filter((part) => part).join('-') || `zvt-${Date.now()}`;
	return { reference, maskedPan: maskedPanOf(result.maskedPan), cardBrand: result.cardName };
}

/** Defence in depth: whatever the terminal sends, no digit but the first six and the last four is kept. */
export function maskedPanOf(pan: string | null): string | null {
	if (!pan) return null;
	const characters = [...pan.replace(/[^0-9*]/g, '')];
	return characters.map((character, index) => (index < 6 || index >= characters.length - 4 ? character : '*')).join('');
}

function failureOf(result: Exclude<ZvtPaymentResult, ZvtApprovedPayment>): { state: 'declined' | 'aborted' | 'unavailable' | 'unknown'; outcome: PaymentOutcome; problem: string } {
	switch (result.outcome) {
		case 'declined':
			return { state: 'declined', outcome: 'declined', problem: `declined: ${result.id}` };
		case 'aborted':
			return { state: 'aborted', outcome: 'aborted', problem: `aborted by the ${result.by}` };
		case 'timeout':
			return { state: 'unknown', outcome: 'timeout', problem: `terminal did not answer (${result.stage})` };
		case 'disconnected':
			return { state: 'unknown', outcome: 'disconnected', problem: 'terminal connection lost during the authorisation' };
		case 'unavailable':
			return { state: 'unavailable', outcome: 'unavailable', problem: `terminal unavailable: ${result.reason}` };
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
