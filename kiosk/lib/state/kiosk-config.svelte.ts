/**
 * What GET /api/config says: the library's name and the idle durations. Nothing personal.
 * Until it arrives (or when it cannot be fetched) sensible defaults apply and it is retried.
 */
import type { KioskConfig } from '$lib/api/contract';
import type { KioskApi } from '$lib/services/kiosk-api';

export const DEFAULT_IDLE_TIMEOUT_S = 60;
/** WCAG 2.2.1 asks for at least 20 s to react to a time-out warning. */
export const DEFAULT_IDLE_WARNING_S = 30;

export class KioskConfigState {
	/** `null` until the server told us; the header then shows the catalog's generic name. */
	libraryName = $state<string | null>(null);
	idleTimeoutS = $state(DEFAULT_IDLE_TIMEOUT_S);
	idleWarningS = $state(DEFAULT_IDLE_WARNING_S);
	loaded = $state(false);

	#loading: Promise<void> | null = null;

	apply(config: KioskConfig): void {
		this.libraryName = config.libraryName.trim() || null;
		if (Number.isFinite(config.idleTimeoutS) && config.idleTimeoutS > 0) this.idleTimeoutS = config.idleTimeoutS;
		if (Number.isFinite(config.idleWarningS) && config.idleWarningS > 0) this.idleWarningS = config.idleWarningS;
		this.loaded = true;
	}

	/** Loads once; on failure keeps the defaults and tries again after `retryMs`. */
	load(api: Pick<KioskApi, 'config'>, retryMs = 15_000): Promise<void> {
		this.#loading ??= api.config().then(
			(config) => this.apply(config),
			() => {
				this.#loading = null;
				setTimeout(() => void this.load(api, retryMs), retryMs);
			}
		);
		return this.#loading;
	}
}

export const kioskConfig = new KioskConfigState();
