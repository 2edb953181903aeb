import { ApiFailure, apiRoute, readBody, stringField } from '$server/http/api';
import { TECHNICIAN_COOKIE, TECHNICIAN_SESSION_MS } from '$server/http/technician-auth';
import type { RequestHandler } from './$types';

/**
 * POST {password}: technician login, 204 with its own httpOnly SameSite=Strict cookie; a wrong
 * password is 401; 429 while technician login is locked after too many wrong passwords (also the
 * answer to the wrong password that locks it). DELETE logs out. 404 when the kiosk has no
 * technician password.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ technician, log }) => {
		if (!technician) throw new ApiFailure(404, 'bad-request');
		const password = stringField(await readBody(event.request), 'password', 256);
		const wasLocked = technician.locked;
		const id = technician.login(password);
		if (!id) {
			if (!technician.locked) {
				log.warn('technician login refused');
				throw new ApiFailure(401, 'no-session');
			}
			if (!wasLocked) log.warn('technician login locked after wrong passwords');
			throw new ApiFailure(429, 'no-session');
		}
		log.info('technician logged in');
		event.cookies.set(TECHNICIAN_COOKIE, id, {
			path: '/api/technician',
			httpOnly: true,
			sameSite: 'strict',
			secure: event.url.protocol === 'https:',
			maxAge: TECHNICIAN_SESSION_MS / 1000
		});
		return new Response(null, { status: 204 });
	});

export const DELETE: RequestHandler = (event) =>
	apiRoute(event, async ({ technician }) => {
		if (!technician) throw new ApiFailure(404, 'bad-request');
		technician.logout(event.cookies.get(TECHNICIAN_COOKIE));
		event.cookies.delete(TECHNICIAN_COOKIE, { path: '/api/technician' });
		return new Response(null, { status: 204 });
	});
