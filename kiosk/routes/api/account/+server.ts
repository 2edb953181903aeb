import type { Account } from '$lib/api/contract';
import { apiRoute, json, requireSession } from '$server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		return json((await runtime.circulation.account(session)) satisfies Account);
	});
