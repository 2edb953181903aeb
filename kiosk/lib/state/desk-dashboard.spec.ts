import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DashboardHour, DeskDashboard } from '$lib/api/desk-contract';
import { DeskApiFailure, type DeskApi } from '$lib/services/desk-api';
import { chartScale, DeskDashboardState, hourTotals } from './desk-dashboard.svelte';

const hours = (counts: Record<number, [loans: number, returns: number]>): DashboardHour[] =>
	Array.from({ length: 24 }, (_, hour) => ({ hour, loans: counts[hour]?.[0] ?? 0, returns: counts[hour]?.[1] ?? 0, queued: 0 }));

const DASHBOARD: DeskDashboard = {
	today: hours({ 9: [2, 1], 14: [5, 3] }),
	library: { online: true, waiting: 0, exceptions: 0 },
	devices: [{ kind: 'printer', name: 'Receipt printer', port: 'simulated printer', protocol: 'ESC/POS', state: 'ready', reason: null, simulated: true }]
};

function fakeApi(dashboard: DeskApi['dashboard']): DeskApi {
	const unused = () => Promise.reject(new Error('not used here'));
	return {
		session: unused,
		login: unused,
		unlock: unused,
		lock: unused,
		logout: unused,
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
		dashboard
	};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('DeskDashboardState', () => {
	it('loads at start, refreshes every 30 seconds while visible, and not while hidden', async () => {
		vi.useFakeTimers();
		const dashboard = vi.fn(async () => DASHBOARD);
		let visible = true;
		const state = new DeskDashboardState(fakeApi(dashboard), { visible: () => visible, now: () => 1_000 });
		await state.start();
		expect(dashboard).toHaveBeenCalledTimes(1);
		expect(state.dashboard).toEqual(DASHBOARD);
		expect(state.loadedAt).toBe(1_000);
		expect(state.totals).toEqual({ loans: 7, returns: 4, busiest: 14 });

		await vi.advanceTimersByTimeAsync(30_000);
		expect(dashboard).toHaveBeenCalledTimes(2);
		visible = false;
		await vi.advanceTimersByTimeAsync(90_000);
		expect(dashboard).toHaveBeenCalledTimes(2);
		await state.shown();
		expect(dashboard).toHaveBeenCalledTimes(2);
		visible = true;
		await state.shown();
		expect(dashboard).toHaveBeenCalledTimes(3);

		state.clear();
		expect(state.dashboard).toBeNull();
		await vi.advanceTimersByTimeAsync(60_000);
		await state.shown();
		expect(dashboard).toHaveBeenCalledTimes(3);
	});

	it('keeps the last figures and says so when a refresh fails', async () => {
		let fail = false;
		const state = new DeskDashboardState(fakeApi(async () => (fail ? Promise.reject(new DeskApiFailure('failed')) : DASHBOARD)));
		await state.refresh();
		fail = true;
		await state.refresh();
		expect(state.failed).toBe(true);
		expect(state.dashboard).toEqual(DASHBOARD);
		fail = false;
		await state.refresh();
		expect(state.failed).toBe(false);
		state.clear();
	});

	it('forgets everything and tells the desk when the session is gone or locked', async () => {
		const onSignedOut = vi.fn();
		let answer: () => Promise<DeskDashboard> = async () => DASHBOARD;
		const state = new DeskDashboardState(fakeApi(() => answer()), { onSignedOut });
		await state.start();
		answer = () => Promise.reject(new DeskApiFailure('locked', { name: 'anna', role: 'staff' }));
		await state.refresh();
		expect(state.dashboard).toBeNull();
		expect(state.failed).toBe(false);
		expect(onSignedOut).toHaveBeenCalledTimes(1);
	});
});

describe('hourTotals', () => {
	it('adds up the day and finds the busiest hour (the first of equals)', () => {
		expect(hourTotals(hours({}))).toEqual({ loans: 0, returns: 0, busiest: null });
		expect(hourTotals(hours({ 8: [1, 2], 10: [3, 0], 16: [0, 1] }))).toEqual({ loans: 4, returns: 3, busiest: 8 });
	});
});

describe('chartScale', () => {
	it('gives a round top in at most four whole steps', () => {
		expect(chartScale(0)).toEqual({ top: 1, step: 1 });
		expect(chartScale(3)).toEqual({ top: 3, step: 1 });
		expect(chartScale(4)).toEqual({ top: 4, step: 1 });
		expect(chartScale(7)).toEqual({ top: 8, step: 2 });
		expect(chartScale(17)).toEqual({ top: 20, step: 5 });
		expect(chartScale(130)).toEqual({ top: 150, step: 50 });
		for (const highest of [1, 5, 9, 11, 99, 101, 999, 12_345]) {
			const { top, step } = chartScale(highest);
			expect(top).toBeGreaterThanOrEqual(highest);
			expect(top / step).toBeLessThanOrEqual(4);
			expect(Number.isInteger(top / step)).toBe(true);
		}
	});
});
