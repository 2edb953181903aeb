/**
 * The RFID pad on the borrow and return screens: each item on the pad goes through the screen's
 * ScanQueue exactly like a scanned barcode (there is no second path to the server); the
 * PadIntake decides which and when.
 *
 * Create it while the screen initialises: it runs an effect for the screen's life. The intake is
 * passed in because it must outlive the screen (see PadIntake). The staff desk points one at
 * another queue and intake as it changes member or mode, or at none (`switchTo`).
 */
import { untrack } from 'svelte';
import type { PadIntake, PadProgress } from './pad-intake';
import { rfidPad, type RfidPadState } from './rfid-pad.svelte';
import type { ItemOutcome, ScanQueue } from './scan-queue.svelte';

interface PadTarget<T extends ItemOutcome> {
	queue: ScanQueue<T>;
	intake: PadIntake;
}

export class PadScanning<T extends ItemOutcome> {
	#target = $state.raw<PadTarget<T> | null>(null);
	readonly #pad: RfidPadState;

	constructor(queue: ScanQueue<T> | null, intake: PadIntake | null, pad: RfidPadState = rfidPad) {
		this.#target = queue && intake ? { queue, intake } : null;
		this.#pad = pad;

		// On every snapshot and every answer: an answer can make a part already on the pad worth
		// sending again (it arrived while the request was under way).
		$effect(() => this.sync());
	}

	/** From now on the pad's items go to this queue, as this intake decides; null: they wait. */
	switchTo(queue: ScanQueue<T> | null, intake: PadIntake | null): void {
		this.#target = queue && intake ? { queue, intake } : null;
	}

	/** Acts on the pad as it is now. The effect calls it; unit tests (no effects in node) call it by hand. */
	sync(): void {
		const target = this.#target;
		if (!target) return;
		const { queue, intake } = target;
		const decision = intake.update(this.#pad.tags, queue);
		untrack(() => {
			for (const uid of decision.readable) queue.tagReadable(uid);
			for (const uid of decision.unreadable) queue.tagUnreadable(uid);
			for (const itemId of decision.submit) void queue.submit(itemId);
		});
	}

	/** How far the items on the pad are; `total` is 0 when none lie there (or nothing takes them now). */
	get progress(): PadProgress {
		const target = this.#target;
		return target ? target.intake.progress(this.#pad.tags, target.queue) : { processed: 0, total: 0 };
	}

	/** The pad is not working: the screen suggests the barcodes. */
	get offline(): boolean {
		return this.#pad.offline;
	}
}
