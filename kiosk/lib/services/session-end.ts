/**
 * The one end-of-session routine: "Klaar", the finish screen and the idle timeout all end here.
 *
 * It asks the server to drop the member session (failures ignored), wipes everything the page
 * could have kept (sessionStorage, localStorage, IndexedDB, Cache Storage, readable cookies),
 * resets the language to Dutch and leaves with `location.replace('/')`, so the Back history
 * holds no member pages and the next visitor starts from a fresh page.
 *
 * Idempotent: calling it again while it runs returns the same promise. The same wipe (without
 * leaving) also runs once when the kiosk starts on the welcome screen.
 */
import { i18n } from '$lib/i18n/i18n.svelte';
import { sessionEnding } from '$lib/state/session-ending.svelte';
import { kioskApi } from './kiosk-api';

/** Cache Storage names with this prefix belong to the app shell (offline start-up) and are kept. */
export const SHELL_CACHE_PREFIX = 'kiosk-shell';

/** What the routine touches, injectable so it can be tested without a browser. */
export interface SessionEndEnvironment {
	/** First thing the routine does (the page hides member data). */
	starting?(): void;
	endServerSession(): Promise<void>;
	sessionStorage?: Pick<Storage, 'clear'>;
	localStorage?: Pick<Storage, 'clear'>;
	indexedDB?: Pick<IDBFactory, 'deleteDatabase'> & { databases?: () => Promise<Array<{ name?: string }>> };
	caches?: Pick<CacheStorage, 'keys' | 'delete'>;
	/** `document`, for its cookies. */
	document?: { cookie: string };
	/** The current path, for cookies set on a sub path. */
	pathname?: string;
	resetLanguage(): void;
	/** Leave for the welcome screen without a history entry. */
	leave(): void;
	/** Upper bound on the server call, so a hanging server cannot keep member data on screen. */
	serverTimeoutMs?: number;
}

async function quietly(work: () => unknown): Promise<void> {
	try {
		await work();
	} catch {
		// A wipe step that fails must not stop the others.
	}
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		promise.then(
			() => {
				clearTimeout(timer);
				resolve(undefined);
			},
			() => {
				clearTimeout(timer);
				resolve(undefined);
			}
		);
	});
}

/** Expires every cookie the page can read, on the root path and each parent of `pathname`. */
export function expireCookies(doc: { cookie: string }, pathname = '/'): void {
	const names = doc.cookie
		.split(';')
		.map((part) => part.split('=')[0]?.trim() ?? '')
		.filter((name) => name.length > 0);
	const segments = pathname.split('/').filter(Boolean);
	const paths = ['/'];
	for (let i = 1; i <= segments.length; i++) paths.push('/' + segments.slice(0, i).join('/'));
	for (const name of names) {
		for (const path of paths) {
			doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=${path}`;
		}
	}
}

/** Clears what the page may hold about a member, without leaving the page. */
export async function wipeLocal(env: SessionEndEnvironment): Promise<void> {
	await quietly(() => env.sessionStorage?.clear());
	await quietly(() => env.localStorage?.clear());
	await quietly(async () => {
		const idb = env.indexedDB;
		if (!idb || typeof idb.databases !== 'function') return;
		const databases = await idb.databases();
		for (const { name } of databases) if (name) idb.deleteDatabase(name);
	});
	await quietly(async () => {
		const caches = env.caches;
		if (!caches) return;
		for (const name of await caches.keys()) {
			if (!name.startsWith(SHELL_CACHE_PREFIX)) await caches.delete(name);
		}
	});
	await quietly(() => env.document && expireCookies(env.document, env.pathname));
	await quietly(() => env.resetLanguage());
}

/** Ends the server session (never throws, never waits forever), then wipes the page. */
export async function clearSession(env: SessionEndEnvironment): Promise<void> {
	await withTimeout(
		(async () => env.endServerSession())(),
		env.serverTimeoutMs ?? 3000
	);
	await wipeLocal(env);
}

/** Builds a routine that runs at most once at a time for `env`. */
export function createSessionEnd(env: () => SessionEndEnvironment): () => Promise<void> {
	let running: Promise<void> | null = null;
	return () => {
		running ??= (async () => {
			const environment = env();
			try {
				environment.starting?.();
			} catch {
				// Hiding is a courtesy; the wipe must run regardless.
			}
			await clearSession(environment);
			environment.leave();
		})();
		return running;
	};
}

/** The real browser environment. */
export function browserEnvironment(): SessionEndEnvironment {
	const w = globalThis as Partial<Window & typeof globalThis>;
	return {
		starting: () => {
			sessionEnding.active = true;
		},
		endServerSession: () => kioskApi.endSession(),
		sessionStorage: safe(() => w.sessionStorage),
		localStorage: safe(() => w.localStorage),
		indexedDB: safe(() => w.indexedDB),
		caches: safe(() => w.caches),
		document: safe(() => w.document),
		pathname: safe(() => w.location?.pathname),
		resetLanguage: () => i18n.reset(),
		leave: () => w.location?.replace('/')
	};
}

/** Some storage getters throw (e.g. when storage is disabled); treat that as absent. */
function safe<T>(get: () => T | undefined): T | undefined {
	try {
		return get();
	} catch {
		return undefined;
	}
}

/** End the member session and go back to the welcome screen. Safe to call repeatedly. */
export const endSession: () => Promise<void> = createSessionEnd(browserEnvironment);

let startupWipe: Promise<void> | null = null;

/**
 * Once per page load on the welcome screen: drop any session a crashed or abandoned page left
 * behind and clear local traces. Login waits for it so the two requests cannot cross.
 */
export function wipeAtStartup(): Promise<void> {
	// The page has just loaded, so the language is already Dutch; do not undo a quick tap on the toggle.
	startupWipe ??= clearSession({ ...browserEnvironment(), starting: undefined, resetLanguage: () => {} });
	return startupWipe;
}

/** The start-up wipe if one has begun, so login can wait for it. */
export function startupWipeDone(): Promise<void> {
	return startupWipe ?? Promise.resolve();
}
