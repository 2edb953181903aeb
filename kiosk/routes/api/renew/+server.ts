import type { RenewResponse } from '$lib/api/contract';
import { apiRoute, json, readBody, requireSession, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const body = await readBody(event.request);
		const outcomes =
			body.all === true
				? await runtime.circulation.renewAll(session)
				: [await runtime.circulation.renew(session, stringField(body, 'itemId'))];
		return json({ outcomes } satisfies RenewResponse);
	});
