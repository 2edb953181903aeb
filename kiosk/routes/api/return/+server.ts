import type { ReturnOutcome } from '$lib/api/contract';
import { apiRoute, json, readBody, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/** Returns need no login: anyone may bring an item back. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ circulation }) => {
		const itemId = stringField(await readBody(event.request), 'itemId');
		return json((await circulation.returnItem(itemId)) satisfies ReturnOutcome);
	});
