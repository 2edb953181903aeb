import { describe, expect, it, vi } from 'vitest';
import { clearSession, createSessionEnd, expireCookies, SHELL_CACHE_PREFIX, type SessionEndEnvironment } from './session-end';

/** A document whose cookie jar behaves like the browser's for name=value and expiry. */
function cookieJar(initial: Record<string, string>) {
	const jar = new Map(Object.entries(initial));
	const writes: string[] = [];
	return {
		jar,
		writes,
		get cookie() {
			return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		},
		set cookie(value: string) {
			writes.push(value);
			const [pair] = value.split(';');
			const [name = '', val = ''] = (pair ?? '').split('=');
			if (/expires=Thu, 01 Jan 1970/.test(value)) jar.delete(name.trim());
			else jar.set(name.trim(), val);
		}
	};
}

function environment(overrides: Partial<SessionEndEnvironment> = {}) {
	const cacheNames = ['member-data', `${SHELL_CACHE_PREFIX}-v1`];
	const deleteDatabase = vi.fn((_name: string) => ({}) as IDBOpenDBRequest);
	const cookies = cookieJar({ theme: 'x', lang: 'en' });
	const env: SessionEndEnvironment & { resetLanguage: () => void; leave: () => void } = {
		endServerSession: vi.fn(async () => {}),
		sessionStorage: { clear: vi.fn() },
		localStorage: { clear: vi.fn() },
		indexedDB: {
			databases: vi.fn(async () => [{ name: 'a' }, { name: 'b' }, {}]),
			deleteDatabase
		},
		caches: {
			keys: vi.fn(async () => [...cacheNames]),
			delete: vi.fn(async (name: string) => {
				const index = cacheNames.indexOf(name);
				if (index >= 0) cacheNames.splice(index, 1);
				return index >= 0;
			})
		},
		document: cookies,
		pathname: '/account',
		resetLanguage: vi.fn(),
		leave: vi.fn(),
		...overrides
	};
	return { env, cacheNames, deleteDatabase, cookies };
}

describe('session end', () => {
	it('ends the server session and wipes everything the page can hold', async () => {
		const { env, cacheNames, deleteDatabase, cookies } = environment();
		await clearSession(env);
		expect(env.endServerSession).toHaveBeenCalledTimes(1);
		expect(env.sessionStorage?.clear).toHaveBeenCalled();
		expect(env.localStorage?.clear).toHaveBeenCalled();
		expect(deleteDatabase.mock.calls.map((call) => call[0])).toEqual(['a', 'b']);
		expect(cacheNames).toEqual([`${SHELL_CACHE_PREFIX}-v1`]);
		expect(cookies.jar.size).toBe(0);
		expect(env.resetLanguage).toHaveBeenCalled();
	});

	it('ignores a failing server and failing wipe steps', async () => {
		const { env } = environment({
			endServerSession: vi.fn(async () => {
				throw new Error('offline');
			}),
			sessionStorage: {
				clear: () => {
					throw new Error('denied');
				}
			}
		});
		await expect(clearSession(env)).resolves.toBeUndefined();
		expect(env.localStorage?.clear).toHaveBeenCalled();
		expect(env.resetLanguage).toHaveBeenCalled();
	});

	it('does not wait forever for the server', async () => {
		const { env } = environment({ endServerSession: () => new Promise<void>(() => {}), serverTimeoutMs: 10 });
		await expect(clearSession(env)).resolves.toBeUndefined();
		expect(env.resetLanguage).toHaveBeenCalled();
	});

	it('works where IndexedDB cannot list databases and Cache Storage is absent', async () => {
		const { env } = environment({ indexedDB: { deleteDatabase: vi.fn() as never }, caches: undefined });
		await expect(clearSession(env)).resolves.toBeUndefined();
	});

	it('is idempotent: repeated calls share one run and leave once', async () => {
		const { env } = environment();
		const end = createSessionEnd(() => env);
		const first = end();
		const second = end();
		expect(second).toBe(first);
		await first;
		await end();
		expect(env.endServerSession).toHaveBeenCalledTimes(1);
		expect(env.leave).toHaveBeenCalledTimes(1);
	});

	it('leaves only after the wipe', async () => {
		const order: string[] = [];
		const { env } = environment({
			starting: () => order.push('starting'),
			resetLanguage: () => order.push('reset'),
			leave: () => order.push('leave')
		});
		await createSessionEnd(() => env)();
		expect(order).toEqual(['starting', 'reset', 'leave']);
	});
});

describe('expireCookies', () => {
	it('expires each cookie on / and on each parent path', () => {
		const doc = cookieJar({ a: '1' });
		expireCookies(doc, '/x/y');
		expect(doc.writes).toEqual([
			'a=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/',
			'a=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/x',
			'a=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/x/y'
		]);
	});

	it('does nothing without cookies', () => {
		const doc = cookieJar({});
		expireCookies(doc);
		expect(doc.writes).toEqual([]);
	});
});
