import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { ApiError } from '../../kiosk/lib/api/contract';
import type { DeskApiError, StaffRole } from '../../kiosk/lib/api/desk-contract';
import { InvalidInputError } from '../circulation/circulation-service';
import type { MemberSession } from '../circulation/member-sessions';
import { getKioskRuntime, type KioskRuntime } from '../kiosk-runtime';
import { Sip2Error } from '../sip2';
import { MEMBER_SESSION_ACTOR } from '../staff/audit-log';
import { DESK_COOKIE, type DeskSession } from '../staff/staff-auth';

/**
 * The shared shape of every /api route: JSON in, JSON out, typed ApiError bodies, and the member
 * session from its cookie. Routes stay a few lines each.
 */
export const SESSION_COOKIE = 'kiosk_session';

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly error: ApiError['error'] | DeskApiError['error'],
		/** More for the screen, e.g. whose password opens a locked desk session. */
		readonly details: Omit<DeskApiError, 'error'> = {}
	) {
		super(error);
	}
}

export function json(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Runs a route body; turns every failure into an ApiError the screens have words for. */
export async function apiRoute(event: RequestEvent, run: (runtime: KioskRuntime) => Promise<Response>): Promise<Response> {
	const runtime = await getKioskRuntime();
	try {
		return await run(runtime);
	} catch (error) {
		if (error instanceof ApiFailure) return json({ ...error.details, error: error.error }, error.status);
		if (error instanceof InvalidInputError) return json({ error: 'bad-request' } satisfies ApiError, 400);
		if (error instanceof Sip2Error) {
			runtime.log.warn('library system unavailable for a request', { route: event.route.id, problem: error.kind });
			return json({ error: 'library-unavailable' } satisfies ApiError, 503);
		}
		runtime.log.error('unexpected error in a kiosk request', {
			route: event.route.id,
			problem: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'
		});
		return json({ error: 'internal' } satisfies ApiError, 500);
	}
}

/** The logged-in member's session, or a 401 `no-session`. */
export function requireSession(runtime: KioskRuntime, cookies: Cookies): MemberSession {
	const session = runtime.sessions.touch(cookies.get(SESSION_COOKIE));
	if (!session) throw new ApiFailure(401, 'no-session');
	return session;
}

/** Reads a JSON object body; anything else is a 400. */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
	try {
		const body: unknown = await request.json();
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new ApiFailure(400, 'bad-request');
}

export function stringField(body: Record<string, unknown>, name: string, maxLength = 64, options: { allowEmpty?: boolean } = {}): string {
	const value = body[name];
	if (typeof value !== 'string' || (value.length === 0 && !options.allowEmpty) || value.length > maxLength) throw new ApiFailure(400, 'bad-request');
	return value;
}

/**
 * The guard of every desk and technician route: the live desk session, or 401 `no-session` (none;
 * a member's session counts for nothing here) or 401 `locked` (idle too long: the same account's
 * password opens it). With roles, 403 `forbidden` unless the account has one of them; an admin may
 * do everything. No roles: any desk account. Refusals of a member session and of a wrong role go
 * to the audit log.
 */
export function requireStaff(runtime: KioskRuntime, event: { cookies: Cookies; route: { id: string | null } }, ...roles: StaffRole[]): DeskSession {
	const { auth, audit } = runtime.desk;
	const found = auth.lookup(event.cookies.get(DESK_COOKIE));
	if (found.state === 'none') {
		if (event.cookies.get(SESSION_COOKIE)) audit.record(MEMBER_SESSION_ACTOR, 'access-refused', { ref: event.route.id ?? '?' }, 'no desk session');
		throw new ApiFailure(401, 'no-session');
	}
	const { session } = found;
	if (found.state === 'locked') throw new ApiFailure(401, 'locked', { name: session.account, role: session.role });
	if (roles.length > 0 && session.role !== 'admin' && !roles.includes(session.role)) {
		audit.record(session.account, 'access-refused', { ref: event.route.id ?? '?' }, `role ${session.role}`);
		throw new ApiFailure(403, 'forbidden');
	}
	return session;
}

/** `feeIds`: the fees picked to pay, or null (absent) for all of them. */
export function feeIdsField(body: Record<string, unknown>): string[] | null {
	const value = body.feeIds;
	if (value === null || value === undefined) return null;
	if (!Array.isArray(value) || value.length === 0 || value.length > 100 || !value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64)) {
		throw new ApiFailure(400, 'bad-request');
	}
	return value as string[];
}
