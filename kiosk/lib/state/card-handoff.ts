/**
 * Passes a scanned card number from the welcome screen to the login screen in memory, never
 * through the URL or storage. Keys typed while the login screen is still loading (a fast PIN
 * after the scan) travel along, so none are lost. Taking empties the slot.
 */
let pendingCard: string | null = null;
let pendingKeys: string[] = [];

const MAX_KEYS = 32;

export function handOffCard(card: string): void {
	pendingCard = card;
	pendingKeys = [];
}

/** A key pressed after the card was handed off (digits, Backspace, Enter). */
export function handOffKey(key: string): void {
	if (pendingCard !== null && pendingKeys.length < MAX_KEYS && /^([0-9]|Backspace|Enter)$/.test(key)) {
		pendingKeys.push(key);
	}
}

export function takeCard(): { card: string; keys: string[] } | null {
	const card = pendingCard;
	const keys = pendingKeys;
	pendingCard = null;
	pendingKeys = [];
	return card === null ? null : { card, keys };
}
