import type { PaymentAttention } from '$lib/api/contract';
import { apiRoute, json, requireStaff } from '$server/http/api';
import { maskCardNumber } from '$lib/privacy/mask';
import type { RequestHandler } from './$types';

/**
 * GET (staff): payments that need staff: taken but refused by the library system, approved but not
 * yet passed on, or with an outcome the terminal never gave. The card masked.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		const payments = runtime.payments.attention().map((payment) => ({
			id: payment.id,
			at: payment.at.toISOString(),
			state: payment.state,
			card: payment.card ? maskCardNumber(payment.card) : '',
			amount: payment.amount,
			reference: payment.reference,
			problem: payment.problem
		}));
		return json({ payments } satisfies { payments: PaymentAttention[] });
	});
