/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The kiosk's service worker: keeps the app shell (the page every route serves with ssr off, the
 * built scripts and styles, the static files) so that a kiosk browser restarted while the kiosk
 * server is unreachable still shows the welcome screen.
 *
 * Nothing personal is ever cached: /api (the only source of member data) is never touched here,
 * nor is any request other than a same-origin GET. The one cache, `kiosk-shell-<version>`, holds
 * only what every visitor gets; its prefix is what the end-of-session wipe keeps (see
 * `$lib/services/session-end`).
 *
 * A new version installs in the background and then waits: it takes over only when the page
 * sends `{ type: 'SKIP_WAITING' }`, which `$lib/services/app-updates` does on the welcome
 * screen, never during a member's session.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** Keep in step with SHELL_CACHE_PREFIX in $lib/services/session-end. */
const SHELL_CACHE_PREFIX = 'kiosk-shell';
const CACHE = `${SHELL_CACHE_PREFIX}-${version}`;
/** What a navigation gets when the server cannot be reached: with ssr off every route serves this same page. */
const SHELL = '/';
/** A navigation waits this long for the server before the cached shell is shown. */
const NAVIGATION_TIMEOUT_MS = 4000;

/** The built app and the static files. `_app/version.json` is for update polling, so it is always asked of the server. */
const ASSETS = new Set([...build, ...files].filter((path) => !path.endsWith('/_app/version.json')));

/** /api, and anything below it, belongs to the network alone. */
function isApi(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}

sw.addEventListener('install', (event) => {
	// No skipWaiting(): the page decides when a new version may take over.
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS]);
			// The shell as the server serves it now, past the browser's HTTP cache.
			const shell = await fetch(new Request(SHELL, { cache: 'reload', credentials: 'omit' }));
			if (!shell.ok) throw new Error(`the app shell answered ${shell.status}`);
			await cache.put(SHELL, shell);
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith(SHELL_CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
			}
			// Control the page that installed the first version at once, so it starts offline after its first load.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (data && typeof data === 'object' && 'type' in data && data.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || isApi(url.pathname)) return;

	if (request.mode === 'navigate') {
		event.respondWith(navigation(request));
		return;
	}
	if (ASSETS.has(url.pathname)) event.respondWith(asset(request, url.pathname));
	// Anything else: not answered here, the browser goes to the network as if there were no service worker.
});

/** Network first; the cached shell when the server does not answer (in time). */
async function navigation(request: Request): Promise<Response> {
	const network = fetch(request);
	try {
		const response = await Promise.race([network, timeout(NAVIGATION_TIMEOUT_MS)]);
		if (response) return response;
	} catch {
		// Unreachable: the shell below.
	}
	const shell = await (await caches.open(CACHE)).match(SHELL);
	// No shell cached (should not happen once installed): the network's own answer or failure.
	return shell ?? network;
}

/** Cache first: the built files are immutable per version. */
async function asset(request: Request, pathname: string): Promise<Response> {
	const cached = await (await caches.open(CACHE)).match(pathname);
	return cached ?? fetch(request);
}

function timeout(ms: number): Promise<undefined> {
	return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
