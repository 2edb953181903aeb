import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStaffStore } from './sqlite-staff-store';
import { DESK_LOCK_MS, DESK_SESSION_MAX_MS, StaffAuth } from './staff-auth';
import { hashPassword } from './staff-password';
import type { StaffStore } from './staff-store';

const IDLE_MS = 10 * 60_000;
let hashes: { anna: string; bert: string };

beforeAll(async () => {
	hashes = { anna: await hashPassword('anna-password'), bert: await hashPassword('bert-password') };
});

function setup(options: { attemptsPerMinute?: number } = {}) {
	const store: StaffStore = openSqliteStaffStore(':memory:');
	const at = new Date('2026-11-23T09:00:00Z');
	store.createAccount({ name: 'anna', role: 'staff', passwordHash: hashes.anna, at });
	store.createAccount({ name: 'bert', role: 'technician', passwordHash: hashes.bert, at });
	const clock = { now: at.getTime() + 1000 };
	const auth = new StaffAuth(store, { idleMs: IDLE_MS, attemptsPerMinute: options.attemptsPerMinute ?? 1000, now: () => clock.now });
	return { store, auth, clock };
}

describe('desk login', () => {
	it('opens a live session for the right name and password, names compared without case', async () => {
		const { auth } = setup();
		const result = await auth.login('Anna', 'anna-password');
		expect(result).toMatchObject({ ok: true, session: { account: 'anna', role: 'staff', locked: false } });
		if (!result.ok) return;
		expect(result.session.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(auth.lookup(result.session.id)).toMatchObject({ state: 'live', session: { account: 'anna' } });
		expect(auth.lookup('guess')).toEqual({ state: 'none' });
		expect(auth.lookup(undefined)).toEqual({ state: 'none' });
	});

	it('answers a wrong password and an unknown name alike, and never logs in a disabled account', async () => {
		const { auth, store } = setup();
		expect(await auth.login('anna', 'wrong-password')).toEqual({ ok: false, refusal: 'wrong-password' });
		expect(await auth.login('nobody', 'anna-password')).toEqual({ ok: false, refusal: 'wrong-password' });
		expect(await auth.login('not a name!', 'anna-password')).toEqual({ ok: false, refusal: 'wrong-password' });
		store.setDisabled('anna', true);
		expect(await auth.login('anna', 'anna-password')).toEqual({ ok: false, refusal: 'wrong-password' });
	});

	it('locks an account after 5 wrong passwords for 15 minutes, even for the right one; other accounts go on', async () => {
		const { auth, clock } = setup();
		for (let attempt = 1; attempt <= 4; attempt++) expect(await auth.login('anna', 'guess-guess')).toEqual({ ok: false, refusal: 'wrong-password' });
		expect(await auth.login('anna', 'guess-guess')).toEqual({ ok: false, refusal: 'account-locked' });
		expect(await auth.login('anna', 'anna-password')).toEqual({ ok: false, refusal: 'account-locked' });
		expect((await auth.login('bert', 'bert-password')).ok).toBe(true);
		clock.now += DESK_LOCK_MS;
		expect((await auth.login('anna', 'anna-password')).ok).toBe(true);
	});

	it('forgets wrong passwords at a right one', async () => {
		const { auth } = setup();
		for (let attempt = 1; attempt <= 4; attempt++) await auth.login('anna', 'guess-guess');
		expect((await auth.login('anna', 'anna-password')).ok).toBe(true);
		expect(await auth.login('anna', 'guess-guess')).toEqual({ ok: false, refusal: 'wrong-password' });
	});

	it('lets only so many desk logins through a minute, all accounts together', async () => {
		const { auth, clock } = setup({ attemptsPerMinute: 3 });
		await auth.login('anna', 'guess-guess');
		await auth.login('nobody', 'guess-guess');
		expect((await auth.login('bert', 'bert-password')).ok).toBe(true);
		expect(await auth.login('anna', 'anna-password')).toEqual({ ok: false, refusal: 'too-many-attempts' });
		clock.now += 60_001;
		expect((await auth.login('anna', 'anna-password')).ok).toBe(true);
	});
});

describe('desk sessions', () => {
	async function loggedIn(name: 'anna' | 'bert' = 'anna') {
		const context = setup();
		const result = await context.auth.login(name, `${name}-password`);
		if (!result.ok) throw new Error('login failed');
		return { ...context, id: result.session.id };
	}

	it('locks after the idle minutes without a request; each request counts as activity', async () => {
		const { auth, clock, id } = await loggedIn();
		clock.now += IDLE_MS - 1;
		expect(auth.lookup(id).state).toBe('live');
		clock.now += IDLE_MS - 1;
		expect(auth.lookup(id).state).toBe('live');
		clock.now += IDLE_MS;
		expect(auth.lookup(id)).toMatchObject({ state: 'locked', session: { account: 'anna' } });
		// Locked stays locked: a look-up is not activity.
		clock.now += 1;
		expect(auth.lookup(id).state).toBe('locked');
	});

	it('locks at once when the page says so', async () => {
		const { auth, id } = await loggedIn();
		auth.lock(id);
		expect(auth.lookup(id).state).toBe('locked');
	});

	it("opens a locked session with its own account's password only, under a new id", async () => {
		const { auth, clock, id } = await loggedIn();
		clock.now += IDLE_MS;
		expect(await auth.unlock(id, 'bert-password')).toEqual({ ok: false, refusal: 'wrong-password' });
		expect(auth.lookup(id).state).toBe('locked');
		const opened = await auth.unlock(id, 'anna-password');
		expect(opened).toMatchObject({ ok: true, session: { account: 'anna', locked: false } });
		if (!opened?.ok) return;
		expect(opened.session.id).not.toBe(id);
		expect(auth.lookup(id).state).toBe('none');
		expect(auth.lookup(opened.session.id).state).toBe('live');
		expect(await auth.unlock('guess', 'anna-password')).toBeNull();
	});

	it('ends at logout, when the account is disabled or its password reset, and 12 hours after login', async () => {
		const { auth, store, clock, id } = await loggedIn();
		auth.logout(id);
		expect(auth.lookup(id).state).toBe('none');

		const second = await auth.login('anna', 'anna-password');
		if (!second.ok) throw new Error('login failed');
		store.setDisabled('anna', true);
		expect(auth.lookup(second.session.id).state).toBe('none');
		store.setDisabled('anna', false);

		const third = await auth.login('anna', 'anna-password');
		if (!third.ok) throw new Error('login failed');
		clock.now += 1;
		store.setPassword('anna', hashes.anna, new Date(clock.now));
		expect(auth.lookup(third.session.id).state).toBe('none');

		clock.now += 1;
		const fourth = await auth.login('anna', 'anna-password');
		if (!fourth.ok) throw new Error('login failed');
		clock.now += DESK_SESSION_MAX_MS;
		expect(auth.lookup(fourth.session.id).state).toBe('none');
	});

	it('follows a role changed in the store', async () => {
		const { auth, store, id } = await loggedIn('bert');
		expect(auth.lookup(id)).toMatchObject({ session: { role: 'technician' } });
		// No setRole in the seam yet: the admin command recreates; here the row is changed as SQL would.
		const account = store.account('bert')!;
		(store as unknown as { account: (name: string) => unknown }).account = (name: string) => (name === 'bert' ? { ...account, role: 'admin' } : null);
		expect(auth.lookup(id)).toMatchObject({ session: { role: 'admin' } });
	});
});
