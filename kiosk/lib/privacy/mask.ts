/**
 * Masking for screens and logs that are not the member's own: a card number keeps its last four
 * characters, so a technician or engineer can tell two cards apart and see that a scan arrived
 * whole, but nobody reading over a shoulder or a log can use it.
 */
export function maskCardNumber(card: string): string {
	return card.length <= 4 ? '*'.repeat(card.length) : '*'.repeat(card.length - 4) + card.slice(-4);
}
