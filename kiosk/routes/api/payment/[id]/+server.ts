import type { PaymentView } from '$lib/api/contract';
import { ApiFailure, apiRoute, json, requireSession } from '$server/http/api';
import type { RequestHandler } from './$types';

/** GET: the member's payment as it stands; once done, the member as the library system now sees them. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const view = runtime.payments.view(event.params.id, session);
		if (!view) throw new ApiFailure(404, 'bad-request');
		return json(view satisfies PaymentView);
	});

/** DELETE: the member cancels; possible only until the terminal has the card. */
export const DELETE: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		return json({ cancelled: await runtime.payments.cancel(event.params.id, session) });
	});
