import type { LoginResponse } from '$lib/api/contract';
import { apiRoute, json, readBody, SESSION_COOKIE, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * Log in with card and PIN. On success the browser gets only an opaque session id, httpOnly.
 * The PIN may be empty only while the library system is unreachable (offline only the card's form
 * can be checked); online an empty PIN is answered with `pin-needed`.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ circulation, sessions }) => {
		const body = await readBody(event.request);
		const { response, member } = await circulation.login(stringField(body, 'card'), stringField(body, 'pin', 32, { allowEmpty: true }));
		// A login replaces whatever session this browser had: one member at a time per kiosk screen.
		const previous = sessions.end(event.cookies.get(SESSION_COOKIE));
		if (previous) await circulation.endSession(previous);
		if (member) {
			const session = sessions.create(member.patronId, member.pin, member.member);
			event.cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure: event.url.protocol === 'https:' });
		}
		return json(response satisfies LoginResponse);
	});

/** End the member's session everywhere: the library system (35), the server, the cookie. Idempotent. */
export const DELETE: RequestHandler = (event) =>
	apiRoute(event, async ({ circulation, sessions, payments }) => {
		const session = sessions.end(event.cookies.get(SESSION_COOKIE));
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
		if (session) {
			// A payment still waiting for the card is aborted; one the terminal has goes on and is recorded.
			await payments.sessionEnded(session);
			await circulation.endSession(session);
		}
		return new Response(null, { status: 204, headers: { 'clear-site-data': '"cookies"' } });
	});
