import { DESK_COOKIE } from '$server/staff/staff-auth';
import { apiRoute } from '$server/http/api';
import type { RequestHandler } from './$types';

/** POST: the page's own idle timer ran out; the session locks now rather than at the server's next look. Idempotent; 204. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		runtime.desk.auth.lock(event.cookies.get(DESK_COOKIE));
		return new Response(null, { status: 204 });
	});
