/**
 * The technician page's calls to /api/technician, under a desk login (technician or admin; the
 * login itself is the desk's, `desk-api.ts`). Separate from the member's kioskApi: another cookie,
 * other errors. `TechnicianApiError.kind` says what the page should show.
 */
import type { DeviceSettings, DeviceSettingsRefusal, LibraryTestResult, PadTestResult, PaymentTestResult, PrintTestResult, TechnicianDevices } from '$lib/api/contract';

export class TechnicianApiError extends Error {
	constructor(
		/** `login`: no desk session, or a locked one (the desk login shows); `forbidden`: the account's role is not technician or admin. */
		readonly kind: 'login' | 'forbidden' | 'failed'
	) {
		super(`technician api: ${kind}`);
		this.name = 'TechnicianApiError';
	}
}

/** PUT /api/technician/config refused a value: which field, and the problem in the server's (technical) words. */
export class DeviceSettingsRefused extends Error {
	constructor(readonly refusal: DeviceSettingsRefusal) {
		super(`device settings refused: ${refusal.field}`);
		this.name = 'DeviceSettingsRefused';
	}
}

export interface TechnicianApi {
	devices(): Promise<TechnicianDevices>;
	printTest(): Promise<PrintTestResult>;
	paymentTest(): Promise<PaymentTestResult>;
	padTest(): Promise<PadTestResult>;
	libraryTest(): Promise<LibraryTestResult>;
	settings(): Promise<DeviceSettings>;
	/** Saves and applies; throws DeviceSettingsRefused when a value is not accepted. */
	saveSettings(settings: DeviceSettings): Promise<DeviceSettings>;
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
		if (response.status === 403) throw new TechnicianApiError('forbidden');
		if (response.status === 400 && path === 'config') {
			const refusal = (await response.json().catch(() => null)) as DeviceSettingsRefusal | null;
			if (refusal?.field) throw new DeviceSettingsRefused(refusal);
		}
		if (!response.ok) throw new TechnicianApiError('failed');
		if (response.status === 204) return undefined as T;
		return (await response.json()) as T;
	}

	return {
		devices: () => request('GET', 'devices'),
		printTest: () => request('POST', 'test', { test: 'print' }),
		paymentTest: () => request('POST', 'test', { test: 'payment' }),
		padTest: () => request('POST', 'test', { test: 'pad' }),
		libraryTest: () => request('POST', 'test', { test: 'library' }),
		settings: () => request('GET', 'config'),
		saveSettings: (settings) => request('PUT', 'config', settings)
	};
}

export const technicianApi = createTechnicianApi();
