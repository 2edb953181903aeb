import net from 'node:net';

/** A bare TCP connection for speaking SIP2 by hand in tests: send raw text, await raw answers. */
export class RawSipConnection {
	private buffer = '';
	private waiters: (() => void)[] = [];
	closed = false;

	private constructor(private readonly socket: net.Socket) {
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			for (const wake of this.waiters.splice(0)) wake();
		});
		socket.on('close', () => {
			this.closed = true;
			for (const wake of this.waiters.splice(0)) wake();
		});
	}

	static open(port: number): Promise<RawSipConnection> {
		return new Promise((resolve, reject) => {
			const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(new RawSipConnection(socket)));
			socket.once('error', reject);
		});
	}

	send(text: string): void {
		this.socket.write(text);
	}

	/** The next answer including its terminator (CR or CRLF), or null if the connection closed. */
	async next(timeoutMs = 2_000): Promise<string | null> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const end = this.buffer.indexOf('\r');
			if (end >= 0) {
				const length = this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
				if (this.buffer[end + 1] === undefined && !this.closed) {
					// A CR at the very end may be followed by an LF still in flight; give it a moment.
					await this.wait(Math.min(50, deadline - Date.now()));
				}
				const finalLength = this.buffer[end + 1] === '\n' ? end + 2 : length;
				const answer = this.buffer.slice(0, finalLength);
				this.buffer = this.buffer.slice(finalLength);
				return answer;
			}
			if (this.closed) return null;
			if (Date.now() >= deadline) throw new Error('no answer in time');
			await this.wait(deadline - Date.now());
		}
	}

	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, Math.max(0, ms));
			this.waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	close(): void {
		this.socket.destroy();
	}
}
