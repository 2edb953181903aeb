import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { ApiError } from '../../kiosk/lib/api/contract';
import { InvalidInputError } from '../circulation/circulation-service';
import type { MemberSession } from '../circulation/member-sessions';
import { getKioskRuntime, type KioskRuntime } from '../kiosk-runtime';
import { Sip2Error } from '../sip2';
import { TECHNICIAN_COOKIE } from './technician-auth';

/**
 * The shared shape of every /api route: JSON in, JSON out, typed ApiError bodies, and the member
 * session from its cookie. Routes stay a few lines each.
 */
export const SESSION_COOKIE = 'kiosk_session';

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly error: ApiError['error']
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
		if (error instanceof ApiFailure) return json({ error: error.error } satisfies ApiError, error.status);
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
 * The technician page's guard: 404 when the kiosk has no technician password (the page does not
 * exist), 401 without a live technician session. A member session cookie counts for nothing here.
 */
export function requireTechnician(runtime: KioskRuntime, cookies: Cookies): void {
	if (!runtime.technician) throw new ApiFailure(404, 'bad-request');
	if (!runtime.technician.valid(cookies.get(TECHNICIAN_COOKIE))) throw new ApiFailure(401, 'no-session');
}
