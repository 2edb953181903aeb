/**
 * Barcode scanner as a keyboard wedge.
 *
 * A scanner "types" the code and ends it with Enter. `WedgeDecoder` is the pure part: feed it key
 * events with their timestamps and it says when a complete code has arrived. It ignores the same
 * code twice within `duplicateWindowMs` (a double scan of one item) and drops a half-typed buffer
 * when the next key comes after a long pause (stale keys do not prefix the next scan).
 *
 * `wedge` is the one shared browser service: a single window key listener that hands complete
 * codes to whichever screen is listening. Inputs keep their own keys; on other elements the
 * terminating Enter is swallowed so it does not also press a focused button.
 */

export interface WedgeKey {
	key: string;
	/** Milliseconds, any monotonic clock (event.timeStamp or Date.now()). */
	time: number;
	ctrlKey?: boolean;
	altKey?: boolean;
	metaKey?: boolean;
}

export type WedgeResult =
	/** Not a key the wedge cares about: let the page have it. */
	| { kind: 'ignored' }
	/** Part of a code: the wedge keeps it. */
	| { kind: 'buffered' }
	/** Enter ended a code, but it repeats the previous one within the duplicate window. */
	| { kind: 'duplicate'; code: string }
	/** Enter ended a complete code. */
	| { kind: 'scan'; code: string };

export interface WedgeOptions {
	/** Same code again within this many ms is ignored. */
	duplicateWindowMs?: number;
	/** A pause longer than this between keys starts a new code. */
	maxGapMs?: number;
	minLength?: number;
	maxLength?: number;
	/** Which single characters can be part of a code. */
	accept?: RegExp;
}

export const DUPLICATE_WINDOW_MS = 2000;

export class WedgeDecoder {
	readonly #duplicateWindowMs: number;
	readonly #maxGapMs: number;
	readonly #minLength: number;
	readonly #maxLength: number;
	readonly #accept: RegExp;

	#buffer = '';
	#lastKeyTime = -Infinity;
	#lastCode: string | null = null;
	#lastCodeTime = -Infinity;

	constructor(options: WedgeOptions = {}) {
		this.#duplicateWindowMs = options.duplicateWindowMs ?? DUPLICATE_WINDOW_MS;
		this.#maxGapMs = options.maxGapMs ?? 3000;
		this.#minLength = options.minLength ?? 1;
		this.#maxLength = options.maxLength ?? 64;
		this.#accept = options.accept ?? /^[0-9A-Za-z]$/;
	}

	/** What is buffered so far (for tests and diagnostics). */
	get pending(): string {
		return this.#buffer;
	}

	feed(event: WedgeKey): WedgeResult {
		if (event.ctrlKey || event.altKey || event.metaKey) return { kind: 'ignored' };

		if (event.time - this.#lastKeyTime > this.#maxGapMs) this.#buffer = '';

		if (event.key === 'Enter') {
			const code = this.#buffer;
			this.#buffer = '';
			this.#lastKeyTime = event.time;
			if (code.length < this.#minLength) return { kind: 'ignored' };
			return this.#complete(code, event.time);
		}

		if (event.key.length === 1 && this.#accept.test(event.key)) {
			this.#lastKeyTime = event.time;
			this.#buffer = (this.#buffer + event.key).slice(-this.#maxLength);
			return { kind: 'buffered' };
		}

		return { kind: 'ignored' };
	}

	#complete(code: string, time: number): WedgeResult {
		const duplicate = code === this.#lastCode && time - this.#lastCodeTime < this.#duplicateWindowMs;
		this.#lastCode = code;
		this.#lastCodeTime = time;
		return duplicate ? { kind: 'duplicate', code } : { kind: 'scan', code };
	}

	/**
	 * A whole code from a scanner the server reads (serial or HID): subject to the same double-scan
	 * rule as a typed one, and it leaves half-typed keys alone.
	 */
	deliver(code: string, time: number): WedgeResult {
		return this.#complete(code, time);
	}

	/** Forget half-typed input (keeps the double-scan memory). */
	clearBuffer(): void {
		this.#buffer = '';
	}

	/**
	 * Forget half-typed input unless a key came within `quietMs` of `now`: a scanner mid-code
	 * types every few ms, a person who left a PIN half-typed does not.
	 */
	clearBufferIfQuiet(now: number, quietMs: number): void {
		if (now - this.#lastKeyTime > quietMs) this.#buffer = '';
	}

	reset(): void {
		this.#buffer = '';
		this.#lastKeyTime = -Infinity;
		this.#lastCode = null;
		this.#lastCodeTime = -Infinity;
	}
}

export type ScanHandler = (code: string) => void;

/** Elements that take typed text themselves. */
function isTextEntry(target: EventTarget | null): boolean {
	if (!target || typeof (target as Element).closest !== 'function') return false;
	const element = target as HTMLElement;
	return element.isContentEditable || element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** A scanner types a whole code within this; a pause this long means nobody is mid-scan. */
const QUIET_MS = 150;
/** A scan that lands between two screens goes to the next screen if it arrives within this. */
const HANDOVER_MS = 1500;

/** The shared wedge service of the page. */
export class WedgeService {
	readonly #decoder: WedgeDecoder;
	/** Screens listening, newest last; a null handler marks a screen that reads the keyboard itself. */
	readonly #screens: { handler: ScanHandler | null; onHandover: ScanHandler | null }[] = [];
	readonly #activity: Array<() => void> = [];
	readonly #now: () => number;
	#attached = false;
	/** Between leaveScreen() and the next screen's listen(). */
	#betweenScreens = false;
	#unclaimed: { code: string; time: number } | null = null;

	constructor(decoder = new WedgeDecoder(), now: () => number = () => performance.now()) {
		this.#decoder = decoder;
		this.#now = now;
	}

	/**
	 * Receive complete codes while the returned function has not been called. The most recent
	 * listener gets the scan (one screen at a time). The key listener stays attached for the
	 * life of the page, so a scan made while one screen replaces another loses no keys.
	 */
	listen(handler: ScanHandler): () => void {
		return this.#register(handler, handler);
	}

	/**
	 * For a screen that reads the keyboard itself (the card and PIN keypad): scans there are left
	 * to the screen, not handed to the next one, and their Enter is not consumed. A scan made
	 * while this screen was opening goes to `onHandover` (the login screen takes it as the card).
	 */
	claimKeyboard(onHandover?: ScanHandler): () => void {
		return this.#register(null, onHandover ?? null);
	}

	#register(handler: ScanHandler | null, onHandover: ScanHandler | null): () => void {
		// Keys typed for the previous screen (a half PIN) must not prefix the first scan here.
		this.#decoder.clearBufferIfQuiet(this.#now(), QUIET_MS);
		const screen = { handler, onHandover };
		this.#screens.push(screen);
		this.#attach();
		this.#betweenScreens = false;
		const unclaimed = this.#unclaimed;
		this.#unclaimed = null;
		if (onHandover && unclaimed && this.#now() - unclaimed.time < HANDOVER_MS) queueMicrotask(() => onHandover(unclaimed.code));
		return () => {
			const index = this.#screens.lastIndexOf(screen);
			if (index >= 0) this.#screens.splice(index, 1);
		};
	}

	/**
	 * A screen change has begun: the screen being left stops receiving scans now, not when it is
	 * destroyed, so a scan made meanwhile goes to the screen being opened (see HANDOVER_MS).
	 */
	leaveScreen(): void {
		this.#screens.length = 0;
		this.#betweenScreens = true;
	}

	/** Called on every accepted scan (the idle timer counts scans as activity). */
	onScan(callback: () => void): () => void {
		this.#activity.push(callback);
		return () => {
			const index = this.#activity.indexOf(callback);
			if (index >= 0) this.#activity.splice(index, 1);
		};
	}

	/**
	 * Feeds one key (the window listener calls this; tests call it directly). True when a screen
	 * took a complete scan, so its Enter must not also press a focused button.
	 */
	handleKey(key: WedgeKey, target: EventTarget | null = null): boolean {
		if (isTextEntry(target)) return false;
		return this.#dispatch(this.#decoder.feed(key), 'typed');
	}

	/**
	 * A code from a serial or HID scanner (it arrives over the device events stream): handed to
	 * the listening screen exactly as a code typed by a keyboard-wedge scanner. A screen that reads
	 * the keyboard itself never sees its keys, so it gets the code as a handover (the login screen
	 * takes it as the card).
	 */
	deliverScan(code: string): void {
		this.#dispatch(this.#decoder.deliver(code, this.#now()), 'delivered');
	}

	#dispatch(result: WedgeResult, how: 'typed' | 'delivered'): boolean {
		if (result.kind !== 'scan' && result.kind !== 'duplicate') return false;
		for (const callback of this.#activity) callback();
		const screen = this.#screens.at(-1);
		const handler = screen?.handler;
		if (handler === null) {
			if (how === 'delivered' && result.kind === 'scan') screen?.onHandover?.(result.code);
			return false;
		}
		if (handler === undefined) {
			if (result.kind === 'scan' && this.#betweenScreens) this.#unclaimed = { code: result.code, time: this.#now() };
			return false;
		}
		if (result.kind === 'scan') handler(result.code);
		return true;
	}

	#onKeyDown = (event: KeyboardEvent): void => {
		if (event.isComposing) return;
		const taken = this.handleKey(
			{ key: event.key, time: event.timeStamp, ctrlKey: event.ctrlKey, altKey: event.altKey, metaKey: event.metaKey },
			event.target
		);
		if (taken) event.preventDefault();
	};

	#attach(): void {
		if (this.#attached || typeof window === 'undefined') return;
		window.addEventListener('keydown', this.#onKeyDown, { capture: true });
		this.#attached = true;
	}
}

export const wedge = new WedgeService();
