import type { PaymentStart } from '$lib/api/contract';
import { ApiFailure, apiRoute, feeIdsField, json, readBody, requireStaff, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * POST {card, feeIds, method} (staff): a member pays fees at the desk, by card on the desk's
 * terminal or in cash that staff took. Cash is recorded at once; a card payment runs as at the
 * kiosk (progress over the device events stream). Audited with the card masked.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const staff = requireStaff(runtime, event, 'staff');
		const body = await readBody(event.request);
		const card = stringField(body, 'card', 40);
		const method = body.method;
		if (method !== 'card' && method !== 'cash') throw new ApiFailure(400, 'bad-request');
		const found = await runtime.circulation.memberForStaff(card);
		if (!found) throw new ApiFailure(400, 'bad-request');
		const started = await runtime.payments.start(found.session, feeIdsField(body), { place: 'desk', staff: staff.account, method });
		if (started.ok) runtime.desk.audit.record(staff.account, 'payment-taken', { card }, `${method} ${started.amount.currency} ${started.amount.amount}`);
		return json(started satisfies PaymentStart);
	});
