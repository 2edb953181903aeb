import { describe, expect, it } from 'vitest';
import type { PayableFees, PaymentProgress, PaymentStart, PaymentView } from '$lib/api/contract';
import { KioskApiError } from '$lib/services/kiosk-api';
import { PaymentFlow } from './payment-flow.svelte';
import { PaymentProgressEvents } from './payment-progress';

const FEES: PayableFees = {
	fees: [
		{ id: '1', amount: { amount: '7.50', currency: 'EUR' }, description: 'Aanmaning' },
		{ id: '2', amount: { amount: '5.00', currency: 'EUR' }, description: 'Te laat' }
	],
	terminal: true,
	pickable: true
};

function progress(change: Partial<PaymentProgress>): PaymentProgress {
	return { id: 'p1', phase: 'authorising', status: null, canCancel: true, outcome: null, ...change };
}

function fakeApi(options: { start?: PaymentStart; view?: Partial<PaymentView>; onPay?: (feeIds: string[] | null) => void; events?: PaymentProgressEvents } = {}) {
	const calls = { cancelled: [] as string[], paid: [] as (string[] | null)[] };
	const api = {
		payableFees: async () => FEES,
		pay: async (feeIds: string[] | null) => {
			calls.paid.push(feeIds);
			options.onPay?.(feeIds);
			return options.start ?? ({ ok: true, id: 'p1', amount: { amount: '12.50', currency: 'EUR' } } as const);
		},
		payment: async (id: string): Promise<PaymentView> => ({
			progress: progress({ id, phase: 'done', outcome: 'paid', canCancel: false }),
			amount: { amount: '12.50', currency: 'EUR' },
			reference: '52523535-000976-0231',
			member: { firstName: 'Pieter', borrowBlock: null, feesOwed: null, offline: false },
			...options.view
		}),
		cancelPayment: async (id: string) => {
			calls.cancelled.push(id);
			return true;
		}
	};
	return { api, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PaymentFlow', () => {
	it('picks every fee by default and pays them all as "all"', async () => {
		const events = new PaymentProgressEvents();
		const { api, calls } = fakeApi();
		const flow = new PaymentFlow(api, events);
		await flow.load();
		expect(flow.step).toBe('choose');
		expect(flow.picked).toEqual(['1', '2']);
		expect(flow.total).toEqual({ amount: '12.50', currency: 'EUR' });
		await flow.pay();
		expect(calls.paid).toEqual([null]);
		expect(flow.step).toBe('terminal');
	});

	it('pays only the picked fees, with their total', async () => {
		const { api, calls } = fakeApi();
		const flow = new PaymentFlow(api, new PaymentProgressEvents());
		await flow.load();
		flow.toggle('1');
		expect(flow.total).toEqual({ amount: '5.00', currency: 'EUR' });
		await flow.pay();
		expect(calls.paid).toEqual([['2']]);
	});

	it('follows the terminal, offers cancel until it has the card, and ends with the outcome and the member', async () => {
		const events = new PaymentProgressEvents();
		const { api } = fakeApi();
		const flow = new PaymentFlow(api, events);
		await flow.load();
		await flow.pay();
		events.publish(progress({ status: 'insert-card', canCancel: true }));
		expect(flow.status).toBe('insert-card');
		expect(flow.canCancel).toBe(true);
		events.publish(progress({ status: 'watch-pin-pad', canCancel: false }));
		expect(flow.canCancel).toBe(false);
		// Another payment's steps are not this screen's.
		events.publish(progress({ id: 'other', phase: 'done', outcome: 'declined' }));
		expect(flow.step).toBe('terminal');
		events.publish(progress({ phase: 'done', outcome: 'paid', canCancel: false }));
		await settle();
		expect(flow.step).toBe('done');
		expect(flow.outcome).toBe('paid');
		expect(flow.reference).toBe('52523535-000976-0231');
		expect(flow.member?.borrowBlock).toBeNull();
	});

	it('keeps a step that arrives before the server answered with the id', async () => {
		const events = new PaymentProgressEvents();
		const { api } = fakeApi({ onPay: () => events.publish(progress({ phase: 'done', outcome: 'unavailable', canCancel: false })) });
		const flow = new PaymentFlow(api, events);
		await flow.load();
		await flow.pay();
		await settle();
		expect(flow.step).toBe('done');
		expect(flow.outcome).toBe('unavailable');
	});

	it('cancels only while it may', async () => {
		const events = new PaymentProgressEvents();
		const { api, calls } = fakeApi();
		const flow = new PaymentFlow(api, events);
		await flow.load();
		await flow.pay();
		events.publish(progress({ status: 'watch-pin-pad', canCancel: false }));
		await flow.cancel();
		expect(calls.cancelled).toEqual([]);
		events.publish(progress({ status: 'insert-card', canCancel: true }));
		await flow.cancel();
		expect(calls.cancelled).toEqual(['p1']);
	});

	it('says why a payment did not start, and why the fees did not load', async () => {
		const { api } = fakeApi({ start: { ok: false, reason: 'terminal-busy' } });
		const flow = new PaymentFlow(api, new PaymentProgressEvents());
		await flow.load();
		await flow.pay();
		expect(flow.step).toBe('not-started');
		expect(flow.refusal).toBe('terminal-busy');

		const broken = new PaymentFlow({ ...api, payableFees: () => Promise.reject(new KioskApiError('library-unavailable')) }, new PaymentProgressEvents());
		await broken.load();
		expect(broken.step).toBe('not-started');
		expect(broken.problem).toBe('library-unavailable');
	});
});
