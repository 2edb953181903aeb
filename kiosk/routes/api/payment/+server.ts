import type { PayableFees, PaymentStart } from '$lib/api/contract';
import { apiRoute, feeIdsField, json, readBody, requireSession } from '$server/http/api';
import { feeView } from '$server/payments/fine-item';
import type { RequestHandler } from './$types';

/** GET: the member's open fees, to pick from. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const { fees } = await runtime.circulation.openFees(session);
		return json({
			fees: fees.map(feeView),
			terminal: runtime.devices.takesPayments,
			pickable: fees.length > 1 && fees.every((fee) => fee.id !== null)
		} satisfies PayableFees);
	});

/**
 * POST {feeIds: string[] | null}: pays the member's picked fees (null: all of them) on the payment
 * terminal. Answers at once with the payment's id and amount; the progress comes over the device
 * events stream (`payment`) and from GET /api/payment/[id].
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const body = await readBody(event.request);
		const feeIds = feeIdsField(body);
		return json((await runtime.payments.start(session, feeIds)) satisfies PaymentStart);
	});
