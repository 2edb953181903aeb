/**
 * The RFID pad at the staff desk. In lend mode the items on the pad are lent to the member found
 * (none found: they wait); in check-in mode they are checked in. Both go through the desk's own
 * queues with the kiosk's PadScanning and PadIntake: each item once, a multi-part set only when
 * all its parts lie there, and the server sets the security bit only after the library system
 * confirmed (as for any desk loan or return of an item on the pad).
 *
 * When the member or the mode changes the pad keeps its items, so the new intake is told what the
 * last one dealt with: those wait until lifted off and laid again. A returned stack is not lent to
 * the next member, nor the last member's loans to the next one.
 *
 * A member card laid on the pad finds that member, as typing the card does; only one laid down
 * while the desk watches (PadCardWatch): a card already lying there is the last member's.
 *
 * Create it while the desk's member section initialises: it runs an effect for that section's
 * life, so the pad does nothing while the desk is locked or logged out.
 */
import { untrack } from 'svelte';
import type { BorrowOutcome } from '$lib/api/contract';
import type { DeskCirculation, DeskReturn } from './desk-circulation.svelte';
import { PadCardWatch } from './pad-card';
import { PadIntake, type PadProgress } from './pad-intake';
import { PadScanning } from './pad-scanning.svelte';
import { rfidPad, type RfidPadState } from './rfid-pad.svelte';
import type { ScanQueue } from './scan-queue.svelte';

type Target = { mode: 'lend'; queue: ScanQueue<BorrowOutcome> } | { mode: 'return'; queue: ScanQueue<DeskReturn> } | null;

export class DeskPad {
	readonly #work: DeskCirculation;
	readonly #pad: RfidPadState;
	readonly #lending: PadScanning<BorrowOutcome>;
	readonly #returning: PadScanning<DeskReturn>;
	readonly #cards = new PadCardWatch();
	#target: Target = null;
	#intake: PadIntake | null = null;

	constructor(work: DeskCirculation, pad: RfidPadState = rfidPad) {
		this.#work = work;
		this.#pad = pad;
		this.#lending = new PadScanning<BorrowOutcome>(null, null, pad);
		this.#returning = new PadScanning<DeskReturn>(null, null, pad);
		// Declared after the two PadScannings' effects: the queue is switched before they run again.
		$effect(() => this.sync());
	}

	/** Follows the desk's member and mode, and looks for a member card. The effect calls it; unit tests by hand. */
	sync(): void {
		const work = this.#work;
		const target: Target = work.padMode === 'return' ? { mode: 'return', queue: work.returns } : work.lending ? { mode: 'lend', queue: work.lending } : null;
		untrack(() => {
			this.#switchTo(target);
			// Their own effects do this on every snapshot and answer; here at once after a switch
			// (and in unit tests, where effects do not run). Twice is harmless: an item is sent once.
			this.#lending.sync();
			this.#returning.sync();
		});

		if (!this.#pad.live) {
			// The pad's contents are unknown now: what lies there when it is back is the new baseline.
			this.#cards.forget();
			return;
		}
		const card = this.#cards.update(this.#pad.tags);
		if (card) untrack(() => void work.find(card));
	}

	/** How far the items on the pad are in the current mode. */
	get progress(): PadProgress {
		return this.#work.padMode === 'return' ? this.#returning.progress : this.#lending.progress;
	}

	/** The pad is not working: staff scan the barcodes. */
	get offline(): boolean {
		return this.#pad.offline;
	}

	/** The desk's kiosk has a pad (configured, working or not). */
	get present(): boolean {
		return this.#pad.status !== 'none';
	}

	#switchTo(target: Target): void {
		if (target?.mode === this.#target?.mode && target?.queue === this.#target?.queue) return;
		// With no target (no member found) the intake only carries on what the last one dealt with.
		this.#intake = new PadIntake({ leftOnPad: this.#intake?.handled() ?? [], againAfterLift: target?.mode === 'return' });
		this.#lending.switchTo(target?.mode === 'lend' ? target.queue : null, this.#intake);
		this.#returning.switchTo(target?.mode === 'return' ? target.queue : null, this.#intake);
		this.#target = target;
	}
}
