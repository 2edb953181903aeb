import { describe, expect, it, vi } from 'vitest';
import { createKioskApi, errorCode, KioskApiError } from './kiosk-api';

function json(status: number, body: unknown): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function apiWith(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
	const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => respond(String(input), init ?? {}));
	return { api: createKioskApi({ fetch: fetch as unknown as typeof globalThis.fetch }), fetch };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(KioskApiError);
		return errorCode(error);
	}
	throw new Error('expected a rejection');
}

describe('kiosk api client', () => {
	it('sends JSON with the method and path of the contract', async () => {
		const { api, fetch } = apiWith(() => json(200, { itemId: '1', ok: true, title: 'T', dueDate: null, dueDateText: '', renewed: false }));
		await api.borrow('1');
		const [url, init] = fetch.mock.calls[0] ?? [];
		expect(url).toBe('/api/borrow');
		expect(init?.method).toBe('POST');
		expect(init?.body).toBe(JSON.stringify({ itemId: '1' }));
		expect(init?.cache).toBe('no-store');
	});

	it('covers every endpoint', async () => {
		const calls: string[] = [];
		const { api } = apiWith((url, init) => {
			calls.push(`${init.method} ${url} ${typeof init.body === 'string' ? init.body : ''}`.trim());
			return init.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {});
		});
		await api.config();
		await api.login('123', '0000');
		await api.account();
		await api.renew({ all: true });
		await api.renew({ itemId: '7' });
		await api.returnItem('8');
		await api.endSession();
		expect(calls).toEqual([
			'GET /api/config',
			'POST /api/session {"card":"123","pin":"0000"}',
			'GET /api/account',
			'POST /api/renew {"all":true}',
			'POST /api/renew {"itemId":"7"}',
			'POST /api/return {"itemId":"8"}',
			'DELETE /api/session'
		]);
	});

	it('returns login refusals as answers, not errors', async () => {
		const { api } = apiWith(() => json(200, { ok: false, reason: 'pin-wrong' }));
		await expect(api.login('1', '2')).resolves.toEqual({ ok: false, reason: 'pin-wrong' });
	});

	it('still treats a refusal sent with an error status as a refusal', async () => {
		const { api } = apiWith(() => json(403, { ok: false, reason: 'card-blocked' }));
		await expect(api.login('1', '2')).resolves.toEqual({ ok: false, reason: 'card-blocked' });
	});

	it('throws the ApiError code of the body', async () => {
		for (const code of ['library-unavailable', 'no-session', 'bad-request', 'internal'] as const) {
			const { api } = apiWith(() => json(code === 'no-session' ? 401 : 503, { error: code }));
			expect(await codeOf(api.account())).toBe(code);
		}
	});

	it('maps network failures to library-unavailable', async () => {
		const { api } = apiWith(() => {
			throw new TypeError('Failed to fetch');
		});
		expect(await codeOf(api.returnItem('1'))).toBe('library-unavailable');
	});

	it('maps bodies without a known code by status', async () => {
		expect(await codeOf(apiWith(() => new Response('nope', { status: 401 })).api.account())).toBe('no-session');
		expect(await codeOf(apiWith(() => new Response('<html>', { status: 500 })).api.account())).toBe('internal');
		expect(await codeOf(apiWith(() => json(500, { error: 'teapot' })).api.account())).toBe('internal');
	});

	it('treats an unreadable success body as internal', async () => {
		expect(await codeOf(apiWith(() => new Response('not json', { status: 200 })).api.config())).toBe('internal');
	});

	it('gives up after the timeout as library-unavailable', async () => {
		const fetch = vi.fn(
			(_input: RequestInfo | URL, init?: RequestInit) =>
				new Promise<Response>((_resolve, reject) => {
					init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
				})
		);
		const api = createKioskApi({ fetch: fetch as unknown as typeof globalThis.fetch, timeoutMs: 10 });
		expect(await codeOf(api.borrow('1'))).toBe('library-unavailable');
	});

	it('errorCode() treats foreign errors as internal', () => {
		expect(errorCode(new Error('x'))).toBe('internal');
	});
});
