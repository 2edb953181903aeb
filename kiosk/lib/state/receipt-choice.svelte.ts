/**
 * The member's choice of a receipt: print, e-mail (to the library system's address, shown masked)
 * or none. Used at "Klaar" and after a payment. Memory only; the masked address is forgotten with
 * the page.
 *
 * `loading` → `choosing` (or `skipped` when there is nothing to put on a receipt or no way to give
 * one) → `sending` → `done`. A failure (paper out, e-mail refused) goes back to `choosing` with the
 * problem, and that way is no longer offered: nothing is lost, another way may work.
 */
import type { ReceiptChannel, ReceiptFailure, ReceiptOptions, ReceiptRequest } from '$lib/api/contract';
import type { KioskApi } from '$lib/services/kiosk-api';

export type ReceiptChoicePhase = 'loading' | 'choosing' | 'sending' | 'done' | 'skipped';

/** A failure the server explained, or `failed`: no answer (network, session gone). */
export type ReceiptProblem = ReceiptFailure | 'failed';

export class ReceiptChoice {
	phase = $state<ReceiptChoicePhase>('loading');
	/** How the receipt was given once `done`; null: the member chose none. */
	sent = $state<ReceiptChannel | null>(null);
	problem = $state<ReceiptProblem | null>(null);
	#options = $state<ReceiptOptions | null>(null);
	#failed = $state<ReceiptChannel[]>([]);

	constructor(private readonly api: Pick<KioskApi, 'receiptOptions' | 'sendReceipt'>) {}

	get canPrint(): boolean {
		return (this.#options?.print ?? false) && !this.#failed.includes('print');
	}

	/** The masked address to show on the e-mail button; null: no e-mail option. */
	get email(): string | null {
		return this.#failed.includes('email') ? null : (this.#options?.email ?? null);
	}

	/** Asks which ways are open; false (and `skipped`) when there is nothing to choose. */
	async load(): Promise<boolean> {
		this.phase = 'loading';
		try {
			this.#options = await this.api.receiptOptions();
		} catch {
			this.#options = null;
		}
		const offered = this.#options !== null && this.#options.hasContent && (this.#options.print || this.#options.email !== null);
		this.phase = offered ? 'choosing' : 'skipped';
		return offered;
	}

	/** True once the receipt is printed or sent. */
	async choose(channel: ReceiptChannel, language: ReceiptRequest['language']): Promise<boolean> {
		if (this.phase !== 'choosing') return false;
		this.phase = 'sending';
		this.problem = null;
		try {
			const result = await this.api.sendReceipt(channel, language);
			if (result.ok) {
				this.sent = channel;
				this.phase = 'done';
				return true;
			}
			this.problem = result.reason;
		} catch {
			this.problem = 'failed';
		}
		this.#failed = [...this.#failed, channel];
		this.phase = 'choosing';
		return false;
	}

	decline(): void {
		this.sent = null;
		this.phase = 'done';
	}
}
