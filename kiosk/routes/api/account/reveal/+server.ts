import type { DetailField, RevealResponse } from '$lib/api/contract';
import { ApiFailure, apiRoute, json, readBody, requireSession } from '$server/http/api';
import type { RequestHandler } from './$types';

const FIELDS: ReadonlySet<string> = new Set<DetailField>(['email', 'phone', 'address']);

/** POST {field}: one of the member's own contact fields, unmasked, for the "show" button. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const { field } = await readBody(event.request);
		if (typeof field !== 'string' || !FIELDS.has(field)) throw new ApiFailure(400, 'bad-request');
		return json({ value: await runtime.circulation.revealDetail(session, field as DetailField) } satisfies RevealResponse);
	});
