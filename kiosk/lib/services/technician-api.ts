/**
 * The technician page's calls to /api/technician, under a desk login (technician or admin; the
 * login itself is the desk's, `desk-api.ts`). Separate from the member's kioskApi: another cookie,
 * other errors. `TechnicianApiError.kind` says what the page should show.
 */
import type { LibraryTestResult, PadTestResult, PaymentTestResult, PrintTestResult, TechnicianDevices } from '$lib/api/contract';
import type { SettingsApplied, SettingsChange, SettingsImportPreview, SettingsRefusal, SettingsSaveRequest, SettingsView } from '$lib/api/settings-contract';

export class TechnicianApiError extends Error {
	constructor(
		/** `login`: no desk session, or a locked one (the desk login shows); `forbidden`: the account's role is not technician or admin. */
		readonly kind: 'login' | 'forbidden' | 'failed'
	) {
		super(`technician api: ${kind}`);
		this.name = 'TechnicianApiError';
	}
}

/** Saving or importing settings was refused: which field, and the problem in the server's (technical) words. */
export class SettingsRefused extends Error {
	constructor(readonly refusal: SettingsRefusal) {
		super(`settings refused: ${refusal.field}`);
		this.name = 'SettingsRefused';
	}
}

export interface TechnicianApi {
	devices(): Promise<TechnicianDevices>;
	printTest(): Promise<PrintTestResult>;
	paymentTest(): Promise<PaymentTestResult>;
	padTest(): Promise<PadTestResult>;
	libraryTest(): Promise<LibraryTestResult>;
	settings(): Promise<SettingsView>;
	/** Saves and applies; throws SettingsRefused when a value is not accepted. */
	saveSettings(request: SettingsSaveRequest): Promise<SettingsApplied>;
	/** What an exported settings file would change here; throws SettingsRefused for a bad file. */
	previewImport(file: unknown): Promise<SettingsChange[]>;
	/** Applies an exported settings file; throws SettingsRefused for a bad file. */
	applyImport(file: unknown): Promise<SettingsApplied>;
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
		if (response.status === 400 && path.startsWith('config')) {
			const refusal = (await response.json().catch(() => null)) as SettingsRefusal | null;
			if (refusal?.field) throw new SettingsRefused(refusal);
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
		saveSettings: (body) => request('PUT', 'config', body),
		previewImport: async (file) => (await request<SettingsImportPreview>('POST', 'config/import', { file, apply: false })).changes,
		applyImport: (file) => request('POST', 'config/import', { file, apply: true })
	};
}

export const technicianApi = createTechnicianApi();
