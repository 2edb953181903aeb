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
 *
 * The staff desk changes intakes as it changes member or mode (lend, check in) while the pad keeps
 * its items: what the last intake dealt with is handed on (`leftOnPad`) and waits until lifted off
 * and laid again, so a returned stack is not lent to the next member. Its check-in intake lives
 * all day, so an item lifted off after its answer is taken again when it comes back (`againAfterLift`).
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

export interface PadIntakeOptions {
	/** Items another intake dealt with that may still lie on the pad: not sent until lifted off and laid again. */
	leftOnPad?: Iterable<string>;
	/**
	 * An answered item lifted off the pad is sent again when laid down again (the desk's check-in,
	 * where the same item may come back hours later). Never for loans: that would renew them.
	 */
	againAfterLift?: boolean;
}

export class PadIntake {
	/** Items an earlier intake dealt with, still on the pad since. */
	readonly #leftOnPad: Set<string>;
	readonly #againAfterLift: boolean;
	/** With `againAfterLift`: the seq of each item's line when it was lifted off; that line and older ones are history. */
	readonly #liftedAt = new Map<string, number>();
	/** The last progress seen for each item, so an answer outlives the screen that got it. */
	readonly #known = new Map<string, ItemProgress>();
	/** The parts of each item that lay on the pad when it was last sent from here. */
	readonly #sentWith = new Map<string, Set<number>>();
	/** Item ids on the pad at the previous update. */
	#present = new Set<string>();
	/** Unreadable uids that have their line. */
	readonly #reported = new Set<string>();

	constructor(options: PadIntakeOptions = {}) {
		this.#leftOnPad = new Set(options.leftOnPad ?? []);
		this.#againAfterLift = options.againAfterLift ?? false;
	}

	/** What to do about the pad's tags now. Call it on every snapshot and every change of the queue. */
	update<T extends ItemOutcome>(tags: readonly PadTag[], scans: ScanState<T>): PadDecision {
		for (const line of scans.lines) if (line.itemId !== null && !this.#isHistory(line)) this.#known.set(line.itemId, lineProgress(line));
		for (const itemId of scans.pending) this.#known.set(itemId, 'pending');

		const decision: PadDecision = { submit: [], unreadable: [], readable: [] };
		const items = itemsOnPad(tags);
		for (const itemId of this.#leftOnPad) if (!items.has(itemId)) this.#leftOnPad.delete(itemId);
		if (this.#againAfterLift) for (const itemId of this.#present) if (!items.has(itemId)) this.#lifted(itemId, scans);
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

	/** What this intake dealt with (or was told to leave), for the intake that takes over from it. */
	handled(): string[] {
		return [...new Set([...this.#leftOnPad, ...[...this.#known].filter(([, progress]) => progress !== 'new').map(([itemId]) => itemId)])];
	}

	/** How far the items on the pad are (does not change what the intake remembers). */
	progress<T extends ItemOutcome>(tags: readonly PadTag[], scans: ScanState<T>): PadProgress {
		let processed = 0;
		let total = 0;
		for (const itemId of itemsOnPad(tags).keys()) {
			// Left from the last member or mode: not this one's work.
			if (this.#leftOnPad.has(itemId)) continue;
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

	#isHistory<T extends ItemOutcome>(line: ScanLine<T>): boolean {
		const lifted = line.itemId === null ? undefined : this.#liftedAt.get(line.itemId);
		return lifted !== undefined && line.seq <= lifted;
	}

	/** An answered item left the pad: its answer becomes history, and laying it again starts anew. */
	#lifted<T extends ItemOutcome>(itemId: string, scans: ScanState<T>): void {
		if (scans.pending.includes(itemId)) return;
		const line = scans.lines.find((candidate) => candidate.itemId === itemId);
		if (line) this.#liftedAt.set(itemId, line.seq);
		this.#known.delete(itemId);
		this.#sentWith.delete(itemId);
	}

	#progress<T extends ItemOutcome>(itemId: string, scans: ScanState<T>): ItemProgress {
		const line = scans.lines.find((candidate) => candidate.itemId === itemId);
		const progress = line && this.#isHistory(line) && !scans.pending.includes(itemId) ? 'new' : queueProgress(scans, itemId);
		if (progress !== 'new') return progress;
		const known = this.#known.get(itemId);
		// Sent from a screen that was left before the answer came: it most likely went through,
		// and sending it again could renew a fresh loan.
		if (known === 'pending') return 'answered';
		return known ?? 'new';
	}

	#shouldSend<T extends ItemOutcome>(itemId: string, parts: ReadonlySet<number>, scans: ScanState<T>): boolean {
		if (this.#leftOnPad.has(itemId)) return false;
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
