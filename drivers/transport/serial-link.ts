import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import { LinkError, type ByteLink, type ByteLinkEvents, type ByteLinkOpener } from './byte-link';

export interface SerialLinkOptions {
	path: string;
	baudRate: number;
	dataBits?: 5 | 6 | 7 | 8;
	parity?: 'none' | 'even' | 'odd';
	stopBits?: 1 | 2;
}

/** A serial port (RS-232, USB-CDC, or a pseudo-terminal in tests) through `serialport`. */
export function serialLinkOpener(options: SerialLinkOptions): ByteLinkOpener {
	const description = `serial:${options.path}@${options.baudRate}`;
	return {
		description,
		open: () =>
			new Promise<ByteLink>((resolve, reject) => {
				const port = new SerialPort({
					path: options.path,
					baudRate: options.baudRate,
					dataBits: options.dataBits ?? 8,
					parity: options.parity ?? 'none',
					stopBits: options.stopBits ?? 1,
					autoOpen: false
				});
				port.open((error) => {
					if (error) reject(new LinkError(description, error.message));
					else resolve(new SerialLink(description, port));
				});
			})
	};
}

class SerialLink extends EventEmitter<ByteLinkEvents> implements ByteLink {
	#closedByUs = false;
	#closed = false;

	constructor(
		readonly description: string,
		private readonly port: SerialPort
	) {
		super();
		port.on('data', (chunk: Buffer) => this.emit('data', chunk));
		port.on('close', (error?: Error | null) => this.#gone(this.#closedByUs ? null : (error ?? new LinkError(description, 'port closed'))));
		port.on('error', (error: Error) => this.#gone(error));
	}

	get isOpen(): boolean {
		return !this.#closed && this.port.isOpen;
	}

	write(bytes: Uint8Array): Promise<void> {
		if (!this.isOpen) return Promise.reject(new LinkError(this.description, 'closed'));
		return new Promise((resolve, reject) => {
			this.port.write(Buffer.from(bytes), (error) => {
				if (error) return reject(new LinkError(this.description, error.message));
				this.port.drain((drainError) => (drainError ? reject(new LinkError(this.description, drainError.message)) : resolve()));
			});
		});
	}

	close(): Promise<void> {
		if (this.#closed || !this.port.isOpen) return Promise.resolve();
		this.#closedByUs = true;
		return new Promise((resolve) => this.port.close(() => resolve()));
	}

	#gone(error: Error | null): void {
		if (this.#closed) return;
		this.#closed = true;
		this.emit('close', error);
	}
}
