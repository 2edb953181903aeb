import type { RenewOutcome } from '$lib/api/contract';
import { DeskService } from '$server/desk/desk-service';
import { ApiFailure, apiRoute, json, readBody, requireStaff, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/** POST {card, itemId} (staff): renew the member's loan at the desk. 404 for an unknown card. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		const body = await readBody(event.request);
		const outcome = await new DeskService(runtime.circulation, { libraryName: runtime.config.libraryName }).renew(stringField(body, 'card', 40), stringField(body, 'itemId'));
		if (!outcome) throw new ApiFailure(404, 'bad-request');
		return json(outcome satisfies RenewOutcome);
	});
