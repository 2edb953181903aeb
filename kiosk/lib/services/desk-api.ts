/**
 * The desk page's calls to /api/desk: login, lock and unlock, and (admins) the accounts and the
 * audit log. Separate from the member's kioskApi: another cookie, other errors. Every failure is a
 * `DeskApiFailure` carrying the server's error code.
 */
import type { BorrowOutcome, DeskCheckinResult, DeskMemberView, OfflineOverview, PaymentAttention, PaymentStart, PaymentView, RenewOutcome } from '$lib/api/contract';
import type { AuditEntryView, DeskApiError, DeskDashboard, DeskSessionInfo, StaffAccountView, StaffRole } from '$lib/api/desk-contract';

export type DeskErrorCode = DeskApiError['error'];

export class DeskApiFailure extends Error {
	constructor(
		readonly code: DeskErrorCode | 'failed',
		/** The error body's extras: whose session is locked, a password's minimum length. */
		readonly details: Omit<DeskApiError, 'error'> = {}
	) {
		super(`desk api: ${code}`);
		this.name = 'DeskApiFailure';
	}

	/** The session is gone or locked: the page asks for a login or the password again. */
	get signedOut(): boolean {
		return this.code === 'no-session' || this.code === 'locked';
	}
}

export interface DeskApi {
	session(): Promise<DeskSessionInfo>;
	login(name: string, password: string): Promise<DeskSessionInfo>;
	unlock(password: string): Promise<DeskSessionInfo>;
	lock(): Promise<void>;
	logout(): Promise<void>;
	accounts(): Promise<StaffAccountView[]>;
	createAccount(name: string, role: StaffRole, password: string): Promise<StaffAccountView>;
	/** Answers the account list as it is now. */
	resetPassword(name: string, password: string): Promise<StaffAccountView[]>;
	setDisabled(name: string, disabled: boolean): Promise<StaffAccountView[]>;
	audit(limit?: number): Promise<AuditEntryView[]>;
	/** Staff: a member by card (in the body, never the URL); null for an unknown card. */
	findMember(card: string): Promise<DeskMemberView | null>;
	checkout(card: string, itemId: string): Promise<BorrowOutcome>;
	checkin(itemId: string): Promise<DeskCheckinResult>;
	renew(card: string, itemId: string): Promise<RenewOutcome>;
	offline(): Promise<OfflineOverview>;
	resolveException(id: number, resolution: 'retry' | 'done-by-hand' | 'discard'): Promise<void>;
	/** Any desk role: today's loans and returns per hour, store and forward, the devices. */
	dashboard(): Promise<DeskDashboard>;
}

/** Staff: fees paid at the desk (card on the desk's terminal, or cash), and payments that need staff. */
export interface DeskPaymentApi {
	startPayment(card: string, feeIds: string[] | null, method: 'card' | 'cash'): Promise<PaymentStart>;
	payment(id: string): Promise<PaymentView>;
	cancelPayment(id: string): Promise<boolean>;
	paymentsNeedingStaff(): Promise<PaymentAttention[]>;
	settlePayment(id: string): Promise<void>;
}

export function createDeskApi(doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)): DeskApi & DeskPaymentApi {
	async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
		let response: Response;
		try {
			response = await doFetch(`/api/desk/${path}`, {
				method,
				headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store',
				credentials: 'same-origin'
			});
		} catch {
			throw new DeskApiFailure('failed');
		}
		if (!response.ok) {
			const parsed = (await response.json().catch(() => null)) as DeskApiError | null;
			const { error, ...details } = parsed ?? { error: undefined };
			throw new DeskApiFailure(typeof error === 'string' ? error : 'failed', details);
		}
		if (response.status === 204) return undefined as T;
		return (await response.json()) as T;
	}

	return {
		session: () => request('GET', 'session'),
		login: (name, password) => request('POST', 'session', { name, password }),
		unlock: (password) => request('POST', 'session/unlock', { password }),
		lock: () => request('POST', 'session/lock'),
		logout: () => request('DELETE', 'session'),
		accounts: () => request('GET', 'accounts'),
		createAccount: (name, role, password) => request('POST', 'accounts', { name, role, password }),
		resetPassword: (name, password) => request('PATCH', `accounts/${encodeURIComponent(name)}`, { password }),
		setDisabled: (name, disabled) => request('PATCH', `accounts/${encodeURIComponent(name)}`, { disabled }),
		audit: (limit) => request('GET', limit === undefined ? 'audit' : `audit?limit=${limit}`),
		findMember: async (card) => (await request<{ member: DeskMemberView | null }>('POST', 'member', { card })).member,
		checkout: (card, itemId) => request('POST', 'checkout', { card, itemId }),
		checkin: (itemId) => request('POST', 'checkin', { itemId }),
		renew: (card, itemId) => request('POST', 'renew', { card, itemId }),
		offline: () => request('GET', 'offline'),
		resolveException: async (id, resolution) => {
			await request('POST', `offline/${id}`, { resolution });
		},
		dashboard: () => request('GET', 'dashboard'),
		startPayment: (card, feeIds, method) => request('POST', 'payment', { card, feeIds, method }),
		payment: (id) => request('GET', `payment/${encodeURIComponent(id)}`),
		cancelPayment: async (id) => (await request<{ cancelled: boolean }>('DELETE', `payment/${encodeURIComponent(id)}`)).cancelled,
		paymentsNeedingStaff: async () => (await request<{ payments: PaymentAttention[] }>('GET', 'payments')).payments,
		settlePayment: async (id) => {
			await request('POST', `payments/${encodeURIComponent(id)}`);
		}
	};
}

export const deskApi = createDeskApi();
