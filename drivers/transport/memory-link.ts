import { EventEmitter } from 'node:events';
import { LinkError, type ByteLink, type ByteLinkEvents, type ByteLinkOpener } from './byte-link';

/**
 * Two ByteLinks joined in memory: what one writes, the other receives, asynchronously as a real
 * port would deliver it. Simulators sit on one end so drivers, `npm start` and unit tests run
 * without hardware and without a pseudo-terminal.
 */
class MemoryLink extends EventEmitter<ByteLinkEvents> implements ByteLink {
	peer: MemoryLink | null = null;
	#open = true;

	constructor(readonly description: string) {
		super();
	}

	get isOpen(): boolean {
		return this.#open;
	}

	async write(bytes: Uint8Array): Promise<void> {
		if (!this.#open || !this.peer) throw new LinkError(this.description, 'closed');
		const peer = this.peer;
		const copy = Buffer.from(bytes);
		setImmediate(() => peer.#open && peer.emit('data', copy));
	}

	async close(): Promise<void> {
		this.#shut(null);
		if (this.peer) this.peer.#shut(null);
	}

	/** Simulates an unplugged cable: both ends see the link go, with an error. */
	unplug(): void {
		const error = new LinkError(this.description, 'device disconnected');
		this.#shut(error);
		if (this.peer) this.peer.#shut(error);
	}

	#shut(error: Error | null): void {
		if (!this.#open) return;
		this.#open = false;
		setImmediate(() => this.emit('close', error));
	}
}

export type { MemoryLink };

export function createMemoryLinkPair(description = 'memory'): [driverSide: MemoryLink, deviceSide: MemoryLink] {
	const driverSide = new MemoryLink(description);
	const deviceSide = new MemoryLink(`${description} (device side)`);
	driverSide.peer = deviceSide;
	deviceSide.peer = driverSide;
	return [driverSide, deviceSide];
}

/**
 * An opener whose every `open()` makes a fresh pair and hands the device side to `attach` (a
 * simulator's `attach(link)`). `plugged = false` makes `open()` fail, as an absent device does.
 */
export class MemoryLinkOpener implements ByteLinkOpener {
	plugged = true;
	current: MemoryLink | null = null;

	constructor(
		readonly description: string,
		private readonly attach: (deviceSide: ByteLink) => void
	) {}

	async open(): Promise<ByteLink> {
		if (!this.plugged) throw new LinkError(this.description, 'no such device');
		const [driverSide, deviceSide] = createMemoryLinkPair(this.description);
		this.attach(deviceSide);
		this.current = driverSide;
		return driverSide;
	}

	/** Pulls the cable: the open link closes with an error and `open()` fails until `plugIn()`. */
	unplug(): void {
		this.plugged = false;
		this.current?.unplug();
	}

	plugIn(): void {
		this.plugged = true;
	}
}
