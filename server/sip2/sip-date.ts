/**
 * SIP2 dates: 18 characters `YYYYMMDDZZZZHHMMSS`. ZZZZ is four blanks for local time (what we send)
 * or `   Z` for UTC. 18 blanks (or zeros) mean "no date".
 */
export const NO_SIP_DATE = ' '.repeat(18);

const SIP_DATE = /^(\d{4})(\d{2})(\d{2})([ 0-9A-Z]{4})(\d{2})(\d{2})(\d{2})$/;

export function isSipDate(raw: string): boolean {
	return raw === NO_SIP_DATE || SIP_DATE.test(raw);
}

export function formatSipDate(date: Date): string {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return (
		pad(date.getFullYear(), 4) +
		pad(date.getMonth() + 1) +
		pad(date.getDate()) +
		'    ' +
		pad(date.getHours()) +
		pad(date.getMinutes()) +
		pad(date.getSeconds())
	);
}

/**
 * Reads a fixed-field date, or the free-format due date (AH) when it has the common
 * `YYYYMMDD    HHMMSS` shape. Anything else, or "no date", gives null: callers then show the raw text.
 */
export function parseSipDate(raw: string): Date | null {
	const match = SIP_DATE.exec(raw.trim().length === 0 ? '' : raw.padEnd(18, ' ').slice(0, 18));
	if (!match) return parseLooseDate(raw);
	const [, y, mo, d, zone, h, mi, s] = match.map((part, index) => (index === 4 ? part : Number(part))) as [
		unknown,
		number,
		number,
		number,
		string,
		number,
		number,
		number
	];
	if (y === 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
	return zone.trim() === 'Z' ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
}

/** ILSs that format AH themselves (Koha's format_due_date) send `2026-12-14` or `2026-12-14 23:59`. */
function parseLooseDate(raw: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(raw.trim());
	if (!match) return null;
	const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
	if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
	return new Date(y, mo - 1, d, h, mi, s);
}

/** The ISO calendar date (local time) the kiosk screens show, e.g. `2026-12-14`. */
export function toIsoCalendarDate(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
