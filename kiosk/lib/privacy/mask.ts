/**
 * Masking for screens and logs that are not the member's own: a card number keeps its last four
 * characters, so a technician or engineer can tell two cards apart and see that a scan arrived
 * whole, but nobody reading over a shoulder or a log can use it.
 */
export function maskCardNumber(card: string): string {
	return card.length <= 4 ? '*'.repeat(card.length) : '*'.repeat(card.length - 4) + card.slice(-4);
}

/** `sanne.jansen@example.nl` → `s***@example.nl`: the member recognises it, a passer-by learns little. */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '*'.repeat(Math.min(email.length, 8));
	return `${email[0]}***${email.slice(at)}`;
}

/** `06-21436587` → `06 *** **87`: the first two digits (mobile or area) and the last two. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (digits.length < 6) return '*'.repeat(digits.length);
	return `${digits.slice(0, 2)} *** **${digits.slice(-2)}`;
}

/** `Oudegracht 88, 3511 AV Utrecht` → `O********* **, 3*** ** U******`: each word keeps its first character. */
export function maskAddress(address: string): string {
	return address.replace(/[\p{L}\p{N}]+/gu, (word) => word[0] + '*'.repeat(word.length - 1));
}
