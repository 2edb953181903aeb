/**
 * "My details": contact fields arrive masked; the member taps to see one. The full value is
 * fetched only then, shown for a short while, and dropped again (from the screen and from this
 * object), so a member who walks away does not leave their address readable.
 */
import type { DetailField } from '$lib/api/contract';

/** How long a revealed field stays visible. */
export const REVEAL_SECONDS = 15;

export interface DetailRevealOptions {
	reveal(field: DetailField): Promise<{ value: string | null }>;
	setTimeout?: (callback: () => void, ms: number) => unknown;
	clearTimeout?: (handle: unknown) => void;
}

export class DetailReveal {
	/** The revealed values; a field absent here shows masked. */
	shown = $state<Partial<Record<DetailField, string | null>>>({});
	busy = $state<DetailField | null>(null);
	failed = $state(false);

	readonly #options: DetailRevealOptions;
	readonly #timers = new Map<DetailField, unknown>();

	constructor(options: DetailRevealOptions) {
		this.#options = options;
	}

	isShown(field: DetailField): boolean {
		return field in this.shown;
	}

	async toggle(field: DetailField): Promise<void> {
		if (this.isShown(field)) return this.hide(field);
		if (this.busy) return;
		this.busy = field;
		this.failed = false;
		try {
			const { value } = await this.#options.reveal(field);
			this.shown = { ...this.shown, [field]: value };
			const schedule = this.#options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
			this.#timers.set(field, schedule(() => this.hide(field), REVEAL_SECONDS * 1000));
		} catch {
			this.failed = true;
		} finally {
			this.busy = null;
		}
	}

	hide(field: DetailField): void {
		const timer = this.#timers.get(field);
		if (timer !== undefined) (this.#options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)))(timer);
		this.#timers.delete(field);
		const { [field]: _dropped, ...rest } = this.shown;
		this.shown = rest;
	}

	/** Everything hidden again (leaving the screen). */
	hideAll(): void {
		for (const field of Object.keys(this.shown) as DetailField[]) this.hide(field);
	}
}
