import { MAX_PASSWORD_LENGTH } from '$server/staff/staff-password';
import { DESK_COOKIE } from '$server/staff/staff-auth';
import { ApiFailure, apiRoute, json, readBody, stringField } from '$server/http/api';
import { refuseLogin, sessionInfo, setDeskCookie } from '$server/http/desk-http';
import type { DeskSessionInfo } from '$lib/api/desk-contract';
import type { RequestHandler } from './$types';

/**
 * POST {password}: opens a locked desk session with its own account's password (another person
 * logs out and in instead). A fresh session id and cookie; wrong passwords count towards the
 * account's lock as at login. 401 `no-session` when there is no session to open.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const password = stringField(await readBody(event.request), 'password', MAX_PASSWORD_LENGTH * 4);
		const found = runtime.desk.auth.lookup(event.cookies.get(DESK_COOKIE));
		const result = await runtime.desk.auth.unlock(event.cookies.get(DESK_COOKIE), password);
		if (!result || found.state === 'none') throw new ApiFailure(401, 'no-session');
		if (!result.ok) refuseLogin(runtime, found.session.account, result.refusal);
		setDeskCookie(event.cookies, result.session, event.url);
		runtime.desk.audit.record(result.session.account, 'unlock', null);
		return json(sessionInfo(runtime, result.session) satisfies DeskSessionInfo);
	});
