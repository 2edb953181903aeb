import type { EventEmitter } from 'node:events';

/**
 * The hardware boundary of every driver: an open, bidirectional byte link to one device (a serial
 * port, a TCP socket, or an in-memory pair with a simulator on the other end). Drivers speak
 * their protocol over a ByteLink and never import serialport or node:net themselves.
 */
export interface ByteLinkEvents {
	data: [chunk: Buffer];
	/** The link is gone: unplugged, closed by the peer, or closed by us (error null). */
	close: [error: Error | null];
}

export interface ByteLink extends EventEmitter<ByteLinkEvents> {
	/** For logs and the technician page, e.g. `serial:/dev/ttyUSB0@38400` or `tcp:10.0.0.5:20007`. */
	readonly description: string;
	readonly isOpen: boolean;
	/** Resolves when the bytes were handed to the OS (or the peer, in memory). Rejects with LinkError once closed. */
	write(bytes: Uint8Array): Promise<void>;
	/** Idempotent. */
	close(): Promise<void>;
}

/** How to reach a device: opening it gives a fresh ByteLink (drivers reopen after an unplug). */
export interface ByteLinkOpener {
	readonly description: string;
	/** Rejects with LinkError when the device is absent or busy. */
	open(): Promise<ByteLink>;
}

export class LinkError extends Error {
	constructor(
		readonly link: string,
		message: string
	) {
		super(`${link}: ${message}`);
		this.name = 'LinkError';
	}
}
