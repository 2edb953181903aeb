/**
 * Which items on the RFID pad the borrow or return screen sends, and when. Pure: the screen feeds
 * it every snapshot together with its ScanQueue's lines, and sends what it says through that same
 * queue, so a tag on the pad is handled exactly like a scanned barcode.
 *
 * - An item is sent once, on first sight. A multi-part set (one `id`, parts 1..of) is one item;
 *   the server checks the parts and answers `parts-missing` when some are not on the pad.
 * - After `parts-missing` it is sent again as soon as a part lies on the pad that was not there
 *   when it was last sent: laying the missing disc completes the loan.
 * - An answered item (lent, returned, or refused for a reason a retry will not change) is never
 *   sent again because its tag is still, or again, on the pad: members lift and replace stacks,
 *   and sending a lent item again would renew it.
 * - After a failed request (nothing happened to the item) laying it on the pad again retries it.
 * - An unreadable tag gets one line per uid; if the same tag is read after all, that line goes.
 *
 * One intake lives as long as the page, which is as long as the member session (the session end
 * reloads the page): it remembers answers across visits to the account screen, whose ScanQueue
 * lines are gone by then.
 */
import type { PadTag } from '$lib/api/contract';
import type { ItemOutcome, ScanLine } from './scan-queue.svelte';

/** Where an item stands. */
export type ItemProgress =
	/** Never sent. */
	| 'new'
	/** Waiting for or in a request. */
	| 'pending'
	/** Answered for good: done, or refused for a reason another try will not change. */
	| 'answered'
	/** Refused because parts of the set were not on the pad. */
	| 'parts-missing'
	/** The request failed; nothing happened to the item. */
	| 'failed';

/** The part of a ScanQueue the intake reads. */
export interface ScanState<T extends ItemOutcome> {
	readonly lines: ReadonlyArray<ScanLine<T>>;
	readonly pending: readonly string[];
}

export interface PadDecision {
	/** Item ids to send now, in the order their tags lie on the pad. */
	submit: string[];
	/** Uids of unreadable tags not reported before: one line each. */
	unreadable: string[];
	/** Uids reported unreadable that have since been read: their line can go. */
	readable: string[];
}

export interface PadProgress {
	/** Items on the pad with an answer (a result line). */
	processed: number;
	/** Items on the pad: each set once, each unreadable tag once. Member cards do not count. */
	total: number;
}

function lineProgress<T extends ItemOutcome>(line: ScanLine<T>): ItemProgress {
	if (line.status === 'error') return 'failed';
	if (line.status !== 'done') return 'answered';
	const outcome = line.outcome;
	return !outcome.ok && 'reason' in outcome && outcome.reason === 'parts-missing' ? 'parts-missing' : 'answered';
}

/** Where `itemId` stands in the queue alone. */
export function queueProgress<T extends ItemOutcome>(scans: ScanState<T>, itemId: string): ItemProgress {
	if (scans.pending.includes(itemId)) return 'pending';
	const line = scans.lines.find((candidate) => candidate.itemId === itemId);
	return line ? lineProgress(line) : 'new';
}

/** The item tags on the pad grouped by item id, in pad order, with the parts of each. */
function itemsOnPad(tags: readonly PadTag[]): Map<string, Set<number>> {
	const items = new Map<string, Set<number>>();
	for (const tag of tags) {
		const id = tag.kind === 'item' ? tag.id?.trim() : undefined;
		if (!id) continue;
		const parts = items.get(id) ?? new Set<number>();
		parts.add(tag.part);
		items.set(id, parts);
	}
	return items;
}

export class PadIntake {
	/** The last progress seen for each item, so an answer outlives the screen that got it. */
	readonly #known = new Map<string, ItemProgress>();
	/** The parts of each item that lay on the pad when it was last sent from here. */
	readonly #sentWith = new Map<string, Set<number>>();
	/** Item ids on the pad at the previous update. */
	#present = new Set<string>();
	/** Unreadable uids that have their line. */
	readonly #reported = new Set<string>();

	/** What to do about the pad's tags now. Call it on every snapshot and every change of the queue. */
	update<T extends ItemOutcome>(tags: readonly PadTag[], scans: ScanState<T>): PadDecision {
		for (const line of scans.lines) if (line.itemId !== null) this.#known.set(line.itemId, lineProgress(line));
		for (const itemId of scans.pending) this.#known.set(itemId, 'pending');

		const decision: PadDecision = { submit: [], unreadable: [], readable: [] };
		const items = itemsOnPad(tags);
		for (const [itemId, parts] of items) {
			if (this.#shouldSend(itemId, parts, scans)) {
				decision.submit.push(itemId);
				this.#sentWith.set(itemId, parts);
				this.#known.set(itemId, 'pending');
			}
		}
		this.#present = new Set(items.keys());

		for (const tag of tags) {
			if (tag.kind === 'unreadable' && !this.#reported.has(tag.uid)) {
				this.#reported.add(tag.uid);
				decision.unreadable.push(tag.uid);
			} else if (tag.kind !== 'unreadable' && this.#reported.delete(tag.uid)) {
				decision.readable.push(tag.uid);
			}
		}
		return decision;
	}

	/** How far the items on the pad are (does not change what the intake remembers). */
	progress<T extends ItemOutcome>(tags: readonly PadTag[], scans: ScanState<T>): PadProgress {
		let processed = 0;
		let total = 0;
		for (const itemId of itemsOnPad(tags).keys()) {
			total++;
			const progress = this.#progress(itemId, scans);
			if (progress !== 'new' && progress !== 'pending') processed++;
		}
		for (const tag of tags) {
			// An unreadable tag's line is there at once: nothing more will happen to it here.
			if (tag.kind === 'unreadable') {
				total++;
				processed++;
			}
		}
		return { processed, total };
	}

	#progress<T extends ItemOutcome>(itemId: string, scans: ScanState<T>): ItemProgress {
		const progress = queueProgress(scans, itemId);
		if (progress !== 'new') return progress;
		const known = this.#known.get(itemId);
		// Sent from a screen that was left before the answer came: it most likely went through,
		// and sending it again could renew a fresh loan.
		if (known === 'pending') return 'answered';
		return known ?? 'new';
	}

	#shouldSend<T extends ItemOutcome>(itemId: string, parts: ReadonlySet<number>, scans: ScanState<T>): boolean {
		const progress = this.#progress(itemId, scans);
		switch (progress) {
			case 'new':
				return true;
			case 'pending':
			case 'answered':
				return false;
			case 'parts-missing': {
				const sentWith = this.#sentWith.get(itemId);
				return [...parts].some((part) => !sentWith?.has(part));
			}
			case 'failed':
				return !this.#present.has(itemId);
		}
	}
}
