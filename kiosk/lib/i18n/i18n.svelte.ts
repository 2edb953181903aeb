/**
 * The interface language and the message lookup.
 *
 * The language lives in memory only (never in storage or the URL); the session end routine resets
 * it to the kiosk's default (Dutch unless set otherwise), and a page reload does so anyway.
 */
import type { Money } from '$lib/api/contract';
import { en } from './en';
import { formatDate, formatList, formatMoney, interpolate, type Language, type ParamNames } from './format';
import { nl, type MessageKey, type Messages } from './nl';

export type { Language } from './format';
export type { MessageKey } from './nl';

export const CATALOGS: Readonly<Record<Language, Messages>> = { nl, en };

export const DEFAULT_LANGUAGE: Language = 'nl';

/** The parameters `t(key, ...)` takes for `key`: none, or an object with each `{name}`. */
export type ParamsFor<K extends MessageKey> = [ParamNames<(typeof nl)[K]>] extends [never]
	? []
	: [params: Readonly<Record<ParamNames<(typeof nl)[K]>, string | number>>];

export class I18n {
	language = $state<Language>(DEFAULT_LANGUAGE);
	/** What a member session starts in: Dutch unless the kiosk is set otherwise (LANGUAGE_DEFAULT, /api/config). */
	defaultLanguage = $state<Language>(DEFAULT_LANGUAGE);

	/** The language the toggle offers. */
	get other(): Language {
		return this.language === 'nl' ? 'en' : 'nl';
	}

	/** The message for `key` in the current language, with `{parameters}` filled in. */
	t<K extends MessageKey>(key: K, ...params: ParamsFor<K>): string {
		return interpolate(CATALOGS[this.language][key], params[0]);
	}

	/** The message for `key` in a given language (e.g. a language's own name on the toggle). */
	tIn<K extends MessageKey>(language: Language, key: K, ...params: ParamsFor<K>): string {
		return interpolate(CATALOGS[language][key], params[0]);
	}

	set(language: Language): void {
		this.language = language;
		if (typeof document !== 'undefined') document.documentElement.lang = language;
	}

	toggle(): void {
		this.set(this.other);
	}

	reset(): void {
		this.set(this.defaultLanguage);
	}

	/** The kiosk's default language arrived; the screen follows unless the member already chose. */
	useDefault(language: Language): void {
		if (this.language === this.defaultLanguage) this.set(language);
		this.defaultLanguage = language;
	}

	/** "14 december 2026"; the raw `fallback` text when the date is unknown. */
	date(isoDate: string | null, fallback = ''): string {
		return formatDate(this.language, isoDate, fallback);
	}

	money(money: Money): string {
		return formatMoney(this.language, money);
	}

	/** "2 en 3", "1, 2 en 4". */
	list(items: readonly string[]): string {
		return formatList(this.language, items);
	}
}

/** The one language state of the kiosk page. */
export const i18n = new I18n();
