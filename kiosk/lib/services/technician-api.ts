/**
 * The technician page's calls to /api/technician. Separate from the member's kioskApi: another
 * cookie, other errors. `TechnicianApiError.kind` says what the page should show.
 */
import type { PadTestResult, PaymentTestResult, PrintTestResult, TechnicianDevices } from '$lib/api/contract';

export class TechnicianApiError extends Error {
	constructor(
		/** `login`: no technician session (log in again); `disabled`: the kiosk has no technician page. */
		readonly kind: 'login' | 'disabled' | 'failed'
	) {
		super(`technician api: ${kind}`);
		this.name = 'TechnicianApiError';
	}
}

export interface TechnicianApi {
	login(password: string): Promise<void>;
	logout(): Promise<void>;
	devices(): Promise<TechnicianDevices>;
	printTest(): Promise<PrintTestResult>;
	paymentTest(): Promise<PaymentTestResult>;
	padTest(): Promise<PadTestResult>;
}

export function createTechnicianApi(doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)): TechnicianApi {
	async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
		let response: Response;
		try {
			response = await doFetch(`/api/technician/${path}`, {
				method,
				headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store',
				credentials: 'same-origin'
			});
		} catch {
			throw new TechnicianApiError('failed');
		}
		if (response.status === 401) throw new TechnicianApiError('login');
		if (response.status === 404) throw new TechnicianApiError('disabled');
		if (!response.ok) throw new TechnicianApiError('failed');
		if (response.status === 204) return undefined as T;
		return (await response.json()) as T;
	}

	return {
		login: (password) => request('POST', 'session', { password }),
		logout: () => request('DELETE', 'session'),
		devices: () => request('GET', 'devices'),
		printTest: () => request('POST', 'test', { test: 'print' }),
		paymentTest: () => request('POST', 'test', { test: 'payment' }),
		padTest: () => request('POST', 'test', { test: 'pad' })
	};
}

export const technicianApi = createTechnicianApi();
