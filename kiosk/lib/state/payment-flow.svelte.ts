/**
 * Paying fees at the kiosk, as the pay screen shows it: pick fees (all by default), pay on the
 * terminal following its status texts, cancel until it has the card, and the outcome in words.
 *
 * The terminal's steps come over the device events stream (`paymentProgress`); the outcome and the
 * member's new standing are then asked of the server with the member's session. Steps that arrive
 * before the server has even answered with the payment's id are kept, not lost.
 */
import type { Fee, MemberSummary, Money, PayableFees, PaymentOutcome, PaymentProgress, PaymentRefusal, PaymentStart, PaymentView } from '$lib/api/contract';
import { errorCode, type ApiErrorCode } from '$lib/services/kiosk-api';
import type { PaymentProgressEvents } from './payment-progress';

/** What the flow needs of the server: the kiosk's API for a member, the desk's for staff. */
export interface PaymentFlowApi {
	payableFees(): Promise<PayableFees>;
	/** `method` only matters at the desk, where staff may also take cash. */
	pay(feeIds: string[] | null, method: 'card' | 'cash'): Promise<PaymentStart>;
	payment(id: string): Promise<PaymentView>;
	cancelPayment(id: string): Promise<boolean>;
}

export type PaymentStep =
	/** Loading the fees. */
	| 'loading'
	/** Picking fees; the pay button. */
	| 'choose'
	/** Asked the server; no answer yet. */
	| 'starting'
	/** The terminal has it: its status texts show. */
	| 'terminal'
	/** Approved; the library system is being told. */
	| 'recording'
	| 'done'
	/** The payment could not start (`refusal`), or the fees could not be loaded (`problem`). */
	| 'not-started';

export class PaymentFlow {
	step = $state<PaymentStep>('loading');
	fees = $state<Fee[]>([]);
	pickable = $state(false);
	terminal = $state(true);
	/** Ids of the picked fees (all by default). */
	picked = $state<string[]>([]);
	amount = $state<Money | null>(null);
	/** The terminal's latest status id. */
	status = $state<string | null>(null);
	canCancel = $state(false);
	outcome = $state<PaymentOutcome | null>(null);
	reference = $state<string | null>(null);
	/** After a payment: the member as the library system now sees them (the block may be gone). */
	member = $state<MemberSummary | null>(null);
	refusal = $state<PaymentRefusal | null>(null);
	problem = $state<ApiErrorCode | null>(null);

	readonly #api: PaymentFlowApi;
	readonly #events: PaymentProgressEvents;
	#id: string | null = null;
	/** Steps seen before the id was known, by payment id. */
	#early = new Map<string, PaymentProgress>();
	#stopListening: (() => void) | null = null;

	constructor(api: PaymentFlowApi, events: PaymentProgressEvents) {
		this.#api = api;
		this.#events = events;
	}

	/** The sum of the picked fees, or of all when they cannot be picked. */
	get total(): Money | null {
		const chosen = this.pickable ? this.fees.filter((fee) => fee.id !== null && this.picked.includes(fee.id)) : this.fees;
		const amounts = chosen.map((fee) => fee.amount).filter((amount): amount is Money => amount !== null);
		if (amounts.length === 0) return null;
		const cents = amounts.reduce((sum, amount) => sum + Math.round(Number(amount.amount) * 100), 0);
		return { amount: (cents / 100).toFixed(2), currency: amounts[0]!.currency };
	}

	async load(): Promise<void> {
		this.step = 'loading';
		try {
			const payable: PayableFees = await this.#api.payableFees();
			this.fees = payable.fees;
			this.pickable = payable.pickable;
			this.terminal = payable.terminal;
			this.picked = payable.fees.flatMap((fee) => (fee.id === null ? [] : [fee.id]));
			this.step = 'choose';
		} catch (error) {
			this.problem = errorCode(error);
			this.step = 'not-started';
		}
	}

	toggle(feeId: string): void {
		this.picked = this.picked.includes(feeId) ? this.picked.filter((id) => id !== feeId) : [...this.picked, feeId];
	}

	/** Pays the picked fees (all of them when they cannot be picked); cash only at the desk. */
	async pay(method: 'card' | 'cash' = 'card'): Promise<void> {
		if (this.step !== 'choose' || this.total === null) return;
		this.step = 'starting';
		this.refusal = null;
		this.problem = null;
		this.#listen();
		const allPicked = !this.pickable || this.picked.length === this.fees.length;
		try {
			const started = await this.#api.pay(allPicked ? null : [...this.picked], method);
			if (!started.ok) {
				this.refusal = started.reason;
				this.step = 'not-started';
				this.#stop();
				return;
			}
			this.#id = started.id;
			this.amount = started.amount;
			this.step = 'terminal';
			const early = this.#early.get(started.id);
			this.#early.clear();
			if (early) await this.#apply(early);
		} catch (error) {
			this.problem = errorCode(error);
			this.step = 'not-started';
			this.#stop();
		}
	}

	/** Until the terminal has the card. */
	async cancel(): Promise<void> {
		if (!this.#id || !this.canCancel) return;
		this.canCancel = false;
		try {
			await this.#api.cancelPayment(this.#id);
		} catch {
			// The terminal's own result still comes and decides; nothing to show for the cancel itself.
		}
	}

	/** Back to picking, after a payment that did not go through. */
	again(): void {
		this.#id = null;
		this.status = null;
		this.outcome = null;
		this.refusal = null;
		this.problem = null;
		this.step = 'choose';
	}

	destroy(): void {
		this.#stop();
	}

	#listen(): void {
		this.#stop();
		this.#stopListening = this.#events.listen((progress) => {
			if (this.#id === null) this.#early.set(progress.id, progress);
			else if (progress.id === this.#id) void this.#apply(progress);
		});
	}

	#stop(): void {
		this.#stopListening?.();
		this.#stopListening = null;
	}

	async #apply(progress: PaymentProgress): Promise<void> {
		if (this.step === 'done') return;
		this.status = progress.status ?? this.status;
		this.canCancel = progress.canCancel;
		if (progress.phase === 'recording') this.step = 'recording';
		if (progress.phase !== 'done') return;
		this.#stop();
		try {
			const view = await this.#api.payment(progress.id);
			this.reference = view.reference;
			this.member = view.member;
		} catch {
			// The outcome below is what matters; the member's standing shows on the next screen anyway.
		}
		this.outcome = progress.outcome;
		this.canCancel = false;
		this.step = 'done';
	}
}
