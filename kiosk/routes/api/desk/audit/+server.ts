import { ApiFailure, apiRoute, json, requireStaff } from '$server/http/api';
import type { AuditEntryView } from '$lib/api/desk-contract';
import type { RequestHandler } from './$types';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 5_000;

/** GET ?limit=N (admin): the newest audit entries first; members appear only as masked card numbers. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'admin');
		const raw = event.url.searchParams.get('limit');
		const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ApiFailure(400, 'bad-request');
		return json(
			runtime.desk.audit.entries(limit).map(({ id, at, actor, action, subject, detail }) => ({ id, at: at.toISOString(), actor, action, subject, detail })) satisfies AuditEntryView[]
		);
	});
