/**
 * What the desk's routes share: the session cookie, the answer that describes a session, and how
 * a refused login is answered, logged and audited.
 */
import type { Cookies } from '@sveltejs/kit';
import type { DeskSessionInfo } from '../../kiosk/lib/api/desk-contract';
import type { KioskRuntime } from '../kiosk-runtime';
import { DESK_COOKIE, type DeskLoginRefusal, type DeskSession } from '../staff/staff-auth';
import { MIN_PASSWORD_LENGTH, PasswordPolicyError } from '../staff/staff-password';
import { AccountExistsError, InvalidAccountNameError, normaliseAccountName, UnknownAccountError } from '../staff/staff-store';
import { ApiFailure } from './api';

/** Sent to /api only (the desk's and the technician page's calls); ends with the browser or at logout. */
export function setDeskCookie(cookies: Cookies, session: DeskSession, url: URL): void {
	cookies.set(DESK_COOKIE, session.id, { path: '/api', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:' });
}

export function clearDeskCookie(cookies: Cookies): void {
	cookies.delete(DESK_COOKIE, { path: '/api' });
}

export function sessionInfo(runtime: KioskRuntime, session: DeskSession): DeskSessionInfo {
	return { name: session.account, role: session.role, idleMinutes: runtime.desk.config.idleMinutes };
}

/**
 * 401 for a wrong password, 429 while the account or desk logins are locked. The audit names the
 * account only when it exists: what was typed into the name field may be anything, even a password.
 */
export function refuseLogin(runtime: KioskRuntime, typedName: string, refusal: DeskLoginRefusal): never {
	let known: string | null = null;
	try {
		known = normaliseAccountName(typedName);
		if (!runtime.desk.store.account(known)) known = null;
	} catch {
		known = null;
	}
	runtime.desk.audit.record(known ?? 'unknown account', 'login-refused', null, refusal);
	runtime.log.warn('desk login refused', { refusal, account: known ?? 'unknown' });
	throw new ApiFailure(refusal === 'wrong-password' ? 401 : 429, refusal);
}

/** The account rules' errors (server/staff) as the answers the desk page has words for. */
export async function accountErrors<T>(run: () => Promise<T> | T): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof InvalidAccountNameError) throw new ApiFailure(400, 'invalid-name');
		if (error instanceof PasswordPolicyError) {
			throw error.problem === 'too-short' ? new ApiFailure(400, 'password-too-short', { minLength: MIN_PASSWORD_LENGTH }) : new ApiFailure(400, 'password-too-long');
		}
		if (error instanceof AccountExistsError) throw new ApiFailure(409, 'account-exists');
		if (error instanceof UnknownAccountError) throw new ApiFailure(404, 'no-such-account');
		throw error;
	}
}
