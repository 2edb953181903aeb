/**
 * Fees paid at the desk for the member found: the same PaymentFlow as the kiosk's pay screen, over
 * the desk's API (card on the desk's terminal, or cash staff took), and the list of payments that
 * need staff (taken but not recorded, or an outcome the terminal never gave), each settled by hand.
 */
import type { DeskMemberView, PaymentAttention } from '$lib/api/contract';
import { DeskApiFailure, type DeskPaymentApi } from '$lib/services/desk-api';
import { PaymentFlow } from './payment-flow.svelte';
import type { PaymentProgressEvents } from './payment-progress';

/** A payment flow for one member at the desk; the card stays in here, never on screen unmasked. */
export function deskPaymentFlow(api: DeskPaymentApi, events: PaymentProgressEvents, card: string, member: DeskMemberView): PaymentFlow {
	const fees = member.account.fees.filter((fee) => fee.amount !== null);
	const flow = new PaymentFlow(
		{
			payableFees: async () => ({
				fees,
				terminal: true,
				pickable: fees.length > 1 && fees.every((fee) => fee.id !== null)
			}),
			pay: (feeIds, method) => api.startPayment(card, feeIds, method),
			payment: (id) => api.payment(id),
			cancelPayment: (id) => api.cancelPayment(id)
		},
		events
	);
	void flow.load();
	return flow;
}

export class PaymentsNeedingStaff {
	payments = $state<PaymentAttention[]>([]);
	problem = $state(false);
	readonly #api: DeskPaymentApi;

	constructor(api: DeskPaymentApi) {
		this.#api = api;
	}

	async load(): Promise<void> {
		try {
			this.payments = await this.#api.paymentsNeedingStaff();
			this.problem = false;
		} catch (error) {
			if (error instanceof DeskApiFailure && error.signedOut) return;
			this.problem = true;
		}
	}

	async settle(id: string): Promise<void> {
		try {
			await this.#api.settlePayment(id);
		} catch {
			this.problem = true;
		}
		await this.load();
	}
}
