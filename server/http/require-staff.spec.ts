import type { Cookies } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../kiosk/lib/api/desk-contract';
import type { KioskRuntime } from '../kiosk-runtime';
import { AuditLog, MEMBER_SESSION_ACTOR } from '../staff/audit-log';
import { openSqliteStaffStore } from '../staff/sqlite-staff-store';
import { DESK_COOKIE, StaffAuth } from '../staff/staff-auth';
import { hashPassword } from '../staff/staff-password';
import { ApiFailure, requireStaff, SESSION_COOKIE } from './api';

/** The role checks of every desk and technician route, against real desk sessions. */
const store = openSqliteStaffStore(':memory:');
const audit = new AuditLog(store, { keepDays: 365 });
const auth = new StaffAuth(store, { idleMs: 60_000, attemptsPerMinute: 1000 });
const runtime = { desk: { auth, audit } } as unknown as KioskRuntime;
const ids = {} as Record<StaffRole, string>;

beforeAll(async () => {
	const passwordHash = await hashPassword('a-long-password');
	for (const role of ['staff', 'technician', 'admin'] as const) {
		store.createAccount({ name: `${role}-1`, role, passwordHash, at: new Date() });
		const result = await auth.login(`${role}-1`, 'a-long-password');
		if (!result.ok) throw new Error('login failed');
		ids[role] = result.session.id;
	}
});

function event(cookies: Record<string, string>, route = '/api/desk/accounts') {
	return { cookies: { get: (name: string) => cookies[name] } as Cookies, route: { id: route } };
}

function outcome(run: () => unknown): number | 'ok' {
	try {
		run();
		return 'ok';
	} catch (error) {
		if (error instanceof ApiFailure) return error.status;
		throw error;
	}
}

describe('requireStaff', () => {
	it.each([
		[['staff'], { staff: 'ok', technician: 403, admin: 'ok' }],
		[['technician'], { staff: 403, technician: 'ok', admin: 'ok' }],
		[['admin'], { staff: 403, technician: 403, admin: 'ok' }],
		[[], { staff: 'ok', technician: 'ok', admin: 'ok' }]
	] as const)('for %j lets in %j (an admin may do everything)', (roles, expected) => {
		for (const role of ['staff', 'technician', 'admin'] as const) {
			expect([role, outcome(() => requireStaff(runtime, event({ [DESK_COOKIE]: ids[role] }), ...roles))]).toEqual([role, expected[role]]);
		}
	});

	it('refuses anonymous users and member sessions with 401, and audits a member session and a wrong role', () => {
		expect(outcome(() => requireStaff(runtime, event({}), 'staff'))).toBe(401);
		expect(outcome(() => requireStaff(runtime, event({ [SESSION_COOKIE]: 'member-session-id' }, '/api/desk/audit'), 'staff'))).toBe(401);
		expect(outcome(() => requireStaff(runtime, event({ [DESK_COOKIE]: ids.staff }, '/api/technician/devices'), 'technician'))).toBe(403);
		const [wrongRole, member] = audit.entries(2);
		expect(member).toMatchObject({ actor: MEMBER_SESSION_ACTOR, action: 'access-refused', subject: '/api/desk/audit' });
		expect(wrongRole).toMatchObject({ actor: 'staff-1', action: 'access-refused', subject: '/api/technician/devices', detail: 'role staff' });
	});

	it('answers a locked session with 401 locked, naming whose password opens it', () => {
		auth.lock(ids.technician);
		let failure: ApiFailure | null = null;
		try {
			requireStaff(runtime, event({ [DESK_COOKIE]: ids.technician }), 'technician');
		} catch (error) {
			failure = error as ApiFailure;
		}
		expect(failure).toMatchObject({ status: 401, error: 'locked', details: { name: 'technician-1', role: 'technician' } });
	});
});
