/**
 * Money is integer cents inside the demo library, so sums never pick up float dust; the API edge
 * speaks decimal strings ("12.50") because that is what SIP2 amount fields carry.
 */

export function formatCents(cents: number): string {
	if (!Number.isSafeInteger(cents)) throw new Error(`Not a whole number of cents: ${cents}`);
	const sign = cents < 0 ? '-' : '';
	const absolute = Math.abs(cents);
	const euros = Math.trunc(absolute / 100);
	const rest = String(absolute % 100).padStart(2, '0');
	return `${sign}${euros}.${rest}`;
}

/** "12.50", "12.5" or "12" to cents; null for anything else (negative, three decimals, "12,50"). */
export function parseCents(amount: string): number | null {
	const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount.trim());
	if (match === null) return null;
	const euros = Number(match[1]);
	const fraction = Number((match[2] ?? '').padEnd(2, '0'));
	return euros * 100 + fraction;
}
