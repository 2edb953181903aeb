import type { Handle, ServerInit } from '@sveltejs/kit';
import { getKioskRuntime } from '$server/kiosk-runtime';

/** Start the library system connection (and the bundled demo library) with the server, not on the first request. */
export const init: ServerInit = async () => {
	const runtime = await getKioskRuntime();
	process.once('sveltekit:shutdown', () => void runtime.close());
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browser features the kiosk never uses, off for every page: the payment terminal, scanners and
 * RFID pad are the server's hardware, not the browser's. (The CSP is kit.csp in svelte.config.js.)
 */
const PERMISSIONS_POLICY = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid'].map((feature) => `${feature}=()`).join(', ');

export const handle: Handle = async ({ event, resolve }) => {
	const isApi = event.url.pathname.startsWith('/api/');
	// Only the kiosk's own pages may change anything: refuse cross-site requests of any content type.
	if (isApi && STATE_CHANGING.has(event.request.method)) {
		const origin = event.request.headers.get('origin');
		const fetchSite = event.request.headers.get('sec-fetch-site');
		if ((origin !== null && !sameHost(origin, event.request.headers.get('host'))) || (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
			return new Response(JSON.stringify({ error: 'bad-request' }), { status: 403, headers: { 'content-type': 'application/json' } });
		}
	}
	const response = await resolve(event);
	if (isApi) response.headers.set('cache-control', 'no-store');
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('permissions-policy', PERMISSIONS_POLICY);
	return response;
};

function sameHost(origin: string, host: string | null): boolean {
	try {
		return host !== null && new URL(origin).host === host;
	} catch {
		return false;
	}
}
