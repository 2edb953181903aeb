/**
 * The kiosk server's device events: one Server-Sent Events stream (GET /api/devices/events) whose
 * `pad` events carry a PadSnapshot, once on connect and again on every change; `scan` events a
 * code from a barcode scanner the server reads (serial or USB HID).
 *
 * The browser's EventSource reconnects by itself after a dropped connection. It gives up for good
 * when the server answers with an error or the wrong content type (a restart behind a proxy, an
 * endpoint not there yet); a kiosk runs for days, so then this service opens a new stream after
 * `retryMs`. The EventSource and the timer are injectable so the logic runs in unit tests.
 */
import type { LibraryStatus, PadSnapshot, PadTag, PaymentOutcome, PaymentProgress, ScanEvent } from '$lib/api/contract';

export const DEVICE_EVENTS_URL = '/api/devices/events';

/** EventSource.readyState values (the constants are not on a fake). */
export const EVENT_SOURCE_CLOSED = 2;

/** The part of the browser's EventSource this service uses; tests pass a fake. */
export interface EventSourceLike {
	readonly readyState: number;
	addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
	close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface DeviceEventsHandlers {
	/** The stream is open (again); its first `pad` snapshot follows. */
	onOpen(): void;
	onPad(snapshot: PadSnapshot): void;
	/** A code from a serial or HID barcode scanner. */
	onScan?(code: string): void;
	/** Whether the library system is reachable, and the offline policy. */
	onLibrary?(status: LibraryStatus): void;
	/** A step of a payment (any payment of this kiosk: the screen keeps to its own id). */
	onPayment?(progress: PaymentProgress): void;
	/** The stream broke; it is being reopened. Nothing is known about the pad until the next snapshot. */
	onLost(): void;
}

export interface DeviceEventsOptions {
	/** Default: the browser's EventSource (none outside a browser: then nothing is opened). */
	createEventSource?: EventSourceFactory;
	url?: string;
	/** Pause before a new stream when the browser gave up on one. */
	retryMs?: number;
	setTimeout?: (callback: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
}

const PAD_STATUSES: ReadonlySet<string> = new Set<PadSnapshot['status']>(['none', 'disconnected', 'connecting', 'ready']);
const TAG_KINDS: ReadonlySet<string> = new Set<PadTag['kind']>(['item', 'member-card', 'unreadable']);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function isPartNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function parseTag(value: unknown): PadTag | null {
	if (!isRecord(value)) return null;
	const { uid, kind, id, part, of } = value;
	if (typeof uid !== 'string' || uid === '' || typeof kind !== 'string' || !TAG_KINDS.has(kind)) return null;
	if (id !== null && typeof id !== 'string') return null;
	// A tag the screens could act on needs its number; without one it can only be "ask staff".
	const readable = kind !== 'unreadable' && typeof id === 'string' && id.trim() !== '';
	const parts = isPartNumber(part) && isPartNumber(of) && part <= of ? { part, of } : { part: 1, of: 1 };
	return readable
		? { uid, kind: kind as PadTag['kind'], id: (id as string).trim(), ...parts }
		: { uid, kind: 'unreadable', id: null, ...parts };
}

/**
 * The PadSnapshot in an event's data, or null when it is not one. The server is ours, but a
 * half-deployed update must not break the screens: unknown shapes are dropped, not trusted.
 */
export function parsePadSnapshot(data: unknown): PadSnapshot | null {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : data;
	} catch {
		return null;
	}
	if (!isRecord(value) || typeof value.status !== 'string' || !PAD_STATUSES.has(value.status) || !Array.isArray(value.tags)) {
		return null;
	}
	const tags: PadTag[] = [];
	const uids = new Set<string>();
	for (const raw of value.tags) {
		const tag = parseTag(raw);
		if (tag && !uids.has(tag.uid)) {
			uids.add(tag.uid);
			tags.push(tag);
		}
	}
	return { status: value.status as PadSnapshot['status'], tags };
}

/** The ScanEvent in an event's data, or null; codes are what a scanner can type, nothing more. */
export function parseScanEvent(data: unknown): ScanEvent | null {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : data;
	} catch {
		return null;
	}
	if (!isRecord(value) || typeof value.code !== 'string') return null;
	const code = value.code.trim();
	return code.length > 0 && code.length <= 64 ? { code } : null;
}

/** The LibraryStatus in an event's data, or null when it is not one. */
export function parseLibraryStatus(data: unknown): LibraryStatus | null {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : data;
	} catch {
		return null;
	}
	if (!isRecord(value) || typeof value.online !== 'boolean' || typeof value.offlineBorrowing !== 'boolean') return null;
	const max = value.offlineMaxItems;
	if (typeof max !== 'number' || !Number.isInteger(max) || max < 0) return null;
	return { online: value.online, offlineBorrowing: value.offlineBorrowing, offlineMaxItems: max };
}

const PAYMENT_PHASES: ReadonlySet<string> = new Set<PaymentProgress['phase']>(['authorising', 'recording', 'done']);
const PAYMENT_OUTCOMES: ReadonlySet<string> = new Set<PaymentOutcome>(['paid', 'paid-pending', 'paid-refused', 'declined', 'aborted', 'timeout', 'disconnected', 'unavailable']);

/** The PaymentProgress in an event's data, or null when it is not one. */
export function parsePaymentProgress(data: unknown): PaymentProgress | null {
	let value: unknown;
	try {
		value = typeof data === 'string' ? JSON.parse(data) : data;
	} catch {
		return null;
	}
	if (!isRecord(value)) return null;
	const { id, phase, status, canCancel, outcome } = value;
	if (typeof id !== 'string' || typeof phase !== 'string' || !PAYMENT_PHASES.has(phase) || typeof canCancel !== 'boolean') return null;
	if (status !== null && typeof status !== 'string') return null;
	if (outcome !== null && (typeof outcome !== 'string' || !PAYMENT_OUTCOMES.has(outcome))) return null;
	return { id, phase: phase as PaymentProgress['phase'], status: status as string | null, canCancel, outcome: outcome as PaymentOutcome | null };
}

function browserEventSource(): EventSourceFactory | null {
	return typeof EventSource === 'undefined' ? null : (url) => new EventSource(url);
}

/** Opens the stream; returns the function that closes it for good. */
export function openDeviceEvents(handlers: DeviceEventsHandlers, options: DeviceEventsOptions = {}): () => void {
	const factory = options.createEventSource ?? browserEventSource();
	if (!factory) return () => {};
	const create: EventSourceFactory = factory;
	const url = options.url ?? DEVICE_EVENTS_URL;
	const retryMs = options.retryMs ?? 5_000;
	const schedule = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
	const cancel = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));

	let source: EventSourceLike | null = null;
	let retry: unknown = null;
	let closed = false;

	function open(): void {
		retry = null;
		if (closed) return;
		const current = create(url);
		source = current;
		// Events of a stream that was replaced or closed must not reach the handlers.
		const live = () => !closed && source === current;
		current.addEventListener('open', () => {
			if (live()) handlers.onOpen();
		});
		current.addEventListener('pad', (event) => {
			if (!live()) return;
			const snapshot = parsePadSnapshot(event.data);
			if (snapshot) handlers.onPad(snapshot);
		});
		current.addEventListener('scan', (event) => {
			if (!live()) return;
			const scan = parseScanEvent(event.data);
			if (scan) handlers.onScan?.(scan.code);
		});
		current.addEventListener('library', (event) => {
			if (!live()) return;
			const status = parseLibraryStatus(event.data);
			if (status) handlers.onLibrary?.(status);
		});
		current.addEventListener('payment', (event) => {
			if (!live()) return;
			const progress = parsePaymentProgress(event.data);
			if (progress) handlers.onPayment?.(progress);
		});
		current.addEventListener('error', () => {
			if (!live()) return;
			handlers.onLost();
			if (current.readyState === EVENT_SOURCE_CLOSED && retry === null) {
				current.close();
				retry = schedule(open, retryMs);
			}
		});
	}

	open();
	return () => {
		closed = true;
		if (retry !== null) cancel(retry);
		retry = null;
		source?.close();
		source = null;
	};
}
