import type { PaymentView } from '$lib/api/contract';
import { ApiFailure, apiRoute, json, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/** GET (staff): a desk payment as it stands. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		const view = runtime.payments.view(event.params.id, 'staff');
		if (!view) throw new ApiFailure(404, 'bad-request');
		// The member's standing is for the member's own screens; the desk looks the member up again.
		return json({ ...view, member: null } satisfies PaymentView);
	});

/** DELETE (staff): cancels, only until the terminal has the card. */
export const DELETE: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		return json({ cancelled: await runtime.payments.cancel(event.params.id, 'staff') });
	});
