import { MAX_PASSWORD_LENGTH } from '$server/staff/staff-password';
import { DESK_COOKIE } from '$server/staff/staff-auth';
import { apiRoute, json, readBody, requireStaff, stringField } from '$server/http/api';
import { clearDeskCookie, refuseLogin, sessionInfo, setDeskCookie } from '$server/http/desk-http';
import type { DeskSessionInfo } from '$lib/api/desk-contract';
import type { RequestHandler } from './$types';

/** GET: who is logged in at this desk (any role); 401 `no-session` or `locked` (with whose password opens it). */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => json(sessionInfo(runtime, requireStaff(runtime, event)) satisfies DeskSessionInfo));

/**
 * POST {name, password}: desk login for staff, technicians and admins, 200 with the session and its
 * own httpOnly SameSite=Strict cookie. 401 `wrong-password`; 429 `account-locked` after 5 wrong
 * passwords (also the answer to the one that locks it) or `too-many-attempts` kiosk-wide.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const body = await readBody(event.request);
		const name = stringField(body, 'name', 64);
		const result = await runtime.desk.auth.login(name, stringField(body, 'password', MAX_PASSWORD_LENGTH * 4));
		if (!result.ok) refuseLogin(runtime, name, result.refusal);
		// A login replaces whatever desk session this browser had.
		runtime.desk.auth.logout(event.cookies.get(DESK_COOKIE));
		const { session } = result;
		setDeskCookie(event.cookies, session, event.url);
		runtime.desk.audit.record(session.account, 'login', null, `role ${session.role}`);
		runtime.log.info('desk login', { account: session.account, role: session.role });
		return json(sessionInfo(runtime, session) satisfies DeskSessionInfo);
	});

/** DELETE: logout, also of a locked session. Idempotent; 204. */
export const DELETE: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const found = runtime.desk.auth.lookup(event.cookies.get(DESK_COOKIE));
		if (found.state !== 'none') runtime.desk.audit.record(found.session.account, 'logout', null);
		runtime.desk.auth.logout(event.cookies.get(DESK_COOKIE));
		clearDeskCookie(event.cookies);
		return new Response(null, { status: 204 });
	});
