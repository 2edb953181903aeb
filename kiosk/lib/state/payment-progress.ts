import type { PaymentProgress } from '$lib/api/contract';

/**
 * The payment steps the device events stream carries, handed to whichever screen follows a
 * payment. The stream is the kiosk's; a screen listens only to its own payment's id.
 */
export class PaymentProgressEvents {
	readonly #listeners = new Set<(progress: PaymentProgress) => void>();

	publish(progress: PaymentProgress): void {
		for (const listener of this.#listeners) listener(progress);
	}

	/** Returns the function that stops listening. */
	listen(listener: (progress: PaymentProgress) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}

export const paymentProgress = new PaymentProgressEvents();
