/**
 * The staff desk's work with members: look a member up by card, lend to them, take returns (with
 * the slip), renew, and settle the offline exceptions. The member's card and data live only in
 * this object; the page clears it at lock, logout and "next member".
 *
 * Loans and returns go through ScanQueues, as on the kiosk's screens: a scanned or typed item and
 * one laid on the RFID pad (DeskPad) take the same path, one at a time, each line replaced by its
 * item's latest answer.
 */
import type { BorrowOutcome, DeskMemberView, OfflineOverview, RenewOutcome, ReturnOutcome } from '$lib/api/contract';
import { DeskApiFailure, type DeskApi, type DeskPaymentApi } from '$lib/services/desk-api';
import { deskPaymentFlow } from './desk-payment.svelte';
import type { PaymentFlow } from './payment-flow.svelte';
import type { PaymentProgressEvents } from './payment-progress';
import { ScanQueue } from './scan-queue.svelte';

export type DeskProblem = 'unknown-card' | 'failed' | 'signed-out';

/** A return at the desk: the outcome, with the hold-shelf or transit slip when it needs one. */
export type DeskReturn = ReturnOutcome & { slip: string[] | null };

/** What the RFID pad does with the items laid on it: lend them to the member found, or check them in. */
export type PadMode = 'lend' | 'return';

export class DeskCirculation {
	member = $state<DeskMemberView | null>(null);
	/** Loans to the member found (null: none found); a new queue for each member, bound to their card. */
	lending = $state.raw<ScanQueue<BorrowOutcome> | null>(null);
	returns = $state.raw<ScanQueue<DeskReturn>>(this.#returnQueue());
	padMode = $state<PadMode>('lend');
	renewed = $state<Record<string, RenewOutcome>>({});
	offline = $state<OfflineOverview | null>(null);
	busy = $state(false);
	problem = $state<DeskProblem | null>(null);

	/** Paying the member's fees at the desk; null without a member, or where the desk takes no payments. */
	payment = $state.raw<PaymentFlow | null>(null);

	#card: string | null = null;
	readonly #api: DeskApi;
	readonly #payments: { api: DeskPaymentApi; events: PaymentProgressEvents } | null;

	constructor(api: DeskApi, payments: { api: DeskPaymentApi; events: PaymentProgressEvents } | null = null) {
		this.#api = api;
		this.#payments = payments;
	}

	/** After a payment: the member as the library system now has them, and a fresh payment form. */
	async refresh(): Promise<void> {
		const card = this.#card;
		if (!card) return;
		await this.#run(() => this.#reload(card));
	}

	async find(card: string): Promise<void> {
		const typed = card.trim();
		if (!typed) return;
		await this.#run(async () => {
			const member = await this.#api.findMember(typed);
			this.clearMember();
			if (!member) {
				this.problem = 'unknown-card';
				return;
			}
			this.#card = typed;
			this.member = member;
			this.#newPayment(typed);
			this.lending = this.#lendingQueue(typed);
		});
	}

	/** Scanned, typed or laid on the pad: lent to the member found. */
	lend(itemId: string): Promise<void> {
		return this.lending?.submit(itemId) ?? Promise.resolve();
	}

	async renew(itemId: string): Promise<void> {
		const card = this.#card;
		if (!card) return;
		await this.#run(async () => {
			this.renewed = { ...this.renewed, [itemId]: await this.#api.renew(card, itemId) };
			await this.#reload(card);
		});
	}

	/** Scanned, typed or laid on the pad in check-in mode: checked in. */
	takeReturn(itemId: string): Promise<void> {
		return this.returns.submit(itemId);
	}

	setPadMode(mode: PadMode): void {
		this.padMode = mode;
	}

	async loadOffline(): Promise<void> {
		await this.#run(async () => {
			this.offline = await this.#api.offline();
		});
	}

	async resolve(id: number, resolution: 'retry' | 'done-by-hand' | 'discard'): Promise<void> {
		await this.#run(async () => {
			await this.#api.resolveException(id, resolution);
			this.offline = await this.#api.offline();
		});
	}

	/** "Next member": nothing of this one stays. */
	clearMember(): void {
		this.#card = null;
		this.member = null;
		this.payment?.destroy();
		this.payment = null;
		this.lending = null;
		this.renewed = {};
		this.problem = null;
	}

	/** Lock and logout: everything goes. */
	clear(): void {
		this.clearMember();
		this.returns = this.#returnQueue();
		this.padMode = 'lend';
		this.offline = null;
	}

	#lendingQueue(card: string): ScanQueue<BorrowOutcome> {
		const queue: ScanQueue<BorrowOutcome> = new ScanQueue({
			send: async (itemId) => {
				const outcome = await this.#signedOutCheck(() => this.#api.checkout(card, itemId));
				// Once the last item of a stack is answered: the loans list shows them.
				if (queue.pending.length <= 1) void this.#reload(card).catch(() => {});
				return outcome;
			}
		});
		return queue;
	}

	#returnQueue(): ScanQueue<DeskReturn> {
		return new ScanQueue({
			send: async (itemId) => {
				const { outcome, slip } = await this.#signedOutCheck(() => this.#api.checkin(itemId));
				return { ...outcome, slip };
			}
		});
	}

	/** A queue's line says the request failed; that the desk session is gone, the page must hear. */
	async #signedOutCheck<T>(request: () => Promise<T>): Promise<T> {
		try {
			return await request();
		} catch (error) {
			if (error instanceof DeskApiFailure && error.signedOut) this.problem = 'signed-out';
			throw error;
		}
	}

	async #reload(card: string): Promise<void> {
		const member = await this.#api.findMember(card);
		if (member && this.#card === card) {
			this.member = member;
			if (this.payment?.step !== 'terminal' && this.payment?.step !== 'starting') this.#newPayment(card);
		}
	}

	#newPayment(card: string): void {
		this.payment?.destroy();
		this.payment = this.#payments && this.member ? deskPaymentFlow(this.#payments.api, this.#payments.events, card, this.member) : null;
	}

	async #run(work: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = null;
		try {
			await work();
		} catch (error) {
			this.problem = error instanceof DeskApiFailure && error.signedOut ? 'signed-out' : 'failed';
		} finally {
			this.busy = false;
		}
	}
}
