/**
 * The browser's only way to talk to the kiosk server: typed methods over `/api`, following
 * `$lib/api/contract`. Every failure becomes a `KioskApiError` with one of the contract's error
 * codes; the screens turn that code into words from the catalog and never show it raw.
 */
import type {
	Account,
	ApiError,
	BorrowOutcome,
	DetailField,
	ItemRequest,
	KioskConfig,
	LoginRequest,
	LoginResponse,
	PayableFees,
	PaymentStart,
	PaymentView,
	ReceiptChannel,
	ReceiptOptions,
	ReceiptRequest,
	ReceiptResult,
	RenewRequest,
	RenewResponse,
	ReturnOutcome,
	RevealResponse
} from '$lib/api/contract';

export type ApiErrorCode = ApiError['error'];

const ERROR_CODES: readonly ApiErrorCode[] = ['library-unavailable', 'no-session', 'bad-request', 'internal'];

export class KioskApiError extends Error {
	readonly code: ApiErrorCode;
	/** HTTP status when the server answered, `null` for network failures. Not for display. */
	readonly status: number | null;

	constructor(code: ApiErrorCode, status: number | null = null) {
		super(`kiosk api: ${code}`);
		this.name = 'KioskApiError';
		this.code = code;
		this.status = status;
	}
}

export function isKioskApiError(error: unknown): error is KioskApiError {
	return error instanceof KioskApiError;
}

/** The error code of anything thrown by an api call (non-API errors count as `internal`). */
export function errorCode(error: unknown): ApiErrorCode {
	return isKioskApiError(error) ? error.code : 'internal';
}

function isErrorCode(value: unknown): value is ApiErrorCode {
	return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export interface KioskApiOptions {
	fetch?: typeof fetch;
	/** Base URL, '' for same origin. */
	base?: string;
	/** Give up on a request after this long (the server has its own, shorter library timeout). */
	timeoutMs?: number;
}

export interface KioskApi {
	config(): Promise<KioskConfig>;
	login(card: string, pin: string): Promise<LoginResponse>;
	endSession(): Promise<void>;
	account(): Promise<Account>;
	/** One of the member's own contact fields, unmasked. */
	reveal(field: DetailField): Promise<RevealResponse>;
	borrow(itemId: string): Promise<BorrowOutcome>;
	renew(request: RenewRequest): Promise<RenewResponse>;
	returnItem(itemId: string): Promise<ReturnOutcome>;
	/** The open fees to pick from, and whether this kiosk takes payments. */
	payableFees(): Promise<PayableFees>;
	/** Pays the picked fees (null: all) on the payment terminal. */
	pay(feeIds: string[] | null): Promise<PaymentStart>;
	payment(id: string): Promise<PaymentView>;
	/** True when the terminal took the cancel (only until it has the card). */
	cancelPayment(id: string): Promise<boolean>;
	/** Which receipt of the session so far the member may choose. */
	receiptOptions(): Promise<ReceiptOptions>;
	/** Prints or e-mails that receipt (e-mail only ever to the library system's address). */
	sendReceipt(channel: ReceiptChannel, language: ReceiptRequest['language']): Promise<ReceiptResult>;
}

export function createKioskApi(options: KioskApiOptions = {}): KioskApi {
	const base = options.base ?? '';
	const timeoutMs = options.timeoutMs ?? 30_000;
	const doFetch = (input: string, init: RequestInit) => (options.fetch ?? globalThis.fetch)(input, init);

	/**
	 * `refusalBody`: the contract answers refusals (`{ ok: false, reason }`) with 2xx; should a
	 * server send one with an error status, it is still a refusal, not a failure.
	 */
	async function request<T>(
		method: string,
		path: string,
		body?: unknown,
		{ expectBody = true, refusalBody = false }: { expectBody?: boolean; refusalBody?: boolean } = {}
	): Promise<T> {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), timeoutMs);
		let response: Response;
		try {
			response = await doFetch(base + path, {
				method,
				headers:
					body === undefined
						? { accept: 'application/json' }
						: { accept: 'application/json', 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store',
				credentials: 'same-origin',
				signal: controller.signal
			});
		} catch {
			// Network failure or timeout: from the member's side the library cannot be reached.
			throw new KioskApiError('library-unavailable');
		} finally {
			clearTimeout(timer);
		}

		if (!response.ok) {
			let code: ApiErrorCode = response.status === 401 ? 'no-session' : 'internal';
			try {
				const parsed: unknown = await response.json();
				if (parsed && typeof parsed === 'object') {
					if ('error' in parsed && isErrorCode(parsed.error)) code = parsed.error;
					else if (refusalBody && 'ok' in parsed && parsed.ok === false && 'reason' in parsed) return parsed as T;
				}
			} catch {
				// Not JSON: keep the code derived from the status.
			}
			throw new KioskApiError(code, response.status);
		}

		if (!expectBody) return undefined as T;
		try {
			return (await response.json()) as T;
		} catch {
			throw new KioskApiError('internal', response.status);
		}
	}

	return {
		config: () => request<KioskConfig>('GET', '/api/config'),
		login: (card, pin) =>
			request<LoginResponse>('POST', '/api/session', { card, pin } satisfies LoginRequest, { refusalBody: true }),
		endSession: () => request<void>('DELETE', '/api/session', undefined, { expectBody: false }),
		account: () => request<Account>('GET', '/api/account'),
		reveal: (field) => request<RevealResponse>('POST', '/api/account/reveal', { field }),
		borrow: (itemId) =>
			request<BorrowOutcome>('POST', '/api/borrow', { itemId } satisfies ItemRequest, { refusalBody: true }),
		renew: (body) => request<RenewResponse>('POST', '/api/renew', body satisfies RenewRequest),
		returnItem: (itemId) =>
			request<ReturnOutcome>('POST', '/api/return', { itemId } satisfies ItemRequest, { refusalBody: true }),
		payableFees: () => request<PayableFees>('GET', '/api/payment'),
		pay: (feeIds) => request<PaymentStart>('POST', '/api/payment', { feeIds }, { refusalBody: true }),
		payment: (id) => request<PaymentView>('GET', `/api/payment/${encodeURIComponent(id)}`),
		cancelPayment: async (id) => (await request<{ cancelled: boolean }>('DELETE', `/api/payment/${encodeURIComponent(id)}`)).cancelled,
		receiptOptions: () => request<ReceiptOptions>('GET', '/api/receipt'),
		sendReceipt: (channel, language) =>
			request<ReceiptResult>('POST', '/api/receipt', { channel, language } satisfies ReceiptRequest, { refusalBody: true })
	};
}

/** The api client the screens use. */
export const kioskApi: KioskApi = createKioskApi();
