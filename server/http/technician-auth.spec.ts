import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { KioskRuntime } from '../kiosk-runtime';
import { ApiFailure, requireTechnician, SESSION_COOKIE } from './api';
import { TECHNICIAN_COOKIE, TECHNICIAN_LOCK_MS, TECHNICIAN_SESSION_MS, TechnicianAuth } from './technician-auth';

function cookies(values: Record<string, string>): Cookies {
	return { get: (name: string) => values[name] } as unknown as Cookies;
}

function refusal(run: () => void): number | null {
	try {
		run();
		return null;
	} catch (error) {
		if (error instanceof ApiFailure) return error.status;
		throw error;
	}
}

describe('TechnicianAuth', () => {
	it('refuses a wrong password and gives a fresh random session for the right one', () => {
		const auth = new TechnicianAuth('tech-test');
		expect(auth.login('tech-tesT')).toBeNull();
		expect(auth.login('')).toBeNull();
		expect(auth.login('tech-test-and-more')).toBeNull();
		const first = auth.login('tech-test');
		const second = auth.login('tech-test');
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(second).not.toBe(first);
		expect(auth.valid(first!)).toBe(true);
		expect(auth.valid('made-up')).toBe(false);
		expect(auth.valid(undefined)).toBe(false);
	});

	it('ends a session 15 minutes after login, and at logout', () => {
		let now = 0;
		const auth = new TechnicianAuth('tech-test', { now: () => now });
		const id = auth.login('tech-test')!;
		now = TECHNICIAN_SESSION_MS - 1;
		expect(auth.valid(id)).toBe(true);
		now = TECHNICIAN_SESSION_MS;
		expect(auth.valid(id)).toBe(false);
		const other = auth.login('tech-test')!;
		auth.logout(other);
		expect(auth.valid(other)).toBe(false);
	});
});

describe('TechnicianAuth lock', () => {
	it('locks technician login at the fifth wrong password, for 15 minutes, even for the right one', () => {
		let now = 0;
		const auth = new TechnicianAuth('tech-test', { now: () => now });
		for (let i = 0; i < 4; i++) expect(auth.login('guess')).toBeNull();
		expect(auth.locked).toBe(false);
		expect(auth.login('guess')).toBeNull();
		expect(auth.locked).toBe(true);
		expect(auth.login('tech-test')).toBeNull();
		now = TECHNICIAN_LOCK_MS - 1;
		expect(auth.login('tech-test')).toBeNull();
		now = TECHNICIAN_LOCK_MS;
		expect(auth.locked).toBe(false);
		expect(auth.login('tech-test')).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('forgets wrong passwords at the right one, and 15 minutes after the last wrong one', () => {
		let now = 0;
		const auth = new TechnicianAuth('tech-test', { now: () => now });
		for (let i = 0; i < 4; i++) auth.login('guess');
		expect(auth.login('tech-test')).not.toBeNull();
		for (let i = 0; i < 4; i++) auth.login('guess');
		expect(auth.locked).toBe(false);
		now = TECHNICIAN_LOCK_MS;
		expect(auth.login('guess')).toBeNull();
		expect(auth.locked).toBe(false);
	});

	it('does not touch live sessions while locked', () => {
		const auth = new TechnicianAuth('tech-test', { maxAttempts: 2 });
		const id = auth.login('tech-test')!;
		auth.login('a');
		auth.login('b');
		expect(auth.locked).toBe(true);
		expect(auth.valid(id)).toBe(true);
	});
});

describe('requireTechnician', () => {
	const runtime = (technician: TechnicianAuth | null) => ({ technician }) as unknown as KioskRuntime;

	it('answers 404 when the kiosk has no technician password', () => {
		expect(refusal(() => requireTechnician(runtime(null), cookies({})))).toBe(404);
	});

	it('answers 401 without a technician session, also for a member session cookie', () => {
		const auth = new TechnicianAuth('tech-test');
		const id = auth.login('tech-test')!;
		expect(refusal(() => requireTechnician(runtime(auth), cookies({})))).toBe(401);
		// A member's cookie, even one carrying a technician session id, is not the technician cookie.
		expect(refusal(() => requireTechnician(runtime(auth), cookies({ [SESSION_COOKIE]: id })))).toBe(401);
		expect(refusal(() => requireTechnician(runtime(auth), cookies({ [TECHNICIAN_COOKIE]: 'guess' })))).toBe(401);
		expect(refusal(() => requireTechnician(runtime(auth), cookies({ [TECHNICIAN_COOKIE]: id })))).toBeNull();
	});
});
