/**
 * Pure formatting helpers (no Svelte state), shared by the i18n state and the unit tests.
 */
import type { Money } from '$lib/api/contract';

export type Language = 'nl' | 'en';

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** The Intl locale used for each interface language. */
export const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Names of the `{parameters}` in a message template, as a type. */
export type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
	? P | ParamNames<Rest>
	: never;

export type Params = Readonly<Record<string, string | number>>;

/** Names of the `{parameters}` in a message template, at run time (sorted, unique). */
export function paramNames(template: string): string[] {
	const names = new Set<string>();
	for (const match of template.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
		if (match[1] !== undefined) names.add(match[1]);
	}
	return [...names].sort();
}

/** Replaces each `{name}` with its value; unknown names stay as written so a gap is visible. */
export function interpolate(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
		const value = params[name];
		return value === undefined ? whole : String(value);
	});
}

/** Intl output uses no-break spaces; plain spaces keep on-screen text and test matchers simple. */
function plainSpaces(text: string): string {
	return text.replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * Formats an ISO calendar date (`2026-12-14`) with a long month name ("14 december 2026").
 * The date is a calendar day, not an instant: it is formatted in UTC so no time zone shifts it.
 * Returns `fallback` when the date is missing or unreadable.
 */
export function formatDate(language: Language, isoDate: string | null, fallback: string): string {
	if (isoDate === null) return fallback;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!match) return fallback || isoDate;
	const [, y, m, d] = match;
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	if (Number.isNaN(date.getTime())) return fallback || isoDate;
	return plainSpaces(
		new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
	);
}

/** "2 en 3", "1, 2 en 4" ("2 and 3" in English). */
export function formatList(language: Language, items: readonly string[]): string {
	return new Intl.ListFormat(LOCALES[language], { type: 'conjunction', style: 'long' }).format(items);
}

/** Formats money with its ISO currency code ("EUR 12,50" in Dutch, "EUR 12.50" in English). */
export function formatMoney(language: Language, money: Money): string {
	const amount = Number(money.amount);
	if (!Number.isFinite(amount) || !/^[A-Z]{3}$/.test(money.currency)) {
		return `${money.currency} ${money.amount}`.trim();
	}
	try {
		return plainSpaces(
			new Intl.NumberFormat(LOCALES[language], {
				style: 'currency',
				currency: money.currency,
				currencyDisplay: 'code'
			}).format(amount)
		);
	} catch {
		return `${money.currency} ${money.amount}`;
	}
}
