import { ApiFailure, apiRoute, json, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/** POST (staff): the payment is put right by hand (in the library system, or at the terminal); audited. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const staff = requireStaff(runtime, event, 'staff');
		if (!runtime.payments.settle(event.params.id)) throw new ApiFailure(404, 'bad-request');
		runtime.desk.audit.record(staff.account, 'payment-settled', { ref: event.params.id.slice(0, 8) });
		return json({ ok: true });
	});
