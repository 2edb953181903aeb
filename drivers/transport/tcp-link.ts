import { EventEmitter } from 'node:events';
import net from 'node:net';
import { LinkError, type ByteLink, type ByteLinkEvents, type ByteLinkOpener } from './byte-link';

/** A device on the network (payment terminal on port 20007, receipt printer on 9100, LAN RFID reader). */
export function tcpLinkOpener(options: { host: string; port: number; connectTimeoutMs?: number }): ByteLinkOpener {
	const description = `tcp:${options.host}:${options.port}`;
	return {
		description,
		open: () =>
			new Promise<ByteLink>((resolve, reject) => {
				const socket = net.connect({ host: options.host, port: options.port });
				const timer = setTimeout(() => {
					socket.destroy();
					reject(new LinkError(description, 'connection timed out'));
				}, options.connectTimeoutMs ?? 5_000);
				socket.once('error', (error) => {
					clearTimeout(timer);
					reject(new LinkError(description, error.message));
				});
				socket.once('connect', () => {
					clearTimeout(timer);
					socket.removeAllListeners('error');
					socket.setNoDelay(true);
					resolve(new TcpLink(description, socket));
				});
			})
	};
}

/** Wraps an already connected socket, e.g. one a simulator's server accepted. */
export function tcpLinkFromSocket(socket: net.Socket, description = `tcp:${socket.remoteAddress}:${socket.remotePort}`): ByteLink {
	return new TcpLink(description, socket);
}

class TcpLink extends EventEmitter<ByteLinkEvents> implements ByteLink {
	#closedByUs = false;
	#closed = false;

	constructor(
		readonly description: string,
		private readonly socket: net.Socket
	) {
		super();
		socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
		let lastError: Error | null = null;
		socket.on('error', (error) => (lastError = error));
		socket.on('close', () => this.#gone(this.#closedByUs ? null : (lastError ?? new LinkError(description, 'connection closed by the device'))));
	}

	get isOpen(): boolean {
		return !this.#closed && !this.socket.destroyed;
	}

	write(bytes: Uint8Array): Promise<void> {
		if (!this.isOpen) return Promise.reject(new LinkError(this.description, 'closed'));
		return new Promise((resolve, reject) => this.socket.write(Buffer.from(bytes), (error) => (error ? reject(new LinkError(this.description, error.message)) : resolve())));
	}

	close(): Promise<void> {
		if (this.#closed) return Promise.resolve();
		this.#closedByUs = true;
		return new Promise((resolve) => {
			this.socket.once('close', () => resolve());
			this.socket.end();
			setTimeout(() => this.socket.destroy(), 200).unref();
		});
	}

	#gone(error: Error | null): void {
		if (this.#closed) return;
		this.#closed = true;
		this.emit('close', error);
	}
}
