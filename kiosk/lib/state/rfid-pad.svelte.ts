/**
 * The RFID pad as the screens see it: the latest PadSnapshot from the device events stream, which
 * stays open for the life of the page (the layout starts it).
 *
 * While the stream is broken nothing is known about the pad: the tags are emptied (the screens
 * must not act on what may have been lifted meanwhile) and a pad that was there counts as
 * disconnected. A kiosk without a reader (`none`) stays `none`: there is nothing to miss.
 */
import type { PadSnapshot, PadTag } from '$lib/api/contract';
import { openDeviceEvents, type DeviceEventsOptions } from '$lib/services/device-events';
import { wedge } from '$lib/services/wedge';
import { libraryStatus } from './library-status.svelte';
import { paymentProgress } from './payment-progress';

export type PadStatus = PadSnapshot['status'];

export class RfidPadState {
	status = $state<PadStatus>('none');
	tags = $state<PadTag[]>([]);
	/**
	 * A snapshot has arrived since the stream last (re)opened, so `tags` is what lies on the pad
	 * now. The welcome screen takes its baseline from the first live snapshot.
	 */
	live = $state(false);
	/**
	 * The reader is gone: `disconnected`, or `connecting` again after that. The pad driver retries
	 * with backoff, flipping between the two; the barcode note must not flicker with it.
	 */
	offline = $state(false);

	#close: (() => void) | null = null;
	readonly #activity: Array<() => void> = [];

	/** Opens the stream (once; later calls do nothing until stop()). */
	start(options: DeviceEventsOptions = {}): void {
		if (this.#close) return;
		this.#close = openDeviceEvents(
			{
				onOpen: () => {
					libraryStatus.setServerReachable(true);
					this.#opened();
				},
				onPad: (snapshot) => this.#apply(snapshot),
				onLost: () => {
					libraryStatus.setServerReachable(false);
					this.#lost();
				},
				// The same stream carries serial and HID scanner codes: they take the keyboard wedge's path.
				onScan: (code) => wedge.deliverScan(code),
				// And whether the library system is reachable: the offline banner and rules follow it.
				onLibrary: (status) => libraryStatus.apply(status),
				// And the payment terminal's progress, for the payment screens.
				onPayment: (progress) => paymentProgress.publish(progress)
			},
			options
		);
	}

	stop(): void {
		this.#close?.();
		this.#close = null;
		this.#lost();
	}

	/** Called when tags are laid on or lifted from the pad (the idle timer counts that as activity). */
	onActivity(callback: () => void): () => void {
		this.#activity.push(callback);
		return () => {
			const index = this.#activity.indexOf(callback);
			if (index >= 0) this.#activity.splice(index, 1);
		};
	}

	#opened(): void {
		// The first snapshot of this connection is on its way; until then the old tags are history.
		this.live = false;
	}

	#apply(snapshot: PadSnapshot): void {
		// The first snapshot of a connection is not a change anyone made at the pad.
		const changed = this.live && !sameUids(this.tags, snapshot.tags);
		this.tags = snapshot.tags;
		this.#setStatus(snapshot.status);
		this.live = true;
		if (changed) for (const callback of this.#activity) callback();
	}

	#lost(): void {
		this.live = false;
		if (this.tags.length > 0) this.tags = [];
		if (this.status !== 'none') this.#setStatus('disconnected');
	}

	#setStatus(status: PadStatus): void {
		if (status === 'connecting') this.offline = this.offline || this.status === 'disconnected';
		else this.offline = status === 'disconnected';
		this.status = status;
	}
}

function sameUids(a: readonly PadTag[], b: readonly PadTag[]): boolean {
	if (a.length !== b.length) return false;
	const uids = new Set(a.map((tag) => tag.uid));
	return b.every((tag) => uids.has(tag.uid));
}

/** The one pad state of the kiosk page. */
export const rfidPad = new RfidPadState();
