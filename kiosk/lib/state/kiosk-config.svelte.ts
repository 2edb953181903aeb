/**
 * What GET /api/config says: the library's name, the idle durations and the languages. Nothing personal.
 * Read once per page load; the page reloads after every member session, so a change the technician
 * makes reaches the next member.
 * Until it arrives (or when it cannot be fetched) sensible defaults apply and it is retried.
 */
import type { KioskConfig } from '$lib/api/contract';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { KioskApi } from '$lib/services/kiosk-api';

export const DEFAULT_IDLE_TIMEOUT_S = 60;
/** WCAG 2.2.1 asks for at least 20 s to react to a time-out warning. */
export const DEFAULT_IDLE_WARNING_S = 30;

export class KioskConfigState {
	/** `null` until the server told us; the header then shows the catalog's generic name. */
	libraryName = $state<string | null>(null);
	idleTimeoutS = $state(DEFAULT_IDLE_TIMEOUT_S);
	idleWarningS = $state(DEFAULT_IDLE_WARNING_S);
	/** Whether the header offers the other language (LANGUAGE_TOGGLE). */
	languageToggle = $state(true);
	loaded = $state(false);

	#loading: Promise<void> | null = null;

	apply(config: KioskConfig): void {
		this.libraryName = config.libraryName.trim() || null;
		if (Number.isFinite(config.idleTimeoutS) && config.idleTimeoutS > 0) this.idleTimeoutS = config.idleTimeoutS;
		if (Number.isFinite(config.idleWarningS) && config.idleWarningS > 0) this.idleWarningS = config.idleWarningS;
		if (config.language === 'nl' || config.language === 'en') i18n.useDefault(config.language);
		this.languageToggle = config.languageToggle !== false;
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
