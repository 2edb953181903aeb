import type { BorrowOutcome } from '$lib/api/contract';
import { apiRoute, json, readBody, requireSession, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const itemId = stringField(await readBody(event.request), 'itemId');
		return json((await runtime.circulation.borrow(session, itemId)) satisfies BorrowOutcome);
	});
