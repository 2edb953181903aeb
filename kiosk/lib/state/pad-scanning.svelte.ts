/**
 * The RFID pad on the borrow and return screens: each item on the pad goes through the screen's
 * ScanQueue exactly like a scanned barcode (there is no second path to the server); the
 * PadIntake decides which and when.
 *
 * Create it while the screen initialises: it runs an effect for the screen's life. The intake is
 * passed in because it must outlive the screen (see PadIntake).
 */
import { untrack } from 'svelte';
import type { PadIntake, PadProgress } from './pad-intake';
import { rfidPad, type RfidPadState } from './rfid-pad.svelte';
import type { ItemOutcome, ScanQueue } from './scan-queue.svelte';

export class PadScanning<T extends ItemOutcome> {
	readonly #queue: ScanQueue<T>;
	readonly #intake: PadIntake;
	readonly #pad: RfidPadState;

	constructor(queue: ScanQueue<T>, intake: PadIntake, pad: RfidPadState = rfidPad) {
		this.#queue = queue;
		this.#intake = intake;
		this.#pad = pad;

		// On every snapshot and every answer: an answer can make a part already on the pad worth
		// sending again (it arrived while the request was under way).
		$effect(() => this.sync());
	}

	/** Acts on the pad as it is now. The effect calls it; unit tests (no effects in node) call it by hand. */
	sync(): void {
		const queue = this.#queue;
		const decision = this.#intake.update(this.#pad.tags, queue);
		untrack(() => {
			for (const uid of decision.readable) queue.tagReadable(uid);
			for (const uid of decision.unreadable) queue.tagUnreadable(uid);
			for (const itemId of decision.submit) void queue.submit(itemId);
		});
	}

	/** How far the items on the pad are; `total` is 0 when none lie there. */
	get progress(): PadProgress {
		return this.#intake.progress(this.#pad.tags, this.#queue);
	}

	/** The pad is not working: the screen suggests the barcodes. */
	get offline(): boolean {
		return this.#pad.offline;
	}
}
