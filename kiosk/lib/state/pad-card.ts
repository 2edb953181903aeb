/**
 * A member card laid on the RFID pad, for the welcome screen. Only a card laid down while the
 * screen watches counts: one that already lay there when the screen (or the pad's event stream)
 * started is most likely the previous member's, left behind when their session ended, and must
 * not log them in again. Lifting it and laying it down again does count.
 */
import type { PadTag } from '$lib/api/contract';

export class PadCardWatch {
	/** Uids of the cards on the pad at the last look; null until there is a baseline. */
	#present: Set<string> | null = null;

	/** The pad's contents are unknown for now (the stream broke): the next look is a new baseline. */
	forget(): void {
		this.#present = null;
	}

	/** The card number of a card laid down since the last look, or null. */
	update(tags: readonly PadTag[]): string | null {
		const cards = tags.filter((tag) => tag.kind === 'member-card' && tag.id?.trim());
		const before = this.#present;
		this.#present = new Set(cards.map((tag) => tag.uid));
		if (!before) return null;
		return cards.find((tag) => !before.has(tag.uid))?.id?.trim() ?? null;
	}
}
