import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_FILE_PREFIX, KIOSK_PORT } from '../../playwright.config';
import { resultLine, scan, startBorrowing, openScreen } from './kiosk-page';

/** Server hardening as a browser and a stranger see it: headers, CSP, origin checks, what is exposed. */

const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;

/** The CSP as directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
	const directives = new Map<string, string[]>();
	for (const part of header.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) directives.set(name.toLowerCase(), sources);
	}
	return directives;
}

test('the app shell has a strict CSP with no third-party origin, and the other protective headers', async ({ request }) => {
	for (const path of ['/', '/borrow', '/account', '/technician']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		const headers = response.headers();
		const header = headers['content-security-policy'];
		expect(header, `${path} has a CSP`).toBeTruthy();
		const csp = parseCsp(header!);

		for (const [directive, sources] of csp) {
			for (const source of sources) {
				const allowed =
					source === "'self'" ||
					source === "'none'" ||
					/^'(sha256|sha384|sha512)-[A-Za-z0-9+/=]+'$/.test(source) ||
					/^'nonce-[A-Za-z0-9+/=_-]+'$/.test(source) ||
					(directive === 'img-src' && source === 'data:') ||
					// Style attributes by hash only (SvelteKit's route announcer): never 'unsafe-inline'.
					(directive === 'style-src-attr' && source === "'unsafe-hashes'");
				expect(allowed, `${path}: ${directive} ${source}`).toBe(true);
			}
		}
		expect(Object.fromEntries([...csp].map(([directive, sources]) => [directive, sources.filter((source) => !source.startsWith("'sha"))]))).toEqual({
			'default-src': ["'self'"],
			'script-src': ["'self'"],
			'style-src': ["'self'"],
			'style-src-attr': ["'unsafe-hashes'"],
			'img-src': ["'self'", 'data:'],
			'font-src': ["'self'"],
			'connect-src': ["'self'"],
			'worker-src': ["'self'"],
			'manifest-src': ["'self'"],
			'object-src': ["'none'"],
			'base-uri': ["'none'"],
			'form-action': ["'self'"],
			'frame-ancestors': ["'none'"]
		});
		// SvelteKit's inline start-up script is allowed by its hash, not by 'unsafe-inline'.
		expect(csp.get('script-src')!.some((source) => source.startsWith("'sha256-"))).toBe(true);

		expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()');
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['referrer-policy']).toBe('no-referrer');
	}
});

/** Collects CSP violations (the DOM event and Chromium's console messages) and requests that leave the origin. */
async function watch(page: Page): Promise<{ violations: string[]; foreign: string[] }> {
	const violations: string[] = [];
	const foreign: string[] = [];
	await page.exposeFunction('reportCspViolation', (violation: string) => violations.push(violation));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			void (window as unknown as { reportCspViolation(text: string): Promise<void> }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	// The context sees the service worker's requests too.
	page.context().on('request', (request) => {
		const url = request.url();
		if (url.startsWith('data:')) return;
		if (new URL(url).origin !== ORIGIN) foreign.push(url);
	});
	return { violations, foreign };
}

test('every member screen runs without a CSP violation and without a request leaving the origin', async ({ page }) => {
	const { violations, foreign } = await watch(page);

	await openScreen(page, '/');
	await expect(page.getByRole('button', { name: 'Lenen' })).toBeVisible();

	// Login (card, then PIN), then borrow: an item not for loan shows a result line and changes nothing.
	await startBorrowing(page, '20001000000012');
	await scan(page, '30001000000150');
	await expect(resultLine(page, '30001000000150')).toHaveAttribute('data-outcome', 'refused');

	await page.getByRole('button', { name: 'Mijn account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn account' })).toBeVisible();
	await expect(page.locator('[data-testid="loan-line"]').first()).toBeVisible();

	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();

	await openScreen(page, '/');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Inleveren' })).toBeVisible();
	await scan(page, '30001000000150');
	await expect(resultLine(page, '30001000000150')).toBeVisible();
	await page.getByRole('button', { name: 'Klaar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bedankt!' })).toBeVisible();

	await openScreen(page, '/');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Borrow' })).toBeVisible();
	// A full load again, now with the service worker in control of the page.
	await page.reload();
	await expect(page.getByRole('button', { name: /^(Lenen|Borrow)$/ })).toBeVisible();
	await expect(page.locator('#svelte-announcer')).toHaveCSS('position', 'absolute');

	expect(violations).toEqual([]);
	expect(foreign).toEqual([]);
});

test.describe('state-changing requests from another origin', () => {
	const login = (request: APIRequestContext, headers: Record<string, string>) =>
		request.post('/api/session', { headers, data: { card: '20001000000012', pin: '1234' } });

	test('are refused with 403, whatever their content type', async ({ request }) => {
		expect((await login(request, { origin: 'http://evil.example' })).status()).toBe(403);
		expect((await login(request, { origin: 'http://127.0.0.1:3999' })).status()).toBe(403);
		expect((await login(request, { 'sec-fetch-site': 'cross-site' })).status()).toBe(403);
		expect((await request.post('/api/session', { headers: { origin: 'http://evil.example', 'content-type': 'text/plain' }, data: '{"card":"20001000000012","pin":"1234"}' })).status()).toBe(403);
		expect((await request.delete('/api/session', { headers: { origin: 'http://evil.example' } })).status()).toBe(403);
		expect((await request.post('/api/desk/session', { headers: { origin: 'http://evil.example' }, data: { name: 'e2e-tech', password: 'e2e-tech-password' } })).status()).toBe(403);
	});

	test('while the same request from the kiosk itself is served', async ({ request }) => {
		const response = await login(request, { origin: ORIGIN });
		expect(response.status()).toBe(200);
		await request.delete('/api/session', { headers: { origin: ORIGIN } });
	});
});

test('technician data refuses anonymous users and members', async ({ request, playwright }) => {
	for (const path of ['/api/technician/devices', '/api/technician/config', '/api/technician/config/export', '/api/technician/offline/koc']) {
		expect((await request.get(path)).status(), `anonymous ${path}`).toBe(401);
	}
	const member = await playwright.request.newContext({ baseURL: ORIGIN });
	try {
		expect((await member.post('/api/session', { headers: { origin: ORIGIN }, data: { card: '20001000000012', pin: '1234' } })).status()).toBe(200);
		for (const path of ['/api/technician/devices', '/api/technician/config', '/api/technician/config/export', '/api/technician/offline/koc']) {
			expect((await member.get(path)).status(), `member ${path}`).toBe(401);
		}
		expect((await member.post('/api/technician/test', { headers: { origin: ORIGIN }, data: { test: 'print' } })).status()).toBe(401);
	} finally {
		await member.delete('/api/session', { headers: { origin: ORIGIN } });
		await member.dispose();
	}
});

test('what any visitor can fetch holds no secret: /api/config is the documented keys, and the offline key is nowhere', async ({ request }) => {
	const config = await request.get('/api/config');
	expect(Object.keys((await config.json()) as object).sort()).toEqual(['idleTimeoutS', 'idleWarningS', 'language', 'languageToggle', 'libraryName']);

	// The main e2e server's offline key, as the kiosk made it in its key file.
	const key = readFileSync(join(tmpdir(), `${E2E_FILE_PREFIX}${KIOSK_PORT}-offline.key`), 'utf8').trim();
	expect(key).toMatch(/^[0-9a-f]{64}$/);
	const forms = [key, key.toUpperCase(), Buffer.from(key, 'hex').toString('base64')];
	for (const path of ['/', '/technician', '/api/config', '/service-worker.js', '/_app/version.json']) {
		const body = await (await request.get(path)).text();
		for (const form of forms) expect(body.includes(form), `${path} holds the offline key`).toBe(false);
	}
});

test('the kiosk listens on loopback only by default (server/start.js), not on the machine\'s other addresses', async () => {
	test.skip(process.env.HOST !== undefined, 'HOST is set in the environment, so the e2e servers do not use the default');
	const addresses = Object.values(networkInterfaces())
		.flat()
		.filter((address) => address !== undefined && !address.internal)
		.map((address) => address!.address);
	test.skip(addresses.length === 0, 'this machine has no address but loopback');
	for (const address of addresses) {
		const outcome = await new Promise<string>((resolve) => {
			const socket = connect({ host: address, port: KIOSK_PORT, timeout: 2000 });
			socket.once('connect', () => (socket.destroy(), resolve('connected')));
			socket.once('timeout', () => (socket.destroy(), resolve('timeout')));
			socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
		});
		expect(outcome, `port ${KIOSK_PORT} on ${address}`).not.toBe('connected');
	}
});
