import { SipEncodeError, SipParseError } from './errors';
import { isSipDate } from './sip-date';

/**
 * A fixed-length field of a message's fixed part: how many characters it takes and how to read and
 * write it. Reading is tolerant where real ACSs are sloppy; writing is strict.
 */
export interface FixedFieldCodec<T> {
	readonly length: number;
	decode(raw: string, name: string): T;
	encode(value: T, name: string): string;
}

/** `1` / `0` (login ok, checkout ok...). Some ACSs send `Y` / `N` here; we read those too. */
export const oneZero: FixedFieldCodec<boolean> = {
	length: 1,
	decode(raw, name) {
		if (raw === '1' || raw === 'Y' || raw === 'y') return true;
		if (raw === '0' || raw === 'N' || raw === 'n') return false;
		throw new SipParseError(`${name}: expected 1 or 0`);
	},
	encode: (value) => (value ? '1' : '0')
};

/** `Y` / `N`. A blank reads as N: several ACSs leave optional flags blank. */
export const yesNo: FixedFieldCodec<boolean> = {
	length: 1,
	decode(raw, name) {
		if (raw === 'Y' || raw === 'y' || raw === '1') return true;
		if (raw === 'N' || raw === 'n' || raw === '0' || raw === ' ') return false;
		throw new SipParseError(`${name}: expected Y or N`);
	},
	encode: (value) => (value ? 'Y' : 'N')
};

export type YesNoUnknown = 'Y' | 'N' | 'U';

/** `Y` / `N` / `U` (magnetic media, desensitize, resensitize). Anything else reads as unknown. */
export const yesNoUnknown: FixedFieldCodec<YesNoUnknown> = {
	length: 1,
	decode: (raw) => {
		const upper = raw.toUpperCase();
		return upper === 'Y' || upper === 'N' ? upper : 'U';
	},
	encode(value, name) {
		if (value !== 'Y' && value !== 'N' && value !== 'U') throw new SipEncodeError(`${name}: expected Y, N or U`);
		return value;
	}
};

/** An 18-character date, kept as its raw text (see sip-date.ts to read or make one). */
export const sipDate: FixedFieldCodec<string> = {
	length: 18,
	decode(raw, name) {
		if (!isSipDate(raw)) throw new SipParseError(`${name}: not a SIP2 date`);
		return raw;
	},
	encode(value, name) {
		if (value.length !== 18 || !isSipDate(value)) throw new SipEncodeError(`${name}: not an 18-character SIP2 date`);
		return value;
	}
};

/** Raw text of an exact length (language, protocol version, fee type...). */
export function text(length: number): FixedFieldCodec<string> {
	return {
		length,
		decode: (raw) => raw,
		encode(value, name) {
			if (value.length !== length) throw new SipEncodeError(`${name}: must be exactly ${length} characters`);
			if (/[|\r\n\0]/.test(value)) throw new SipEncodeError(`${name}: contains a delimiter`);
			return value;
		}
	};
}

/** A zero-padded number (timeout period, retries, print width). Blanks read as null ("unknown"). */
export function digits(length: number): FixedFieldCodec<number | null> {
	return {
		length,
		decode(raw, name) {
			if (raw.trim() === '') return null;
			if (!/^ *\d+ *$/.test(raw)) throw new SipParseError(`${name}: expected ${length} digits`);
			return Number(raw);
		},
		encode(value, name) {
			if (value === null) return ' '.repeat(length);
			if (!Number.isInteger(value) || value < 0 || String(value).length > length) {
				throw new SipEncodeError(`${name}: must be a whole number of at most ${length} digits`);
			}
			return String(value).padStart(length, '0');
		}
	};
}

/** Item counts in 64: `0000`–`9999`, or four blanks for "unknown" (null). */
export const count = digits(4);

export const PATRON_STATUS_FLAGS = [
	'chargePrivilegesDenied',
	'renewalPrivilegesDenied',
	'recallPrivilegesDenied',
	'holdPrivilegesDenied',
	'cardReportedLost',
	'tooManyItemsCharged',
	'tooManyItemsOverdue',
	'tooManyRenewals',
	'tooManyClaimsOfItemsReturned',
	'tooManyItemsLost',
	'excessiveOutstandingFines',
	'excessiveOutstandingFees',
	'recallOverdue',
	'tooManyItemsBilled'
] as const;

export type PatronStatus = Record<(typeof PATRON_STATUS_FLAGS)[number], boolean>;

/** The 14-character patron status: `Y` = true, anything else (blank) = false. */
export const patronStatus: FixedFieldCodec<PatronStatus> = {
	length: 14,
	decode: (raw) =>
		Object.fromEntries(PATRON_STATUS_FLAGS.map((flag, index) => [flag, raw[index] === 'Y' || raw[index] === 'y'])) as PatronStatus,
	encode: (value) => PATRON_STATUS_FLAGS.map((flag) => (value[flag] ? 'Y' : ' ')).join('')
};

export function patronStatusOf(flags: Partial<PatronStatus> = {}): PatronStatus {
	return Object.fromEntries(PATRON_STATUS_FLAGS.map((flag) => [flag, flags[flag] ?? false])) as PatronStatus;
}

export const SUMMARY_ITEMS = ['hold', 'overdue', 'charged', 'fine', 'recall', 'unavailable-hold'] as const;
export type SummaryItems = (typeof SUMMARY_ITEMS)[number];

/** The 10-character summary of 63: at most one `Y`, naming which item list the ACS should send. */
export const summary: FixedFieldCodec<SummaryItems | null> = {
	length: 10,
	decode: (raw) => {
		const index = [...raw].findIndex((char) => char === 'Y' || char === 'y');
		return index >= 0 && index < SUMMARY_ITEMS.length ? SUMMARY_ITEMS[index]! : null;
	},
	encode: (value) => {
		const chars = Array<string>(10).fill(' ');
		if (value !== null) chars[SUMMARY_ITEMS.indexOf(value)] = 'Y';
		return chars.join('');
	}
};
