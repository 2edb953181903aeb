import { describe, expect, it } from 'vitest';
import type { DeskSessionInfo } from '$lib/api/desk-contract';
import { DeskApiFailure, type DeskApi } from '$lib/services/desk-api';
import { DeskState, roleAllows } from './desk.svelte';

const ANNA: DeskSessionInfo = { name: 'anna', role: 'staff', idleMinutes: 10 };

function fakeApi(overrides: Partial<DeskApi> = {}): DeskApi & { locks: number } {
	const unused = () => Promise.reject(new Error('not used here'));
	const api = {
		locks: 0,
		session: () => Promise.reject(new DeskApiFailure('no-session')),
		login: (name: string, password: string) => (password === 'right-password' ? Promise.resolve({ ...ANNA, name }) : Promise.reject(new DeskApiFailure('wrong-password'))),
		unlock: (password: string) => (password === 'right-password' ? Promise.resolve(ANNA) : Promise.reject(new DeskApiFailure('wrong-password'))),
		lock: async () => {
			api.locks++;
		},
		logout: () => Promise.resolve(),
		accounts: unused,
		createAccount: unused,
		resetPassword: unused,
		setDisabled: unused,
		audit: unused,
		findMember: unused,
		checkout: unused,
		checkin: unused,
		renew: unused,
		offline: unused,
		resolveException: unused,
		dashboard: unused,
		...overrides
	};
	return api;
}

describe('DeskState', () => {
	it('shows the login without a session, and says why a login was refused', async () => {
		const desk = new DeskState(fakeApi());
		await desk.sessionLost();
		expect(desk.view).toBe('login');
		await desk.login('anna', 'wrong');
		expect([desk.view, desk.problem]).toEqual(['login', 'wrong-password']);
		await desk.login('anna', 'right-password');
		expect([desk.view, desk.problem, desk.account?.name]).toEqual(['in', null, 'anna']);
	});

	it('locks after the idle minutes without input, wiping what screens registered, and tells the server', async () => {
		let now = 0;
		const api = fakeApi();
		const desk = new DeskState(api, { now: () => now });
		let wiped = 0;
		desk.onClear(() => wiped++);
		await desk.login('anna', 'right-password');
		now += 9 * 60_000;
		desk.activity();
		now += 9 * 60_000;
		desk.checkIdle();
		expect(desk.view).toBe('in');
		now += 60_000;
		desk.checkIdle();
		await Promise.resolve();
		expect([desk.view, desk.account?.name, wiped, api.locks]).toEqual(['locked', 'anna', 1, 1]);
		// Input on a locked screen is not activity.
		desk.activity();
		await desk.unlock('wrong');
		expect([desk.view, desk.problem]).toEqual(['locked', 'wrong-password']);
		await desk.unlock('right-password');
		expect(desk.view).toBe('in');
	});

	it('shows the lock for the same account when the server says the session is locked', async () => {
		const desk = new DeskState(fakeApi({ session: () => Promise.reject(new DeskApiFailure('locked', { name: 'bert', role: 'technician' })) }));
		await desk.sessionLost();
		expect([desk.view, desk.account?.name]).toEqual(['locked', 'bert']);
		expect(desk.allows()).toBe(false);
	});

	it('wipes at logout', async () => {
		const desk = new DeskState(fakeApi());
		let wiped = 0;
		desk.onClear(() => wiped++);
		await desk.login('anna', 'right-password');
		await desk.logout();
		expect([desk.view, desk.account, wiped]).toEqual(['login', null, 1]);
	});

	it('lets an admin do everything, others only their role', () => {
		expect(roleAllows('admin', ['technician'])).toBe(true);
		expect(roleAllows('technician', ['technician'])).toBe(true);
		expect(roleAllows('staff', ['technician'])).toBe(false);
		expect(roleAllows('technician', ['staff'])).toBe(false);
		expect(roleAllows('staff', [])).toBe(true);
	});
});
