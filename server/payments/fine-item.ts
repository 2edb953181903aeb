import type { Fee } from '../../kiosk/lib/api/contract';

/**
 * A fee as SIP2 patron information (64) lists it in a fine item field (AV). The field is free text
 * and library systems fill it differently; the common shape is the amount, the currency and a
 * description, optionally preceded by the library system's fee id (which the fee paid message, 37,
 * can name in CG to pay exactly that fee). Without an id the member can only pay everything.
 *
 *   "12 7.50 EUR Administratiekosten"   id 12, EUR 7.50
 *   "7.50 EUR Administratiekosten"      no id
 *   "2,40 Te laat"                      no id, the patron's currency
 */
export interface FineItem {
	/** The library system's fee id, for CG; null when the field names none. */
	id: string | null;
	amountCents: number;
	currency: string;
	description: string;
}

const WITH_AMOUNT = /^(?:(\S+)\s+)??(\d{1,7}[.,]\d{2})(?:\s+([A-Z]{3}))?(?:\s+(.*))?$/;

/** Null when the field carries no amount we can read: then the fee is shown but cannot be picked. */
export function parseFineItem(field: string, defaultCurrency: string): FineItem | null {
	const match = WITH_AMOUNT.exec(field.trim());
	if (!match) return null;
	const [, id, amount, currency, description] = match;
	const amountCents = parseAmountCents(amount!);
	if (amountCents === null || amountCents === 0) return null;
	return { id: id ?? null, amountCents, currency: currency ?? defaultCurrency, description: (description ?? '').trim() };
}

/** "12.50" or "12,50" to cents; null for anything else. */
export function parseAmountCents(amount: string): number | null {
	const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(amount.trim());
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Cents to the decimal form SIP2 amount fields (BV) carry: 1250 → "12.50". */
export function formatAmount(cents: number): string {
	if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not a whole, positive number of cents: ${cents}`);
	return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A parsed fee as the screens show it. */
export function feeView(fee: FineItem): Fee {
	return { id: fee.id, amount: { amount: formatAmount(fee.amountCents), currency: fee.currency }, description: fee.description };
}

/** A fine item field as the screens show it: parsed when it can be, else the field as it came. */
export function feeOfFineItem(field: string, defaultCurrency: string): Fee {
	const fee = parseFineItem(field, defaultCurrency);
	if (!fee) return { id: null, amount: null, description: field.trim() };
	return { ...feeView(fee), description: fee.description || field.trim() };
}
